import Foundation

/// The bearer token, from `VARDE_TOKEN` or a token file that only its owner can read.
/// Never printed, logged or put on the command line.
public enum AccessToken {
    /// Why a token file cannot be used.
    public struct Problem: Error, CustomStringConvertible {
        public let description: String
    }

    /// The token from the environment, else from `file` (if given and present).
    public static func load(environment: [String: String] = ProcessInfo.processInfo.environment,
                            file: String?) throws(Problem) -> String? {
        if let token = environment["VARDE_TOKEN"], !token.isEmpty {
            // Never the token itself in the message: only where it came from.
            guard !hasControlCharacter(token) else {
                throw Problem(description: "the access token in VARDE_TOKEN contains a control character (such as a line break); "
                              + "set VARDE_TOKEN to the token alone")
            }
            return token
        }
        guard let file else { return nil }
        var info = stat()
        guard stat(file, &info) == 0 else {
            if errno == ENOENT { return nil }
            throw Problem(description: "cannot read the token file \(file)")
        }
        let mode = info.st_mode & 0o777
        guard mode & 0o077 == 0 else {
            throw Problem(description: "the token file \(file) can be read by others (mode \(String(mode, radix: 8))); "
                          + "run: chmod 600 \(file)")
        }
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
            throw Problem(description: "cannot read the token file \(file)")
        }
        let token = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !hasControlCharacter(token) else {
            throw Problem(description: "the token file \(file) contains a control character (such as a line break) inside the token; "
                          + "it must hold the token alone, on one line")
        }
        return token.isEmpty ? nil : token
    }

    /// Whether a token holds a character that could end the Authorization header and start another
    /// (CR, LF) or otherwise has no place in a bearer token (C0, DEL, C1).
    public static func hasControlCharacter(_ token: String) -> Bool {
        token.unicodeScalars.contains { $0.value < 0x20 || (0x7f...0x9f).contains($0.value) }
    }
}
