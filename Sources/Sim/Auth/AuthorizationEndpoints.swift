import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import VardeAuth

/// The simulated HelseID's authorization server: discovery, PAR, an authorize step that logs the simulated
/// nurse in at once (no browser: it redirects straight back with code, state and iss), and the token
/// endpoint for authorization_code + PKCE, refresh_token with `resource`, and client_credentials.
struct AuthorizationEndpoints {
    let authority: SimAuthority
    static let dpopName = HTTPField.Name("DPoP")!
    static let nonceName = HTTPField.Name("DPoP-Nonce")!

    func register(on router: Router<BasicRequestContext>) {
        router.get(".well-known/openid-configuration") { _, _ in discovery() }
        router.post("connect/par") { request, _ in try await respond { try await par(request) } }
        router.get("connect/authorize") { request, _ in authorize(request) }
        router.post("connect/token") { request, _ in try await respond { try await token(request) } }
    }

    private func discovery() -> Response {
        let issuer = authority.issuer
        return json(200, [
            "issuer": issuer, "authorization_endpoint": issuer + "/connect/authorize", "token_endpoint": issuer + "/connect/token",
            "pushed_authorization_request_endpoint": issuer + "/connect/par", "require_pushed_authorization_requests": true,
            "authorization_response_iss_parameter_supported": true, "code_challenge_methods_supported": ["S256"],
            "grant_types_supported": ["authorization_code", "refresh_token", "client_credentials"],
            "token_endpoint_auth_methods_supported": ["private_key_jwt"],
            "dpop_signing_alg_values_supported": JWSAlgorithm.approvedNames.sorted(),
        ])
    }

