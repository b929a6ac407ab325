import Foundation
import Testing
import TestSupport
import VardeService
@testable import VardeAuth

/// helseid.md §6, the client assertion and DPoP at the token endpoint: a wrong client breaking one rule
/// is refused with the error HelseID gives; the same client keeping every rule gets a DPoP-bound token.
@Suite(.serialized) struct TokenEndpointChecklistTests {
    /// One broken rule and the error it must meet.
    enum Fault: String, CaseIterable, Sendable {
        case assertionType, unknownKid, badAssertionSignature, symmetricAssertionAlg, assertionTypJWT, issNotClient,
             audIsTokenURL, assertionExpired, assertionLivesTooLong, assertionFromTheFuture, unknownDetailType,
             malformedOrganisation
        case noProof, twoProofs, proofNotAJWT, proofTyp, proofAlgNone, proofAlgHS256, proofWithoutJWK, proofWithPrivateKey,
             proofBadSignature, proofWithoutJTI, proofWithoutHTM, proofWithoutHTU, proofWithoutIAT, proofHTMGet, proofOtherHTU,
             proofFromThePast, proofFromTheFuture

        var expected: (status: Int, error: String) {
            switch self {
            case .unknownDetailType, .malformedOrganisation: (400, "invalid_request")
            case .assertionType, .unknownKid, .badAssertionSignature, .symmetricAssertionAlg, .assertionTypJWT, .issNotClient,
                 .audIsTokenURL, .assertionExpired, .assertionLivesTooLong, .assertionFromTheFuture: (401, "invalid_client")
            default: (400, "invalid_dpop_proof")
            }
        }
    }

