import Foundation
import Testing
import VardeDomain
@testable import VardeAuth

/// The client assertion and the DPoP proof carry exactly the fields helseid.md §2–3 asks for.
@Suite struct ProofContentTests {
    let key = try! SigningKey.generate(.es256)
    let now = Date(timeIntervalSince1970: 1_760_000_000)

    @Test func theClientAssertionIsWhatHelseIDReads() throws {
        let text = try ClientAssertion.make(clientID: "cid", issuer: "https://helseid-sts.test.nhn.no", key: key, now: now)
        let jwt = try CompactJWT(text)
        #expect(jwt.header["typ"] as? String == "client-authentication+jwt")
        #expect(jwt.header["kid"] as? String == key.kid)
        #expect(jwt.header["alg"] as? String == "ES256")
        #expect(jwt.string("iss") == "cid" && jwt.string("sub") == "cid")
        #expect(jwt.string("aud") == "https://helseid-sts.test.nhn.no")
        #expect(jwt.seconds("iat") == 1_760_000_000 && jwt.seconds("nbf") == 1_760_000_000)
        #expect(jwt.seconds("exp") == 1_760_000_010)
        #expect(jwt.claims["assertion_details"] == nil)
        #expect(key.publicJWK.verifies(jwt.signature, over: jwt.signingInput, alg: "ES256"))
        let again = try CompactJWT(try ClientAssertion.make(clientID: "cid", issuer: "https://helseid-sts.test.nhn.no", key: key, now: now))
        #expect(again.string("jti") != jwt.string("jti"))
    }

    @Test func theAttestationTravelsInAssertionDetails() throws {
        var settings = HelseIDSettings(issuer: "https://i", clientID: "cid", keyFile: "k")
        settings.legalEntity = "999999999"
        settings.pointOfCare = "888888888"
        settings.healthcareService = "S03"
        let details = [try Attestation.organisation(settings), try Attestation.trustFramework(settings)]
        let jwt = try CompactJWT(try ClientAssertion.make(clientID: "cid", issuer: "https://i", key: key, now: now, details: details))
        let sent = try #require(jwt.claims["assertion_details"] as? [[String: Any]])
        #expect(sent.map { $0["type"] as? String } == ["helseid_authorization", "nhn:tillitsrammeverk:parameters"])
        let practitioner = try #require(sent[1]["practitioner"] as? [String: Any])
        #expect((practitioner["authorization"] as? [String: Any])?["code"] as? String == "SP")
        #expect((sent[1]["care_relationship"] as? [String: Any])?["purpose_of_use"] != nil)
    }

    @Test func anAttestationWithoutTheOrganisationIsRefusedInPlainWords() {
        let settings = HelseIDSettings(issuer: "https://i", clientID: "cid", keyFile: "k")
        #expect(throws: Attestation.Missing.self) { try Attestation.trustFramework(settings) }
        do { _ = try Attestation.trustFramework(settings) } catch {
            #expect(error.description.contains("legal_entity, point_of_care, healthcare_service"))
        }
    }

    @Test func aProofCarriesThePublicKeyTheMethodAndTheURLWithoutQuery() throws {
        let text = try DPoPProof.make(key: key, method: "get", url: "HTTPS://PMD.Test.nhn.no:443/Observation?patient=1#x",
                                      now: now, nonce: "n-1", accessToken: "tok")
        let jwt = try CompactJWT(text)
        #expect(jwt.header["typ"] as? String == "dpop+jwt")
        let jwk = try #require(jwt.header["jwk"] as? [String: Any])
        #expect(jwk["d"] == nil && jwk["kty"] as? String == "EC" && jwk["x"] != nil && jwk["y"] != nil)
        #expect(jwt.string("htm") == "GET")
        #expect(jwt.string("htu") == "https://pmd.test.nhn.no/Observation")
        #expect(jwt.seconds("iat") == 1_760_000_000)
        #expect(jwt.string("nonce") == "n-1")
        #expect(jwt.string("ath") == DPoPProof.ath("tok"))
        #expect(try PublicJWK(members: jwk).verifies(jwt.signature, over: jwt.signingInput, alg: "ES256"))
        let second = try CompactJWT(try DPoPProof.make(key: key, method: "GET", url: "https://x/y", now: now))
        #expect(second.string("jti") != jwt.string("jti"))
        #expect(second.claims["ath"] == nil && second.claims["nonce"] == nil)
    }

    /// RFC 9449 §7.1's example access token and its `ath`.
    @Test func athIsRFC9449s() {
        #expect(DPoPProof.ath("Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU") == "fUHyO2r2Z3DZ53EsNrWBb0xWXoaNy59IiKCAqksmQEo")
    }

    @Test(arguments: [("http://127.0.0.1:8080/Patient?_count=5", "http://127.0.0.1:8080/Patient"),
                      ("http://example.org:80/a/b", "http://example.org/a/b"),
                      ("https://Example.org/a%20b?x", "https://example.org/a%20b")])
    func htuIsNormalised(url: String, htu: String) {
        #expect(DPoPProof.htu(url) == htu)
    }
}
