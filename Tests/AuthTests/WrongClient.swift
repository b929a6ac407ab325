import Foundation
import VardeService
@testable import VardeAuth

/// A deliberately wrong client: it builds HelseID requests by hand, so a test can break exactly one rule
/// of the contract (a claim, a header, a signature) and see the simulated HelseID refuse it.
struct WrongClient {
    let key: SigningKey
    let clientID: String
    let issuer: String
    var now: Date { Date() }

    /// A client assertion as Varde makes it, after `tweak` changed its header or claims; signed by `signer`.
    func assertion(signer: SigningKey? = nil, tweak: (inout [String: Any], inout [String: Any]) -> Void = { _, _ in }) -> String {
        let t = Int(now.timeIntervalSince1970)
        var header: [String: Any] = ["typ": "client-authentication+jwt", "kid": key.kid]
        var claims: [String: Any] = ["iss": clientID, "sub": clientID, "aud": issuer, "iat": t, "nbf": t, "exp": t + 10,
                                     "jti": UUID().uuidString, "assertion_details": Self.organisation]
        tweak(&header, &claims)
        return Self.sign(header, claims, with: signer ?? key)
    }

    /// A DPoP proof for `method` `url`, after `tweak`; signed by `signer` (its public key in `jwk` unless tweaked).
    func proof(method: String = "POST", url: String, accessToken: String? = nil, nonce: String? = nil, signer: SigningKey? = nil,
               tweak: (inout [String: Any], inout [String: Any]) -> Void = { _, _ in }) -> String {
        let signer = signer ?? key
        var jwk = signer.publicJWK.members
        jwk["kid"] = nil
        var header: [String: Any] = ["typ": "dpop+jwt", "jwk": jwk]
        var claims: [String: Any] = ["jti": UUID().uuidString, "htm": method, "htu": DPoPProof.htu(url),
                                     "iat": Int(now.timeIntervalSince1970)]
        if let nonce { claims["nonce"] = nonce }
        if let accessToken { claims["ath"] = DPoPProof.ath(accessToken) }
        tweak(&header, &claims)
        return Self.sign(header, claims, with: signer)
    }

    /// A client_credentials token request with `form` changes and these DPoP headers.
    func tokenRequest(assertion: String? = nil, dpop: [String]? = nil, form change: (inout [(String, String)]) -> Void = { _ in }) throws -> HTTPResponse {
        let url = issuer + "/connect/token"
        var form: [(String, String)] = [("grant_type", "client_credentials"), ("scope", "nhn:varde-sim/api"), ("client_id", clientID),
                                        ("client_assertion_type", ClientAssertion.type), ("client_assertion", assertion ?? self.assertion())]
        change(&form)
        let proofs = dpop ?? [proof(url: url)]
        return try CurlHTTPClient().send(HTTPRequest(method: "POST", url: url,
                                                     headers: [("Content-Type", FormBody.contentType)] + proofs.map { ("DPoP", $0) },
                                                     body: FormBody.encode(form)))
    }

    /// A GET of a FHIR resource with these authorization headers.
    func resourceRequest(path: String = "/Patient", headers: [(String, String)]) throws -> HTTPResponse {
        try CurlHTTPClient().send(HTTPRequest(url: issuer + path, headers: headers + [("correlation-id", UUID().uuidString)]))
    }

    static var organisation: [String: Any] { [
        "type": "helseid_authorization",
        "practitioner_role": ["organization": ["identifier": ["system": "urn:oid:2.16.578.1.12.4.1.4.101", "type": "ENH", "value": "888888888"]]],
    ] }

    /// Signs with `key`, unless the header already names another alg (then the signature is junk: `none`, HS256).
    static func sign(_ header: [String: Any], _ claims: [String: Any], with key: SigningKey) -> String {
        if let alg = header["alg"] as? String, alg != key.algorithm.rawValue {
            let parts = [header, claims].map { Base64URL.encode(try! JSONSerialization.data(withJSONObject: $0, options: [.sortedKeys])) }
            return parts.joined(separator: ".") + "." + (alg == "none" ? "" : Base64URL.encode(Data("not-a-signature".utf8)))
        }
        return try! CompactJWT.sign(header: header, claims: claims, key: key)
    }
}
