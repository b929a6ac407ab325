import Foundation
import VardeDomain
import VardeService

/// The endpoints HelseID's discovery document names (`{issuer}/.well-known/openid-configuration`).
public struct Discovery: Sendable, Equatable {
    public var issuer: String
    public var authorizationEndpoint: String
    public var tokenEndpoint: String
    public var parEndpoint: String
}

/// A token endpoint's answer. `tokenType` is always DPoP: a Bearer answer is refused, never used.
public struct TokenResponse: Sendable, Equatable {
    public var accessToken: String
    public var expiresIn: TimeInterval
    public var refreshToken: String?
    public var refreshExpiresIn: TimeInterval?
    public var scope: String?
    public var idToken: String?
}

/// Why HelseID refused, with what the centre's IT or the nurse should do (helseid.md §4). Never quotes
/// a token, an assertion or a key.
public struct LoginError: Error, CustomStringConvertible, Equatable {
    public var code: String
    public var description: String

    public init(code: String, _ description: String) {
        self.code = code
        self.description = description
    }

    /// The plain-words meaning of an OAuth error from the authorization server.
    static func fromServer(_ code: String, _ serverDescription: String?, at endpoint: String) -> LoginError {
        let said = serverDescription.map { " (HelseID said: \(sanitised($0)))" } ?? ""
        switch code {
        case "invalid_client":
            return LoginError(code: code, "HelseID refused the client's signed assertion\(said): check client_id and that the key file is the one registered in HelseID's self-service, that it has not expired, and that this machine's clock is right")
        case "invalid_grant":
            return LoginError(code: code, "\(LoginStatus.expired): the login or its refresh token has run out or was used already\(said)")
        case "invalid_dpop_proof":
            return LoginError(code: code, "HelseID refused Varde's DPoP proof\(said); this is a fault in Varde or the machine's clock, report it")
        case "access_denied" where (serverDescription ?? "").hasPrefix("HID-DOUBLE-STRUCTURE"):
            return LoginError(code: code, "HelseID refused: the attestation was sent twice (PAR and assertion)\(said)")
        case "access_denied":
            return LoginError(code: code, "the login was not allowed\(said)")
        case "invalid_scope", "invalid_target":
            return LoginError(code: code, "HelseID will not give this client the scope or API asked for\(said): check scopes and resources in [helseid] against the client's access in self-service")
        case "invalid_request":
            return LoginError(code: code, "HelseID refused the request as malformed\(said)")
        case "unauthorized_client":
            return LoginError(code: code, "the client is not allowed this kind of login in HelseID\(said)")
        default:
            return LoginError(code: code, "HelseID answered \(code) at \(endpoint)\(said)")
        }
    }

    static func sanitised(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7f }.prefix(200)))
    }
}

/// Talks to HelseID's endpoints over libcurl: discovery, PAR and the token endpoint, authenticating the
/// client with a new assertion and a new DPoP proof on every call, and answering the server's DPoP nonce
/// (400 use_dpop_nonce) by rebuilding both and trying once more.
public final class AuthorizationServer: @unchecked Sendable {
    public let settings: HelseIDSettings
    public let key: SigningKey
    private let http: CurlHTTPClient
    private let clock: @Sendable () -> Date
    private let lock = NSLock()
    private var cachedDiscovery: Discovery?
    /// The token endpoint's nonce (kept apart from the resource servers').
    private var nonce: String?

    public init(settings: HelseIDSettings, key: SigningKey, http: HTTPSettings = HTTPSettings(),
                clock: @escaping @Sendable () -> Date = Date.init) {
        self.settings = settings
        self.key = key
        var http = http
        http.bearerToken = nil
        http.authorizer = nil
        self.http = CurlHTTPClient(settings: http)
        self.clock = clock
    }

    /// The discovery document, fetched once; its issuer must be the configured one.
    public func discovery() throws(LoginError) -> Discovery {
        lock.lock()
        let cached = cachedDiscovery
        lock.unlock()
        if let cached { return cached }
        let url = settings.issuer + "/.well-known/openid-configuration"
        let object = try json(try send(HTTPRequest(url: url)), at: url, expecting: 200)
        guard let issuer = object["issuer"] as? String, let authorize = object["authorization_endpoint"] as? String,
              let token = object["token_endpoint"] as? String,
              let par = object["pushed_authorization_request_endpoint"] as? String else {
            throw LoginError(code: "discovery", "HelseID's discovery document at \(url) lacks an endpoint Varde needs")
        }
        guard issuer == settings.issuer else {
            throw LoginError(code: "discovery", "the discovery document names issuer \(LoginError.sanitised(issuer)), not \(settings.issuer) as configured")
        }
        let found = Discovery(issuer: issuer, authorizationEndpoint: authorize, tokenEndpoint: token, parEndpoint: par)
        lock.lock()
        cachedDiscovery = found
        lock.unlock()
        return found
    }

    /// Pushes the authorization request (PAR) and returns its `request_uri`.
    public func pushAuthorizationRequest(_ fields: [(String, String)]) throws(LoginError) -> String {
        let endpoint = try discovery().parEndpoint
        let assertion = try makeAssertion(details: [])
        let body = FormBody.encode(fields + ClientAssertion.formFields(clientID: settings.clientID, assertion: assertion))
        let response = try send(HTTPRequest(method: "POST", url: endpoint, headers: [("Content-Type", FormBody.contentType)], body: body))
        let object = try json(response, at: endpoint, expecting: 201)
        guard let uri = object["request_uri"] as? String else {
            throw LoginError(code: "par", "HelseID's PAR answer has no request_uri")
        }
        return uri
    }

