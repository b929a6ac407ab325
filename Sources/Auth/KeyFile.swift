import Foundation

/// The client's key pair on disk: `<prefix>_jwk.json` (private, mode 0600) and `<prefix>_jwk_pub.json`
/// (public, for HelseID's self-service), as NHN's JWK generator names them.
public enum KeyFile {
    /// Why a key file cannot be written or used; never quotes the key.
    public struct Problem: Error, CustomStringConvertible, Equatable {
        public let description: String
    }

    /// Writes a new key pair beside `prefix`; refuses to overwrite either file. Returns the two paths.
    @discardableResult
    public static func write(_ key: SigningKey, prefix: String) throws(Problem) -> (privateKey: String, publicKey: String) {
        let privatePath = prefix + "_jwk.json", publicPath = prefix + "_jwk_pub.json"
        for path in [privatePath, publicPath] where FileManager.default.fileExists(atPath: path) {
            throw Problem(description: "\(path) exists already; Varde will not overwrite a key (move it away first)")
        }
        try create(privatePath, json(key.privateMembers), mode: 0o600)
        try create(publicPath, json(key.publicJWK.members), mode: 0o644)
        return (privatePath, publicPath)
    }

    /// The private key in `path`, refused when others could read it, when it is missing, or not a private JWK.
    public static func load(_ path: String) throws(Problem) -> SigningKey {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw Problem(description: "cannot read the key file \(path): \(String(cString: strerror(errno)))")
        }
        let mode = info.st_mode & 0o777
        guard mode & 0o077 == 0 else {
            throw Problem(description: "the key file \(path) can be read by others (mode \(String(mode, radix: 8))); run: chmod 600 \(path)")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Problem(description: "cannot read the key file \(path)")
        }
        let members: [String: Any]
        do {
            guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                throw Problem(description: "the key file \(path) is not a JSON object (a JWK)")
            }
            members = object
        } catch let problem as Problem {
            throw problem
        } catch {
            throw Problem(description: "the key file \(path) is not JSON (a JWK)")
        }
        do {
            return try SigningKey(members: members)
        } catch {
            throw Problem(description: "the key file \(path) cannot be used: \(error.description)")
        }
    }

    static func json(_ members: [String: Any]) -> Data {
        // Sorted keys: a file that reads the same every time; JSONSerialization never fails on strings.
        (try? JSONSerialization.data(withJSONObject: members, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]))
            .map { $0 + Data("\n".utf8) } ?? Data()
    }

    /// Creates `path` with `mode` from the start (never briefly readable by others) and writes `data`.
    static func create(_ path: String, _ data: Data, mode: mode_t) throws(Problem) {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, mode)
        guard fd >= 0 else { throw Problem(description: "cannot create \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        _ = fchmod(fd, mode) // the umask may have narrowed the public file; the private one stays 0600
        let written = data.withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
        guard written == data.count else { throw Problem(description: "cannot write \(path): \(String(cString: strerror(errno)))") }
    }
}
