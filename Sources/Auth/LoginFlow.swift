import Crypto
import Foundation
import VardeDomain

/// `varde login`: authorization code with PAR and PKCE (S256) in the system browser on a loopback redirect,
/// `state` and `iss` checked, the code exchanged with DPoP, then one access token per API through the
/// refresh grant with `resource` and the attestation in the client assertion (helseid.md §1).
public struct LoginFlow: Sendable {
    public let server: AuthorizationServer
    public let clock: @Sendable () -> Date

    public init(server: AuthorizationServer, clock: @escaping @Sendable () -> Date = Date.init) {
        self.server = server
        self.clock = clock
    }

    /// Identity scopes a login always asks for (HelseID's native client sample), before the API scopes.
    public static let identityScopes = ["openid", "profile", "offline_access", "helseid://scopes/identity/pid",
                                        "helseid://scopes/identity/security_level", "helseid://scopes/hpr/hpr_number"]

    /// A PKCE pair: the verifier (kept) and its S256 challenge (sent).
    public static func pkce() -> (verifier: String, challenge: String) {
        let verifier = Base64URL.encode(SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) })
        return (verifier, Base64URL.encode(SHA256.hash(data: Data(verifier.utf8))))
    }

    /// Starts the login: PAR, then the URL to open in the browser. `finish` completes it from the callback.
    public func start(redirect: LoopbackRedirect) throws(LoginError) -> PendingLogin {
        let settings = server.settings
        let (verifier, challenge) = Self.pkce()
        let state = Base64URL.encode(SymmetricKey(size: .bits128).withUnsafeBytes { Data($0) })
        let fields: [(String, String)] = [
            ("client_id", settings.clientID), ("scope", (Self.identityScopes + settings.scopes).joined(separator: " ")),
            ("redirect_uri", redirect.redirectURI), ("response_type", "code"), ("code_challenge", challenge),
            ("code_challenge_method", "S256"), ("state", state), ("prompt", "login"),
        ] + settings.resources.map { ("resource", $0) }
        let requestURI = try server.pushAuthorizationRequest(fields)
        let endpoint = try server.discovery().authorizationEndpoint
        var components = URLComponents(string: endpoint)
        components?.queryItems = [URLQueryItem(name: "client_id", value: settings.clientID),
                                  URLQueryItem(name: "request_uri", value: requestURI)]
        guard let url = components?.url?.absoluteString else {
            throw LoginError(code: "discovery", "HelseID's authorization endpoint \(endpoint) is not a URL")
        }
        return PendingLogin(url: url, state: state, verifier: verifier, redirectURI: redirect.redirectURI)
    }

    /// A login waiting for the browser to come back.
    public struct PendingLogin: Sendable {
        /// The URL to open in the browser (holds no secret: the request itself was pushed).
        public let url: String
        let state: String
        let verifier: String
        let redirectURI: String
    }

    /// Checks the callback and exchanges the code; then one token per configured API. Returns the login to save.
    public func finish(_ pending: PendingLogin, callback: [String: String]) throws(LoginError) -> LoginFile {
        let settings = server.settings
        if let error = callback["error"] {
            throw LoginError.fromServer(error, callback["error_description"], at: "the authorization endpoint")
        }
        guard callback["state"] == pending.state else {
            throw LoginError(code: "state", "the login that came back is not the one Varde started (state differs); run varde login again")
        }
        guard let iss = callback["iss"] else {
            throw LoginError(code: "iss", "the login came back without iss; Varde cannot tell it came from HelseID")
        }
        guard iss == settings.issuer else {
            throw LoginError(code: "iss", "the login came back from \(LoginError.sanitised(iss)), not from \(settings.issuer); refused")
        }
        guard let code = callback["code"] else { throw LoginError(code: "code", "the login came back without a code") }
        let now = clock()
        let first = try server.token([("grant_type", "authorization_code"), ("code", code),
                                      ("redirect_uri", pending.redirectURI), ("code_verifier", pending.verifier)])
        try Self.requireSecurityLevel4(first.idToken)
        guard let refresh = first.refreshToken else {
            throw LoginError(code: "refresh", "HelseID gave no refresh token (is offline_access allowed for the client?)")
        }
        var login = LoginFile(issuer: settings.issuer, clientID: settings.clientID, refreshToken: refresh,
                              refreshExpiresAt: first.refreshExpiresIn.map { now.addingTimeInterval($0) })
        let details: [[String: Any]]
        do {
            details = [try Attestation.organisation(settings), try Attestation.trustFramework(settings)]
        } catch {
            throw LoginError(code: "config", error.description)
        }
        for resource in settings.resources {
            let token = try server.token([("grant_type", "refresh_token"), ("refresh_token", login.refreshToken ?? refresh),
                                          ("resource", resource)], details: details)
            login.grants[resource] = LoginFile.Grant(accessToken: token.accessToken, expiresAt: now.addingTimeInterval(token.expiresIn))
            if let newRefresh = token.refreshToken { login.refreshToken = newRefresh }
        }
        return login
    }

    /// The ID token must say security level 4 (BankID, Buypass): PMD demands it. The token came straight from
    /// the token endpoint over TLS, so its claims are read, not verified again (OpenID Connect §3.1.3.7).
    static func requireSecurityLevel4(_ idToken: String?) throws(LoginError) {
        guard let idToken, let jwt = try? CompactJWT(idToken) else {
            throw LoginError(code: "id_token", "HelseID gave no ID token; cannot tell the login's security level")
        }
        guard jwt.string("helseid://claims/identity/security_level") == "4" else {
            throw LoginError(code: "security_level", "the login is not at security level 4 (BankID or Buypass); the national services refuse it")
        }
    }
}
