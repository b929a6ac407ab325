import Foundation
import VardeAuth

/// The checks HelseID makes of a client assertion and of a DPoP proof (helseid.md §6), each refusal with
/// the error a real server gives. Replay caches of `jti` are kept here.
final class ProofChecks: @unchecked Sendable {
    private let lock = NSLock()
    private var seenAssertions: Set<String> = []
    private var seenProofs: Set<String> = []
    /// Allowed clock difference.
    static let skew: TimeInterval = 5
    /// How old a DPoP proof may be.
    static let proofAge: TimeInterval = 30

    /// The client assertion on a PAR or token request; returns its `assertion_details` (as sent).
    func clientAssertion(_ form: [String: String], repeated: Set<String>, auth: SimAuth, issuer: String, now: Date) throws(OAuthRefusal) -> Any? {
        guard !repeated.contains("client_assertion"), !repeated.contains("client_assertion_type") else {
            throw OAuthRefusal.request("client_assertion sent more than once")
        }
        guard form["client_assertion_type"] == ClientAssertion.type else {
            throw OAuthRefusal.client("client_assertion_type must be \(ClientAssertion.type)")
        }
        guard let text = form["client_assertion"] else { throw OAuthRefusal.client("client_assertion is missing") }
        let jwt: CompactJWT
        do { jwt = try CompactJWT(text) } catch { throw OAuthRefusal.client("client_assertion: \(error.description)") }
        guard let alg = jwt.header["alg"] as? String, JWSAlgorithm.approvedNames.contains(alg) else {
            throw OAuthRefusal.client("client_assertion alg is not an approved asymmetric algorithm")
        }
        guard jwt.header["kid"] as? String == auth.registeredKid else { throw OAuthRefusal.client("client_assertion kid is not a key registered for the client") }
        guard !auth.keyExpired else { throw OAuthRefusal.client("the client's key has expired; register a new one in self-service") }
        guard auth.clientKey.verifies(jwt.signature, over: jwt.signingInput, alg: alg) else {
            throw OAuthRefusal.client("client_assertion signature does not verify with the registered key")
        }
        guard jwt.header["typ"] as? String == "client-authentication+jwt" else { throw OAuthRefusal.client("client_assertion typ must be client-authentication+jwt") }
        guard let clientID = form["client_id"], clientID == auth.clientID else { throw OAuthRefusal.client("unknown client_id") }
        guard jwt.string("iss") == clientID, jwt.string("sub") == clientID else { throw OAuthRefusal.client("client_assertion iss and sub must be the client_id") }
        guard jwt.string("aud") == issuer else { throw OAuthRefusal.client("client_assertion aud must be the issuer \(issuer)") }
        guard let exp = jwt.seconds("exp"), let iat = jwt.seconds("iat") else { throw OAuthRefusal.client("client_assertion lacks exp or iat") }
        let t = now.timeIntervalSince1970
        guard exp > t - Self.skew else { throw OAuthRefusal.client("client_assertion has expired") }
        guard exp - iat <= 60 else { throw OAuthRefusal.client("client_assertion lifetime exceeds 60 seconds") }
        guard iat <= t + Self.skew, (jwt.seconds("nbf") ?? iat) <= t + Self.skew else { throw OAuthRefusal.client("client_assertion iat or nbf is in the future") }
        guard let jti = jwt.string("jti"), !jti.isEmpty else { throw OAuthRefusal.client("client_assertion lacks jti") }
        guard remember(jti, in: \.seenAssertions) else { throw OAuthRefusal.client("client_assertion jti has been used before") }
        let details = jwt.claims["assertion_details"]
        if let details { try AttestationCheck.validate(details) }
        return details
    }