    /// A token request for `grant` (its own fields), with `details` in the client assertion.
    public func token(_ grant: [(String, String)], details: [[String: Any]] = []) throws(LoginError) -> TokenResponse {
        let endpoint = try discovery().tokenEndpoint
        var response = try tokenCall(grant, details: details, endpoint: endpoint)
        if response.status == 400, serverError(response) == "use_dpop_nonce", response.headers["dpop-nonce"] != nil {
            // The whole request again: a new proof with the nonce and a new assertion (new jti).
            response = try tokenCall(grant, details: details, endpoint: endpoint)
        }
        let object = try json(response, at: endpoint, expecting: 200)
        guard let access = object["access_token"] as? String, !access.isEmpty else {
            throw LoginError(code: "token", "HelseID's token answer has no access_token")
        }
        guard (object["token_type"] as? String)?.lowercased() == "dpop" else {
            throw LoginError(code: "token", "HelseID gave a token that is not bound to Varde's key (token_type \(LoginError.sanitised(object["token_type"] as? String ?? "none"))); Varde will not send it as Bearer")
        }
        guard !AccessToken.hasControlCharacter(access) else {
            throw LoginError(code: "token", "HelseID's access token contains a control character; refused")
        }
        if let rejected = object["rejected_scope"] as? String, !rejected.isEmpty {
            throw LoginError(code: "rejected_scope", "HelseID gave no access to \(LoginError.sanitised(rejected)): the organisation has not accepted the terms for it")
        }
        return TokenResponse(accessToken: access, expiresIn: Self.number(object["expires_in"]) ?? 60,
                             refreshToken: object["refresh_token"] as? String,
                             refreshExpiresIn: Self.number(object["rt_expires_in"]), scope: object["scope"] as? String,
                             idToken: object["id_token"] as? String)
    }

    private func tokenCall(_ grant: [(String, String)], details: [[String: Any]], endpoint: String) throws(LoginError) -> HTTPResponse {
        lock.lock()
        let nonce = self.nonce
        lock.unlock()
        let proof: String, assertion: String
        do {
            proof = try DPoPProof.make(key: key, method: "POST", url: endpoint, now: clock(), nonce: nonce)
            assertion = try makeAssertion(details: details)
        } catch let error as LoginError {
            throw error
        } catch {
            throw LoginError(code: "signing", "Varde could not sign with the key: \(error)")
        }
        let body = FormBody.encode(grant + ClientAssertion.formFields(clientID: settings.clientID, assertion: assertion))
        return try send(HTTPRequest(method: "POST", url: endpoint,
                                    headers: [("Content-Type", FormBody.contentType), ("DPoP", proof)], body: body))
    }

    private func makeAssertion(details: [[String: Any]]) throws(LoginError) -> String {
        do {
            return try ClientAssertion.make(clientID: settings.clientID, issuer: settings.issuer, key: key, now: clock(), details: details)
        } catch {
            throw LoginError(code: "signing", "Varde could not sign the client assertion with the key: \(error)")
        }
    }

    private func send(_ request: HTTPRequest) throws(LoginError) -> HTTPResponse {
        let response: HTTPResponse
        do {
            response = try http.send(request)
        } catch {
            throw LoginError(code: "unreachable", "cannot reach HelseID at \(settings.issuer): \(error.message)")
        }
        if let newNonce = response.headers["dpop-nonce"] {
            lock.lock()
            nonce = newNonce
            lock.unlock()
        }
        return response
    }

    private func serverError(_ response: HTTPResponse) -> String? {
        ((try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any])?["error"] as? String
    }

    private func json(_ response: HTTPResponse, at url: String, expecting status: Int) throws(LoginError) -> [String: Any] {
        let object = (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any]
        guard response.status == status || (status == 201 && response.status == 200) else {
            if let code = object?["error"] as? String {
                throw LoginError.fromServer(code, object?["error_description"] as? String, at: url)
            }
            throw LoginError(code: "http", "HelseID answered \(response.status) at \(url)")
        }
        guard let object else { throw LoginError(code: "http", "HelseID's answer at \(url) is not JSON") }
        return object
    }

    static func number(_ value: Any?) -> TimeInterval? {
        if let whole = value as? Int { return TimeInterval(whole) }
        return value as? Double
    }
}

/// `application/x-www-form-urlencoded`, with every reserved character escaped.
public enum FormBody {
    public static let contentType = "application/x-www-form-urlencoded"
    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    public static func encode(_ fields: [(String, String)]) -> Data {
        Data(fields.map { escape($0.0) + "=" + escape($0.1) }.joined(separator: "&").utf8)
    }

    static func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }

    /// The fields of a form body or query (the simulator reads them back).
    public static func decode(_ text: String) -> [(String, String)] {
        text.split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            func unescape(_ s: String) -> String { (s.replacingOccurrences(of: "+", with: " ").removingPercentEncoding) ?? s }
            return (unescape(parts[0]), parts.count > 1 ? unescape(parts[1]) : "")
        }
    }
}
