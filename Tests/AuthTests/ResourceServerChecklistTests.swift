import Foundation
import Testing
import TestSupport
import VardeService
@testable import VardeAuth
@testable import VardeSim

/// helseid.md §6, the resource server: the FHIR routes take only a DPoP-bound token of this API with a
/// fresh proof of the same key; a wrong client breaking one rule is refused as a real API refuses it.
@Suite(.serialized) struct ResourceServerChecklistTests {
    enum Fault: String, CaseIterable, Sendable {
        case noToken, bearerScheme, tamperedToken, otherAudience, expiredToken, otherScope, otherKeysProof, noProof,
             athMismatch, htmMismatch, htuMismatch, oldProof, levelThree, noAttestation, pmdWithoutCorrelationID

        /// The status and the `error` in WWW-Authenticate or the body.
        var expected: (status: Int, error: String) {
            switch self {
            case .noToken: (401, "")
            case .bearerScheme, .tamperedToken, .otherAudience, .expiredToken, .otherKeysProof: (401, "invalid_token")
            case .otherScope, .noAttestation: (403, "insufficient_scope")
            case .levelThree: (403, "insufficient_user_authentication")
            case .pmdWithoutCorrelationID: (400, "invalid_request")
            case .noProof, .athMismatch, .htmMismatch, .htuMismatch, .oldProof: (401, "invalid_dpop_proof")
            }
        }
    }

    @Test(arguments: Fault.allCases)
    func aWrongClientIsRefusedByTheAPI(fault: Fault) async throws {
        let helseID = try await SimulatedHelseID(tokenNonce: false, resourceNonce: false) { auth in
            if fault == .levelThree { auth.securityLevel = "3" }
        }
        let authority = helseID.authority
        let jkt = helseID.key.publicJWK.thumbprint
        let trust = try Attestation.trustFramework(helseID.settings)
        func mint(audience: String = "nhn:varde-sim", scope: String = "openid nhn:varde-sim/api", details: Any? = [trust]) throws -> String {
            try authority.accessToken(audience: audience, scope: scope, jkt: jkt, user: true, details: details)
        }
        let client = WrongClient(key: helseID.key, clientID: "varde-test", issuer: helseID.issuer)
        let url = helseID.issuer + "/Patient"
        let other = try SigningKey.generate(.es256)
        let t = Int(Date().timeIntervalSince1970)
        func signed(_ token: String, path: String = "/Patient", proof: String? = nil) -> [(String, String)] {
            [("Authorization", "DPoP \(token)"), ("DPoP", proof ?? client.proof(method: "GET", url: helseID.issuer + path, accessToken: token))]
        }
        var path = "/Patient"
        var correlated = true
        let headers: [(String, String)]
        switch fault {
        case .noToken: headers = []
        case .bearerScheme: headers = [("Authorization", "Bearer \(try mint())")]
        case .tamperedToken:
            let parts = try mint().split(separator: ".").map(String.init)
            var claims = try JSONSerialization.jsonObject(with: Base64URL.decode(parts[1])!) as! [String: Any]
            claims["scope"] = "nhn:varde-sim/api nhn:varde-sim/admin"
            headers = signed(parts[0] + "." + Base64URL.encode(try JSONSerialization.data(withJSONObject: claims)) + "." + parts[2])
        case .otherAudience: headers = signed(try mint(audience: "nhn:kjernejournal"))
        case .expiredToken:
            headers = signed(try mint())
            authority.clockOffset = 3600
        case .otherScope: headers = signed(try mint(scope: "openid nhn:kjernejournal/api"))
        case .otherKeysProof:
            let token = try mint()
            headers = signed(token, proof: client.proof(method: "GET", url: url, accessToken: token, signer: other))
        case .noProof: headers = [("Authorization", "DPoP \(try mint())")]
        case .athMismatch: headers = signed(try mint(), proof: client.proof(method: "GET", url: url, accessToken: "another token"))
        case .htmMismatch:
            let token = try mint()
            headers = signed(token, proof: client.proof(method: "POST", url: url, accessToken: token))
        case .htuMismatch:
            let token = try mint()
            headers = signed(token, proof: client.proof(method: "GET", url: helseID.issuer + "/CarePlan", accessToken: token))
        case .oldProof:
            let token = try mint()
            headers = signed(token, proof: client.proof(method: "GET", url: url, accessToken: token) { _, claims in claims["iat"] = t - 300 })
        case .levelThree: headers = signed(try mint())
        case .noAttestation: headers = signed(try mint(details: nil))
        case .pmdWithoutCorrelationID:
            path = "/pmd/Observation"
            correlated = false
            headers = signed(try mint(), path: path)
        }
        let request = HTTPRequest(url: helseID.issuer + path, headers: headers + (correlated ? [("correlation-id", UUID().uuidString)] : []))
        let response = try await offPool { try CurlHTTPClient().send(request) }
        authority.clockOffset = 0
        #expect(response.status == fault.expected.status, "\(fault): \(String(decoding: response.body, as: UTF8.self))")
        if response.status == 401 {
            let challenge = response.headers["www-authenticate"] ?? ""
            #expect(challenge.hasPrefix("DPoP"), "\(fault)")
            #expect(fault.expected.error.isEmpty ? !challenge.contains("error=") : challenge.contains(#"error="\#(fault.expected.error)""#), "\(fault): \(challenge)")
        } else {
            #expect(oauthError(response) == fault.expected.error, "\(fault)")
        }
    }