    /// A DPoP proof for `method` `url`; returns the thumbprint of its key.
    func dpop(_ values: [String], method: String, url: String, accessToken: String?, nonce: String?, now: Date,
              refusal: (String) -> OAuthRefusal) throws(OAuthRefusal) -> String {
        guard values.count == 1, let text = values.first else { throw refusal(values.isEmpty ? "DPoP proof is missing" : "more than one DPoP header") }
        let jwt: CompactJWT
        do { jwt = try CompactJWT(text) } catch { throw refusal("DPoP proof: \(error.description)") }
        guard jwt.header["typ"] as? String == "dpop+jwt" else { throw refusal("DPoP proof typ must be dpop+jwt") }
        guard let alg = jwt.header["alg"] as? String, JWSAlgorithm.approvedNames.contains(alg) else {
            throw refusal("DPoP proof alg must be an approved asymmetric algorithm")
        }
        guard let members = jwt.header["jwk"] as? [String: Any] else { throw refusal("DPoP proof has no jwk") }
        let jwk: PublicJWK
        do { jwk = try PublicJWK(members: members) } catch { throw refusal("DPoP proof jwk: \(error.description)") }
        guard jwk.verifies(jwt.signature, over: jwt.signingInput, alg: alg) else { throw refusal("DPoP proof signature does not verify with its jwk") }
        guard let jti = jwt.string("jti"), !jti.isEmpty, let htm = jwt.string("htm"), let htu = jwt.string("htu"),
              let iat = jwt.seconds("iat") else { throw refusal("DPoP proof lacks jti, htm, htu or iat") }
        guard htm == method else { throw refusal("DPoP proof htm does not match the request method") }
        guard DPoPProof.htu(htu) == DPoPProof.htu(url) else { throw refusal("DPoP proof htu does not match the request URL") }
        let t = now.timeIntervalSince1970
        guard iat <= t + Self.skew, iat >= t - Self.proofAge else { throw refusal("DPoP proof iat is outside the accepted window") }
        if let accessToken {
            guard jwt.string("ath") == DPoPProof.ath(accessToken) else { throw refusal("DPoP proof ath does not match the access token") }
        }
        if let nonce, jwt.string("nonce") != nonce {
            var needNonce = refusal(jwt.string("nonce") == nil ? "a DPoP nonce is required" : "the DPoP nonce is stale or wrong")
            needNonce.error = "use_dpop_nonce"
            needNonce.nonce = nonce
            throw needNonce
        }
        guard remember(jti, in: \.seenProofs) else { throw refusal("DPoP proof jti has been used before") }
        return jwk.thumbprint
    }

    private func remember(_ jti: String, in cache: ReferenceWritableKeyPath<ProofChecks, Set<String>>) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return self[keyPath: cache].insert(jti).inserted
    }
}

/// The structures HelseID accepts in `assertion_details` (helseid.md §2).
enum AttestationCheck {
    static func validate(_ details: Any) throws(OAuthRefusal) {
        let items: [Any] = (details as? [Any]) ?? [details]
        guard !items.isEmpty else { throw OAuthRefusal.request("assertion_details is empty") }
        for item in items {
            guard let object = item as? [String: Any], let type = object["type"] as? String else {
                throw OAuthRefusal.request("assertion_details must hold objects with a type")
            }
            switch type {
            case "helseid_authorization":
                let identifier = ((object["practitioner_role"] as? [String: Any])?["organization"] as? [String: Any])?["identifier"] as? [String: Any]
                guard identifier?["system"] as? String == "urn:oid:2.16.578.1.12.4.1.4.101", identifier?["type"] as? String == "ENH",
                      let value = identifier?["value"] as? String, value.count == 9, value.allSatisfy(\.isNumber) else {
                    throw OAuthRefusal.request("helseid_authorization needs practitioner_role.organization.identifier with system 2.16.578.1.12.4.1.4.101, type ENH and a nine-digit value")
                }
            case "nhn:tillitsrammeverk:parameters":
                let practitioner = object["practitioner"] as? [String: Any]
                let care = object["care_relationship"] as? [String: Any]
                for (part, name) in [(practitioner, "authorization"), (practitioner, "legal_entity"), (practitioner, "point_of_care"),
                                     (care, "healthcare_service"), (care, "purpose_of_use")] where part?[name] as? [String: Any] == nil {
                    throw OAuthRefusal.request("nhn:tillitsrammeverk:parameters lacks \(name)")
                }
                guard object["patients"] is [Any] else { throw OAuthRefusal.request("nhn:tillitsrammeverk:parameters lacks patients") }
            default:
                throw OAuthRefusal.request("assertion_details type \(type) is not known")
            }
        }
    }

    /// The structure of `type` among the details, if sent.
    static func find(_ type: String, in details: Any?) -> [String: Any]? {
        let items: [Any] = (details as? [Any]) ?? (details.map { [$0] } ?? [])
        return items.compactMap { $0 as? [String: Any] }.first { $0["type"] as? String == type }
    }
}
