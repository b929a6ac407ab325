import Foundation

/// The nurse's login between commands: the refresh token and one DPoP-bound access token per API, in a
/// 0600 file in the Varde home (never in the cache, logs or argv). Written whole and renamed into place,
/// so a console reading it meanwhile sees the old login or the new, never half of one.
public struct LoginFile: Sendable, Equatable {
    public static let fileName = "helseid-login.json"

    /// One API's access token.
    public struct Grant: Sendable, Equatable {
        public var accessToken: String
        public var expiresAt: Date
    }

    public var issuer: String
    public var clientID: String
    public var refreshToken: String?
    public var refreshExpiresAt: Date?
    /// API audience (resource) → its access token.
    public var grants: [String: Grant]

    public init(issuer: String, clientID: String, refreshToken: String?, refreshExpiresAt: Date?, grants: [String: Grant] = [:]) {
        self.issuer = issuer
        self.clientID = clientID
        self.refreshToken = refreshToken
        self.refreshExpiresAt = refreshExpiresAt
        self.grants = grants
    }

    /// Why the login file cannot be read or written; never quotes a token.
    public struct Problem: Error, CustomStringConvertible {
        public let description: String
    }

    /// The login in `path`, nil when there is none; refused when others could read the file.
    public static func load(_ path: String) throws(Problem) -> LoginFile? {
        var info = stat()
        guard stat(path, &info) == 0 else {
            if errno == ENOENT { return nil }
            throw Problem(description: "cannot read the login file \(path): \(String(cString: strerror(errno)))")
        }
        guard info.st_mode & 0o077 == 0 else {
            throw Problem(description: "the login file \(path) can be read by others; run: chmod 600 \(path), then varde login")
        }
        guard let data = FileManager.default.contents(atPath: path),
              let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
              let issuer = object["issuer"] as? String, let clientID = object["client_id"] as? String else {
            throw Problem(description: "the login file \(path) is damaged; run varde login")
        }
        var grants: [String: Grant] = [:]
        for (resource, value) in object["grants"] as? [String: Any] ?? [:] {
            guard let grant = value as? [String: Any], let token = grant["access_token"] as? String,
                  let expires = AuthorizationServer.number(grant["expires_at"]) else { continue }
            grants[resource] = Grant(accessToken: token, expiresAt: Date(timeIntervalSince1970: expires))
        }
        return LoginFile(issuer: issuer, clientID: clientID, refreshToken: object["refresh_token"] as? String,
                         refreshExpiresAt: AuthorizationServer.number(object["refresh_expires_at"]).map(Date.init(timeIntervalSince1970:)),
                         grants: grants)
    }

    /// Writes the login to `path` (mode 0600, atomically).
    public func save(_ path: String) throws(Problem) {
        var object: [String: Any] = ["issuer": issuer, "client_id": clientID]
        if let refreshToken { object["refresh_token"] = refreshToken }
        if let refreshExpiresAt { object["refresh_expires_at"] = Int(refreshExpiresAt.timeIntervalSince1970) }
        object["grants"] = grants.mapValues { ["access_token": $0.accessToken, "expires_at": Int($0.expiresAt.timeIntervalSince1970)] }
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else {
            throw Problem(description: "cannot encode the login")
        }
        let temporary = path + ".\(getpid()).tmp"
        unlink(temporary)
        do {
            try KeyFile.create(temporary, data, mode: 0o600)
        } catch {
            throw Problem(description: "cannot write the login file: \(error.description)")
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw Problem(description: "cannot put the login file in place at \(path): \(reason)")
        }
    }

    /// Removes the login (`varde login --logout`, or a login HelseID no longer honours).
    public static func remove(_ path: String) {
        unlink(path)
    }
}