    @Test func aClientKeepingEveryRuleGetsADPoPBoundToken() async throws {
        let helseID = try await SimulatedHelseID(tokenNonce: false)
        let client = WrongClient(key: helseID.key, clientID: "varde-test", issuer: helseID.issuer)
        let response = try await offPool { try client.tokenRequest() }
        #expect(response.status == 200)
        let object = try #require(try JSONSerialization.jsonObject(with: response.body) as? [String: Any])
        #expect(object["token_type"] as? String == "DPoP")
        let token = try CompactJWT(try #require(object["access_token"] as? String))
        #expect((token.claims["cnf"] as? [String: Any])?["jkt"] as? String == helseID.key.publicJWK.thumbprint)
        #expect(token.string("aud") == "nhn:varde-sim")
    }

    @Test(arguments: Fault.allCases)
    func aWrongClientIsRefused(fault: Fault) async throws {
        let helseID = try await SimulatedHelseID(tokenNonce: false)
        let client = WrongClient(key: helseID.key, clientID: "varde-test", issuer: helseID.issuer)
        let other = try SigningKey.generate(.es256)
        let tokenURL = helseID.issuer + "/connect/token"
        let t = Int(Date().timeIntervalSince1970)
        let response: HTTPResponse = try await offPool {
            switch fault {
            case .assertionType: return try client.tokenRequest { form in form[3].1 = "urn:ietf:params:oauth:client-assertion-type:saml2-bearer" }
            case .unknownKid: return try client.tokenRequest(assertion: client.assertion { header, _ in header["kid"] = "someone-else" })
            case .badAssertionSignature: return try client.tokenRequest(assertion: client.assertion(signer: other) { header, _ in header["kid"] = helseID.key.kid })
            case .symmetricAssertionAlg: return try client.tokenRequest(assertion: client.assertion { header, _ in header["alg"] = "HS256" })
            case .assertionTypJWT: return try client.tokenRequest(assertion: client.assertion { header, _ in header["typ"] = "JWT" })
            case .issNotClient: return try client.tokenRequest(assertion: client.assertion { _, claims in claims["iss"] = "another-client" })
            case .audIsTokenURL: return try client.tokenRequest(assertion: client.assertion { _, claims in claims["aud"] = tokenURL })
            case .assertionExpired: return try client.tokenRequest(assertion: client.assertion { _, claims in
                claims["iat"] = t - 120; claims["nbf"] = t - 120; claims["exp"] = t - 60 })
            case .assertionLivesTooLong: return try client.tokenRequest(assertion: client.assertion { _, claims in claims["exp"] = t + 600 })
            case .assertionFromTheFuture: return try client.tokenRequest(assertion: client.assertion { _, claims in
                claims["iat"] = t + 120; claims["nbf"] = t + 120; claims["exp"] = t + 130 })
            case .unknownDetailType: return try client.tokenRequest(assertion: client.assertion { _, claims in
                claims["assertion_details"] = ["type": "something_else"] })
            case .malformedOrganisation: return try client.tokenRequest(assertion: client.assertion { _, claims in
                claims["assertion_details"] = ["type": "helseid_authorization", "practitioner_role": ["organization": ["identifier": ["value": "12"]]]] })
            case .noProof: return try client.tokenRequest(dpop: [])
            case .twoProofs: return try client.tokenRequest(dpop: [client.proof(url: tokenURL), client.proof(url: tokenURL)])
            case .proofNotAJWT: return try client.tokenRequest(dpop: ["not.a-jwt"])
            case .proofTyp: return try client.tokenRequest(dpop: [client.proof(url: tokenURL) { header, _ in header["typ"] = "JWT" }])
            case .proofAlgNone: return try client.tokenRequest(dpop: [client.proof(url: tokenURL) { header, _ in header["alg"] = "none" }])
            case .proofAlgHS256: return try client.tokenRequest(dpop: [client.proof(url: tokenURL) { header, _ in header["alg"] = "HS256" }])
            case .proofWithoutJWK: return try client.tokenRequest(dpop: [client.proof(url: tokenURL) { header, _ in header["jwk"] = nil }])
            case .proofWithPrivateKey: return try client.tokenRequest(dpop: [client.proof(url: tokenURL) { header, _ in
                header["jwk"] = helseID.key.privateMembers.filter { $0.key != "kid" } }])
            case .proofBadSignature: return try client.tokenRequest(dpop: [client.proof(url: tokenURL, signer: other) { header, _ in
                var jwk = helseID.key.publicJWK.members; jwk["kid"] = nil; header["jwk"] = jwk }])
            case .proofWithoutJTI: return try client.tokenRequest(dpop: [client.proof(url: tokenURL) { _, claims in claims["jti"] = nil }])
            case .proofWithoutHTM: return try client.tokenRequest(dpop: [client.proof(url: tokenURL) { _, claims in claims["htm"] = nil }])
            case .proofWithoutHTU: return try client.tokenRequest(dpop: [client.proof(url: tokenURL) { _, claims in claims["htu"] = nil }])
            case .proofWithoutIAT: return try client.tokenRequest(dpop: [client.proof(url: tokenURL) { _, claims in claims["iat"] = nil }])
            case .proofHTMGet: return try client.tokenRequest(dpop: [client.proof(method: "GET", url: tokenURL)])
            case .proofOtherHTU: return try client.tokenRequest(dpop: [client.proof(url: helseID.issuer + "/connect/par")])
            case .proofFromThePast: return try client.tokenRequest(dpop: [client.proof(url: tokenURL) { _, claims in claims["iat"] = t - 300 }])
            case .proofFromTheFuture: return try client.tokenRequest(dpop: [client.proof(url: tokenURL) { _, claims in claims["iat"] = t + 300 }])
            }
        }
        #expect(response.status == fault.expected.status, "\(fault)")
        #expect(oauthError(response) == fault.expected.error, "\(fault): \(String(decoding: response.body, as: UTF8.self))")
    }

    @Test func aReusedAssertionIsRefused() async throws {
        let helseID = try await SimulatedHelseID(tokenNonce: false)
        let client = WrongClient(key: helseID.key, clientID: "varde-test", issuer: helseID.issuer)
        let assertion = client.assertion()
        let first = try await offPool { try client.tokenRequest(assertion: assertion) }
        let second = try await offPool { try client.tokenRequest(assertion: assertion) }
        #expect(first.status == 200)
        #expect(second.status == 401 && oauthError(second) == "invalid_client")
    }

    @Test func aReusedProofIsRefused() async throws {
        let helseID = try await SimulatedHelseID(tokenNonce: false)
        let client = WrongClient(key: helseID.key, clientID: "varde-test", issuer: helseID.issuer)
        let proof = client.proof(url: helseID.issuer + "/connect/token")
        let first = try await offPool { try client.tokenRequest(dpop: [proof]) }
        let second = try await offPool { try client.tokenRequest(dpop: [proof]) }
        #expect(first.status == 200)
        #expect(second.status == 400 && oauthError(second) == "invalid_dpop_proof")
    }

    @Test func anExpiredRegisteredKeyIsRefused() async throws {
        let helseID = try await SimulatedHelseID(tokenNonce: false) { $0.keyExpired = true }
        let client = WrongClient(key: helseID.key, clientID: "varde-test", issuer: helseID.issuer)
        let response = try await offPool { try client.tokenRequest() }
        #expect(response.status == 401 && oauthError(response) == "invalid_client")
    }

    @Test func withNoncesTheFirstCallIsToldToUseOneAndAStaleOneIsRefusedTheSameWay() async throws {
        let helseID = try await SimulatedHelseID(tokenNonce: true)
        let client = WrongClient(key: helseID.key, clientID: "varde-test", issuer: helseID.issuer)
        let tokenURL = helseID.issuer + "/connect/token"
        let first = try await offPool { try client.tokenRequest() }
        #expect(first.status == 400 && oauthError(first) == "use_dpop_nonce")
        let nonce = try #require(first.headers["dpop-nonce"])
        let withNonce = try await offPool { try client.tokenRequest(dpop: [client.proof(url: tokenURL, nonce: nonce)]) }
        #expect(withNonce.status == 200)
        helseID.authority.rotateNonces()
        let stale = try await offPool { try client.tokenRequest(dpop: [client.proof(url: tokenURL, nonce: nonce)]) }
        #expect(stale.status == 400 && oauthError(stale) == "use_dpop_nonce")
        #expect(stale.headers["dpop-nonce"] != nil && stale.headers["dpop-nonce"] != nonce)
    }

    @Test func machineModeNeedsTheOrganisationNumber() async throws {
        let helseID = try await SimulatedHelseID(tokenNonce: false)
        let client = WrongClient(key: helseID.key, clientID: "varde-test", issuer: helseID.issuer)
        let response = try await offPool { try client.tokenRequest(assertion: client.assertion { _, claims in claims["assertion_details"] = nil }) }
        #expect(response.status == 400 && oauthError(response) == "invalid_request")
    }
}

/// After 400 use_dpop_nonce the whole request is built again: the assertion of the refused call is spent.
@Suite struct NonceRetryTests {
    @Test func retryingWithTheSameAssertionIsRefused() async throws {
        let helseID = try await SimulatedHelseID(tokenNonce: true)
        let client = WrongClient(key: helseID.key, clientID: "varde-test", issuer: helseID.issuer)
        let assertion = client.assertion()
        let first = try await offPool { try client.tokenRequest(assertion: assertion) }
        let nonce = try #require(first.headers["dpop-nonce"])
        let lazy = try await offPool {
            try client.tokenRequest(assertion: assertion, dpop: [client.proof(url: helseID.issuer + "/connect/token", nonce: nonce)])
        }
        #expect(lazy.status == 401 && oauthError(lazy) == "invalid_client")
    }
}
