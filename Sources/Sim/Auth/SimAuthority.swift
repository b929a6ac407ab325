import Crypto
import Foundation
import VardeAuth

/// The simulated HelseID's state: pushed requests, codes, refresh tokens, nonces and the key that signs
/// its access tokens. Tests reach it through `SimServer.authority` (to make a nonce stale, say).
public final class SimAuthority: @unchecked Sendable {
    public let auth: SimAuth
    let checks = ProofChecks()
    let signingKey: SigningKey
    private let lock = NSLock()
    private var boundIssuer = "http://127.0.0.1"
    private var pushed: [String: PushedRequest] = [:]
    private var codes: [String: IssuedCode] = [:]
    private var refreshTokens: [String: RefreshGrant] = [:]
    private var tokenNonceValue = UUID().uuidString
    private var resourceNonceValue = UUID().uuidString
    /// The clock the server judges times by (tests move it to expire tokens).
    public var clockOffset: TimeInterval {
        get { lock.withLock { offset } }
        set { lock.withLock { offset = newValue } }
    }
    private var offset: TimeInterval = 0
    /// How many token requests were answered, by grant (for tests of refresh).
    public var grantsIssued: [String: Int] { lock.withLock { issued } }
    private var issued: [String: Int] = [:]

    struct PushedRequest {
        var redirectURI: String
        var challenge: String
        var state: String?
        var scope: String
        var resources: [String]
        var details: Any?
        var expires: Date
    }

    struct IssuedCode {
        var request: PushedRequest
        var expires: Date
    }

    struct RefreshGrant {
        var clientID: String
        var scope: String
        var expires: Date
    }

    public init(auth: SimAuth) {
        self.auth = auth
        // The simulator's own key that signs access and ID tokens; generating P-256 never fails.
        signingKey = try! SigningKey.generate(.es256)
    }

    var now: Date { Date().addingTimeInterval(clockOffset) }

    public var issuer: String { lock.withLock { boundIssuer } }
    func bind(port: Int) { lock.withLock { boundIssuer = "http://127.0.0.1:\(port)" } }

    /// The current nonces; a new one makes every nonce a client holds stale.
    public func rotateNonces() {
        lock.withLock {
            tokenNonceValue = UUID().uuidString
            resourceNonceValue = UUID().uuidString
        }
    }

    var tokenNonce: String? { auth.tokenNonce ? lock.withLock { tokenNonceValue } : nil }
    var resourceNonce: String? { auth.resourceNonce ? lock.withLock { resourceNonceValue } : nil }

    func push(_ request: PushedRequest) -> String {
        let uri = "urn:ietf:params:oauth:request_uri:" + UUID().uuidString.lowercased()
        lock.withLock { pushed[uri] = request }
        return uri
    }

    /// Takes a pushed request (single use) and issues a code for it.
    func issueCode(for requestURI: String) -> (code: String, request: PushedRequest)? {
        let now = self.now // read before the lock: `now` takes it too
        return lock.withLock {
            guard let request = pushed.removeValue(forKey: requestURI), request.expires > now else { return nil }
            let code = UUID().uuidString.lowercased()
            codes[code] = IssuedCode(request: request, expires: now.addingTimeInterval(60))
            return (code, request)
        }
    }

    /// Takes a code (single use).
    func redeem(_ code: String) -> PushedRequest? {
        let now = self.now
        return lock.withLock {
            guard let issued = codes.removeValue(forKey: code), issued.expires > now else { return nil }
            return issued.request
        }
    }

    func storeRefresh(scope: String) -> String {
        let token = Base64URL.encode(SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) })
        let expires = now.addingTimeInterval(auth.refreshTokenLifetime)
        lock.withLock { refreshTokens[token] = RefreshGrant(clientID: auth.clientID, scope: scope, expires: expires) }
        return token
    }

    func refreshGrant(_ token: String) -> RefreshGrant? {
        let now = self.now
        return lock.withLock {
            guard let grant = refreshTokens[token], grant.expires > now else { return nil }
            return grant
        }
    }

    /// Ends every refresh token (the nurse's login has run out).
    public func revokeRefreshTokens() {
        lock.withLock { refreshTokens = [:] }
    }

    func count(_ grant: String) {
        lock.withLock { issued[grant, default: 0] += 1 }
    }

    /// A signed access token for `audience`, bound to the proof key `jkt`.
    func accessToken(audience: String, scope: String, jkt: String, user: Bool, details: Any?) throws -> String {
        let t = Int(now.timeIntervalSince1970)
        var claims: [String: Any] = [
            "iss": issuer, "aud": audience, "iat": t, "nbf": t, "exp": t + Int(auth.accessTokenLifetime),
            "jti": UUID().uuidString.lowercased(), "client_id": auth.clientID, "scope": scope, "cnf": ["jkt": jkt],
        ]
        if user {
            claims["sub"] = "sim-nurse"
            claims["helseid://claims/identity/security_level"] = auth.securityLevel
        }
        if let trust = AttestationCheck.find("nhn:tillitsrammeverk:parameters", in: details) {
            claims["nhn:tillitsrammeverk:parameters"] = trust
        }
        if let org = AttestationCheck.find("helseid_authorization", in: details),
           let value = (((org["practitioner_role"] as? [String: Any])?["organization"] as? [String: Any])?["identifier"] as? [String: Any])?["value"] {
            claims["helseid://claims/client/claims/orgnr_child"] = value
        }
        return try CompactJWT.sign(header: ["typ": "at+jwt", "kid": signingKey.kid], claims: claims, key: signingKey)
    }

    func idToken(nonce: String?) throws -> String {
        let t = Int(now.timeIntervalSince1970)
        var claims: [String: Any] = ["iss": issuer, "aud": auth.clientID, "iat": t, "exp": t + 300, "sub": "sim-nurse",
                                     "name": "Simulert Sykepleier", "helseid://claims/identity/security_level": auth.securityLevel]
        if let nonce { claims["nonce"] = nonce }
        return try CompactJWT.sign(header: ["typ": "JWT", "kid": signingKey.kid], claims: claims, key: signingKey)
    }
}