    @Test func aProofUsedTwiceIsRefusedTheSecondTime() async throws {
        let helseID = try await SimulatedHelseID(tokenNonce: false, resourceNonce: false)
        let login = try await helseID.login()
        let token = try #require(login.grants["nhn:varde-sim"]?.accessToken)
        let client = WrongClient(key: helseID.key, clientID: "varde-test", issuer: helseID.issuer)
        let proof = client.proof(method: "GET", url: helseID.issuer + "/Patient", accessToken: token)
        let headers = [("Authorization", "DPoP \(token)"), ("DPoP", proof)]
        #expect(try await offPool { try client.resourceRequest(headers: headers) }.status == 200)
        let replay = try await offPool { try client.resourceRequest(headers: headers) }
        #expect(replay.status == 401 && replay.headers["www-authenticate"]?.contains("invalid_dpop_proof") == true)
    }

    @Test func withANonceTheAPIAsksForOneAndAStaleOneIsAskedAgain() async throws {
        let helseID = try await SimulatedHelseID(tokenNonce: false, resourceNonce: true)
        let login = try await helseID.login()
        let token = try #require(login.grants["nhn:varde-sim"]?.accessToken)
        let client = WrongClient(key: helseID.key, clientID: "varde-test", issuer: helseID.issuer)
        let url = helseID.issuer + "/Patient"
        let first = try await offPool {
            try client.resourceRequest(headers: [("Authorization", "DPoP \(token)"), ("DPoP", client.proof(method: "GET", url: url, accessToken: token))])
        }
        #expect(first.status == 401 && first.headers["www-authenticate"]?.contains(#"error="use_dpop_nonce""#) == true)
        let nonce = try #require(first.headers["dpop-nonce"])
        let second = try await offPool {
            try client.resourceRequest(headers: [("Authorization", "DPoP \(token)"),
                                                 ("DPoP", client.proof(method: "GET", url: url, accessToken: token, nonce: nonce))])
        }
        #expect(second.status == 200)
        helseID.authority.rotateNonces()
        let stale = try await offPool {
            try client.resourceRequest(headers: [("Authorization", "DPoP \(token)"),
                                                 ("DPoP", client.proof(method: "GET", url: url, accessToken: token, nonce: nonce))])
        }
        #expect(stale.status == 401 && stale.headers["www-authenticate"]?.contains(#"error="use_dpop_nonce""#) == true)
    }

    @Test func vardeNeverSendsItsDPoPTokenAsBearer() async throws {
        let helseID = try await SimulatedHelseID()
        let login = try await helseID.login()
        var settings = HTTPSettings(bearerToken: "a-static-token")
        settings.authorizer = DPoPAuthorizer(server: helseID.server(), mode: .machine) { _ in "nhn:varde-sim" }
        _ = login
        let sending = settings
        // With an authorizer the static bearer token is never sent: the request carries DPoP and succeeds.
        let response = try await offPool { try CurlHTTPClient(settings: sending).send(HTTPRequest(url: helseID.issuer + "/Patient")) }
        #expect(response.status == 200)
    }
}
