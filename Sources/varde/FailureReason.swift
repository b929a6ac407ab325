import Foundation

/// A runtime failure in plain words for the one line on stderr: a file-system error as the system
/// says it ("Not a directory"), never Foundation's domain and code; a database error without the SQL
/// statement that met it.
func plainReason(_ error: any Error) -> String {
    if let posix = posixCode(of: error) { return String(cString: strerror(posix)) }
    if error is CocoaError || (error as NSError).domain == NSCocoaErrorDomain {
        return cocoaReason((error as NSError).code)
    }
    let text = String(describing: error)
    // GRDB's DatabaseError says "SQLite error 14: unable to open database file - while executing `…`".
    if let statement = text.range(of: " - while executing") { return String(text[..<statement.lowerBound]) }
    return text
}

/// The POSIX error number behind a Foundation file-system error, if it names one.
private func posixCode(of error: any Error) -> Int32? {
    if let posix = error as? POSIXError { return posix.code.rawValue }
    let bridged = error as NSError
    if bridged.domain == NSPOSIXErrorDomain { return Int32(bridged.code) }
    if let underlying = bridged.userInfo[NSUnderlyingErrorKey] as? NSError { return posixCode(of: underlying) }
    return nil
}

/// Foundation's file-system errors that come without a POSIX error number.
private func cocoaReason(_ code: Int) -> String {
    switch CocoaError.Code(rawValue: code) {
    case .fileNoSuchFile, .fileReadNoSuchFile: "no such file or folder"
    case .fileReadNoPermission, .fileWriteNoPermission: "permission denied"
    case .fileWriteOutOfSpace: "the disk is full"
    case .fileWriteVolumeReadOnly: "the disk is read-only"
    case .fileWriteFileExists: "a file of that name is in the way"
    case .fileReadCorruptFile, .fileReadInapplicableStringEncoding: "the file cannot be read as text"
    default: "the file system refused (error \(code))"
    }
}
