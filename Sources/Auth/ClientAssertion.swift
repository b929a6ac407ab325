import Foundation

/// The private_key_jwt client assertion HelseID requires on PAR and token requests (RFC 7523, helseid.md §2):
/// header `typ: client-authentication+jwt`, `kid`, the key's `alg`; `iss` = `sub` = client id, `aud` = the
/// issuer, `iat` = `nbf` = now, `exp` = now + 10 s (NHN's library), a new `jti` every time, and the
/// attestation (`assertion_details`) when there is one.
public enum ClientAssertion {
    public static let type = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
    public static let lifetime: TimeInterval = 10

    public static func make(clientID: String, issuer: String, key: SigningKey, now: Date,
                            details: [[String: Any]] = []) throws -> String {
        let seconds = Int(now.timeIntervalSince1970)
        var claims: [String: Any] = [
            "iss": clientID, "sub": clientID, "aud": issuer,
            "iat": seconds, "nbf": seconds, "exp": seconds + Int(lifetime),
            "jti": UUID().uuidString.lowercased(),
        ]
        if details.count == 1 { claims["assertion_details"] = details[0] }
        else if details.count > 1 { claims["assertion_details"] = details }
        return try CompactJWT.sign(header: ["typ": "client-authentication+jwt", "kid": key.kid], claims: claims, key: key)
    }

    /// The form fields that authenticate the client on a PAR or token request.
    public static func formFields(clientID: String, assertion: String) -> [(String, String)] {
        [("client_id", clientID), ("client_assertion_type", type), ("client_assertion", assertion)]
    }
}
