import Foundation

// libFuzzer entry for what turns outside bytes into keys, themes and screen text (built by `make fuzz`,
// compiled into one module with the Terminal files it needs). On every input:
// - the bytes as key names (`Key(name:)`, one per line, as `[keys]` in config.toml gives them) and as
//   terminal character codes (`Key(characterCode:)`, four bytes each) never crash;
// - the text as a theme file either parses into a theme whose colours are all -1…255 or throws ThemeError;
// - the text as it comes from the network: `Sanitiser.inert` leaves nothing that moves the cursor,
//   `DisplayWidth.fit` gives exactly the width asked for, `TextWrap` rows stay within the text and the width.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    keyCodes(bytes)
    let text = String(decoding: bytes, as: UTF8.self)
    for line in text.split(separator: "\n", omittingEmptySubsequences: false).prefix(64) {
        _ = Key(name: String(line))
    }
    theme(text)
    screenText(text, width: 1 + Int(bytes.first ?? 0) % 40)
    return 0
}

private func keyCodes(_ bytes: UnsafeBufferPointer<UInt8>) {
    var index = 0
    while index + 4 <= bytes.count {
        let code = Int32(bitPattern: UInt32(bytes[index]) | UInt32(bytes[index + 1]) << 8
                                     | UInt32(bytes[index + 2]) << 16 | UInt32(bytes[index + 3]) << 24)
        _ = Key(characterCode: code)
        index += 4
    }
    for byte in bytes { _ = Key(characterCode: Int32(byte)) }
}

private func theme(_ text: String) {
    guard let theme = try? Theme.parse(text, file: "fuzz.theme") else { return }
    for role in Role.allCases {
        let look = theme.appearance(role)
        guard (-1...255).contains(look.foreground), (-1...255).contains(look.background) else {
            fatalError("role \(role) has colours \(look.foreground) on \(look.background)")
        }
    }
}

private func screenText(_ text: String, width: Int) {
    let inert = Sanitiser.inert(text)
    if let scalar = inert.unicodeScalars.first(where: Sanitiser.isDangerous) {
        fatalError("Sanitiser left U+\(String(scalar.value, radix: 16)) in \(inert.debugDescription)")
    }
    let fitted = DisplayWidth.fit(inert, width)
    guard DisplayWidth.of(fitted) == width else {
        fatalError("fit(\(inert.debugDescription), \(width)) is \(DisplayWidth.of(fitted)) wide: \(fitted.debugDescription)")
    }
    let characters = Array(inert)
    var previousEnd = 0
    for row in TextWrap.rows(characters, width: width) {
        guard row.lowerBound >= previousEnd, row.upperBound <= characters.count else {
            fatalError("row \(row) of \(characters.count) characters after \(previousEnd)")
        }
        let cells = characters[row].reduce(0) { $0 + DisplayWidth.of($1) }
        guard cells <= width || row.count == 1 else {
            fatalError("a row of \(cells) cells in width \(width): \(String(characters[row]).debugDescription)")
        }
        previousEnd = row.upperBound
    }
}