    private func par(_ request: Request) async throws -> Response {
        let (form, repeated, pairs) = try await Self.form(request)
        let now = authority.now
        let assertionDetails = try authority.checks.clientAssertion(form, repeated: repeated, auth: authority.auth,
                                                                    issuer: authority.issuer, now: now)
        guard form["response_type"] == "code" else { throw OAuthRefusal.request("response_type must be code") }
        guard form["code_challenge_method"] == "S256" else { throw OAuthRefusal.request("code_challenge_method must be S256") }
        guard let challenge = form["code_challenge"], challenge.count >= 43 else { throw OAuthRefusal.request("code_challenge is missing") }
        guard let redirect = form["redirect_uri"], Self.isLoopbackRedirect(redirect) else {
            throw OAuthRefusal.request("redirect_uri is not registered for the client")
        }
        let requestDetails = form["authorization_details"].flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) }
        if requestDetails != nil, assertionDetails != nil {
            throw OAuthRefusal(status: 400, error: "access_denied", description: "HID-DOUBLE-STRUCTURE: the structure is sent both in the request and in the client assertion")
        }
        let uri = authority.push(.init(redirectURI: redirect, challenge: challenge, state: form["state"], scope: form["scope"] ?? "",
                                       resources: Self.values("resource", in: pairs), details: requestDetails ?? assertionDetails,
                                       expires: now.addingTimeInterval(authority.auth.requestURILifetime)))
        return json(201, ["request_uri": uri, "expires_in": Int(authority.auth.requestURILifetime)])
    }

    private func authorize(_ request: Request) -> Response {
        let query = request.uri.queryParameters
        guard query.get("client_id") == authority.auth.clientID, let uri = query.get("request_uri"),
              let issued = authority.issueCode(for: uri) else {
            return Response(status: .badRequest, headers: [.contentType: "text/plain; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(string: "invalid_request: unknown, used or expired request_uri\n")))
        }
        let (code, pushed) = issued
        var items = [URLQueryItem(name: "code", value: code), URLQueryItem(name: "iss", value: authority.issuer)]
        if let state = pushed.state { items.append(URLQueryItem(name: "state", value: state)) }
        var components = URLComponents(string: pushed.redirectURI)
        components?.queryItems = items
        return Response(status: .found, headers: [.location: components?.url?.absoluteString ?? pushed.redirectURI])
    }

    private func token(_ request: Request) async throws -> Response {
        let (form, repeated, pairs) = try await Self.form(request)
        let now = authority.now
        let url = authority.issuer + "/connect/token"
        // The assertion first: its jti is spent even when the proof then lacks a nonce, so a client must
        // rebuild both for the retry, as HelseID's own library does.
        let details = try authority.checks.clientAssertion(form, repeated: repeated, auth: authority.auth, issuer: authority.issuer, now: now)
        let jkt = try authority.checks.dpop(request.headers[values: Self.dpopName], method: "POST", url: url, accessToken: nil,
                                            nonce: authority.tokenNonce, now: now, refusal: OAuthRefusal.proof)
        let resources = Self.values("resource", in: pairs)
        guard resources.count <= 1 else { throw OAuthRefusal(status: 400, error: "invalid_target", description: "one resource per token request") }
        var answer: [String: Any] = ["token_type": "DPoP", "expires_in": Int(authority.auth.accessTokenLifetime)]
        switch form["grant_type"] ?? "" {
        case "authorization_code":
            guard let code = form["code"], let pushed = authority.redeem(code) else { throw OAuthRefusal.grant("the code is unknown, expired or used already") }
            guard form["redirect_uri"] == pushed.redirectURI else { throw OAuthRefusal.grant("redirect_uri differs from the one in the authorization request") }
            guard let verifier = form["code_verifier"], Base64URL.encode(SHA256.hash(data: Data(verifier.utf8))) == pushed.challenge else {
                throw OAuthRefusal.grant("code_verifier does not match the code_challenge")
            }
            if pushed.details != nil, details != nil {
                throw OAuthRefusal(status: 400, error: "access_denied", description: "HID-DOUBLE-STRUCTURE: the structure is sent both in the request and in the client assertion")
            }
            let audience = resources.first ?? pushed.resources.first ?? authority.auth.audience
            answer["access_token"] = try authority.accessToken(audience: audience, scope: pushed.scope, jkt: jkt, user: true, details: details ?? pushed.details)
            answer["scope"] = pushed.scope
            answer["id_token"] = try authority.idToken(nonce: nil)
            if pushed.scope.split(separator: " ").contains("offline_access") {
                answer["refresh_token"] = authority.storeRefresh(scope: pushed.scope)
                answer["rt_expires_in"] = Int(authority.auth.refreshTokenLifetime)
            }
        case "refresh_token":
            guard let refresh = form["refresh_token"], let grant = authority.refreshGrant(refresh), grant.clientID == form["client_id"] else {
                throw OAuthRefusal.grant("the refresh token is unknown, expired or revoked")
            }
            let audience = resources.first ?? authority.auth.audience
            answer["access_token"] = try authority.accessToken(audience: audience, scope: grant.scope, jkt: jkt, user: true, details: details)
            answer["scope"] = grant.scope
            answer["refresh_token"] = refresh
            answer["rt_expires_in"] = Int(grant.expires.timeIntervalSince(now))
        case "client_credentials":
            let scope = form["scope"] ?? ""
            guard AttestationCheck.find("helseid_authorization", in: details) != nil else {
                throw OAuthRefusal(status: 400, error: "invalid_request", description: "client_credentials needs the organisation number in assertion_details")
            }
            let audience = resources.first ?? scope.split(separator: " ").first.map { String($0.split(separator: "/").first ?? "") } ?? authority.auth.audience
            answer["access_token"] = try authority.accessToken(audience: audience, scope: scope, jkt: jkt, user: false, details: details)
            answer["scope"] = scope
        case let other:
            throw OAuthRefusal(status: 400, error: "unsupported_grant_type", description: "grant_type \(other.isEmpty ? "(none)" : other) is not supported")
        }
        authority.count(form["grant_type"] ?? "")
        return json(200, answer)
    }

    /// Runs an endpoint, turning a refusal into HelseID's JSON error (with the nonce when one is due).
    private func respond(_ body: () async throws -> Response) async throws -> Response {
        do {
            var response = try await body()
            if let nonce = authority.tokenNonce { response.headers[Self.nonceName] = nonce }
            return response
        } catch let refusal as OAuthRefusal {
            var response = json(refusal.status, ["error": refusal.error, "error_description": refusal.description])
            if let nonce = refusal.nonce ?? authority.tokenNonce { response.headers[Self.nonceName] = nonce }
            return response
        }
    }

    /// The form fields of a body, and the names that came more than once.
    static func form(_ request: Request) async throws -> ([String: String], Set<String>, [(String, String)]) {
        guard request.headers[.contentType]?.hasPrefix("application/x-www-form-urlencoded") == true else {
            throw OAuthRefusal.request("the body must be application/x-www-form-urlencoded")
        }
        let body = try await request.body.collect(upTo: 256 * 1024)
        var fields: [String: String] = [:], repeated: Set<String> = []
        let pairs = FormBody.decode(String(buffer: body))
        for (name, value) in pairs {
            if fields[name] != nil { repeated.insert(name) }
            fields[name] = value
        }
        return (fields, repeated, pairs)
    }

    /// Every value of a form field that may repeat (`resource`).
    static func values(_ name: String, in pairs: [(String, String)]) -> [String] {
        pairs.filter { $0.0 == name }.map(\.1)
    }

    /// HelseID's test environment accepts a loopback redirect on any port (RFC 8252 §7.3).
    static func isLoopbackRedirect(_ uri: String) -> Bool {
        guard let components = URLComponents(string: uri), components.scheme == "http",
              ["localhost", "127.0.0.1"].contains(components.host ?? ""), components.port != nil else { return false }
        return components.path == "/callback" && components.query == nil
    }
}

/// A JSON answer, as HelseID sends errors and tokens (never cached).
func json(_ status: Int, _ object: [String: Any]) -> Response {
    let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
    return Response(status: .init(code: status), headers: [.contentType: "application/json", .cacheControl: "no-store"],
                    body: .init(byteBuffer: ByteBuffer(bytes: data)))
}
