import Foundation
import HTTPTypes
import Hummingbird
import VardeAuth

/// The simulated resource server's door (RFC 9449 §7): every FHIR request must carry `Authorization: DPoP`
/// with a token this simulated HelseID signed for this API, and a fresh proof bound to that token's key.
/// Refusals are 401 with `WWW-Authenticate: DPoP error=…` (403 when the token lacks level 4 or the attestation).
struct ResourceGuard: RouterMiddleware {
    typealias Context = BasicRequestContext
    let authority: SimAuthority
    static let authenticate = HTTPField.Name("WWW-Authenticate")!
    static let correlation = HTTPField.Name("correlation-id")!

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        if path.hasPrefix("/connect/") || path.hasPrefix("/.well-known/") { return try await next(request, context) }
        if let refusal = refusal(for: request) { return challenge(refusal) }
        return try await next(request, context)
    }

    /// Why the request may not pass, or nil when it may.
    private func refusal(for request: Request) -> OAuthRefusal? {
        do {
            try check(request)
            return nil
        } catch {
            return error
        }
    }

    private func check(_ request: Request) throws(OAuthRefusal) {
        guard let authorization = request.headers[.authorization] else { throw invalidToken("no access token", error: nil) }
        let parts = authorization.split(separator: " ", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { throw invalidToken("malformed Authorization header") }
        guard parts[0] == "DPoP" else { throw invalidToken("the token is DPoP-bound and must be sent with the DPoP scheme, not \(parts[0])") }
        let token = parts[1]
        let jwt: CompactJWT
        do { jwt = try CompactJWT(token) } catch { throw invalidToken("the access token is not a JWT") }
        guard jwt.header["alg"] as? String == "ES256", jwt.header["kid"] as? String == authority.signingKey.kid,
              authority.signingKey.publicJWK.verifies(jwt.signature, over: jwt.signingInput, alg: "ES256") else {
            throw invalidToken("the access token's signature does not verify")
        }
        let now = authority.now
        guard jwt.string("iss") == authority.issuer else { throw invalidToken("the access token is from another issuer") }
        guard jwt.string("aud") == authority.auth.audience else { throw invalidToken("the access token is for another API (aud)") }
        guard let exp = jwt.seconds("exp"), exp > now.timeIntervalSince1970 else { throw invalidToken("the access token has expired") }
        let scopes = (jwt.string("scope") ?? "").split(separator: " ")
        guard scopes.contains(where: { $0.hasPrefix(authority.auth.audience + "/") }) else {
            throw OAuthRefusal(status: 403, error: "insufficient_scope", description: "the access token has no scope for \(authority.auth.audience)")
        }
        guard let jkt = (jwt.claims["cnf"] as? [String: Any])?["jkt"] as? String else {
            throw invalidToken("the access token is not DPoP-bound")
        }
        let url = "http://\(request.head.authority ?? "127.0.0.1")\(request.uri.path)"
        let proofKey = try authority.checks.dpop(request.headers[values: AuthorizationEndpoints.dpopName], method: request.method.rawValue,
                                                 url: url, accessToken: token, nonce: authority.resourceNonce, now: now) { description in
            OAuthRefusal(status: 401, error: "invalid_dpop_proof", description: description)
        }
        guard proofKey == jkt else { throw invalidToken("the DPoP proof's key is not the key the token is bound to (cnf.jkt)") }
        if jwt.string("sub") != nil {
            guard jwt.string("helseid://claims/identity/security_level") == "4" else {
                throw OAuthRefusal(status: 403, error: "insufficient_user_authentication", description: "the nurse must log in at security level 4")
            }
            guard jwt.claims["nhn:tillitsrammeverk:parameters"] != nil else {
                throw OAuthRefusal(status: 403, error: "insufficient_scope", description: "the access token lacks the nhn:tillitsrammeverk:parameters attestation")
            }
        }
        if request.uri.path.hasPrefix("/pmd") {
            guard request.headers[Self.correlation] != nil else {
                throw OAuthRefusal(status: 400, error: "invalid_request", description: "PMD requires a correlation-id header")
            }
        }
    }

    private func invalidToken(_ description: String, error: String? = "invalid_token") -> OAuthRefusal {
        OAuthRefusal(status: 401, error: error ?? "", description: description)
    }

    private func challenge(_ refusal: OAuthRefusal) -> Response {
        var value = #"DPoP algs="\#(JWSAlgorithm.approvedNames.sorted().joined(separator: " "))""#
        if !refusal.error.isEmpty { value += #", error="\#(refusal.error)", error_description="\#(refusal.description)""# }
        var response = json(refusal.status, refusal.error.isEmpty ? [:] : ["error": refusal.error, "error_description": refusal.description])
        response.headers[Self.authenticate] = value
        if let nonce = refusal.nonce ?? authority.resourceNonce { response.headers[AuthorizationEndpoints.nonceName] = nonce }
        return response
    }
}
