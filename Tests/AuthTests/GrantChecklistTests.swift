import Crypto
import Foundation
import Testing
import TestSupport
import VardeService
@testable import VardeAuth

/// helseid.md §6, grants: PAR takes S256 and a registered redirect only; a code is single-use and bound to
/// its verifier and redirect; the refresh grant needs the client's assertion; `resource` sets `aud`.
@Suite(.serialized) struct GrantChecklistTests {
    /// PAR by a wrong client: the fields Varde sends, after `change`.
    func par(_ helseID: SimulatedHelseID, _ client: WrongClient, assertion: String? = nil,
             change: (inout [(String, String)]) -> Void = { _ in }) throws -> HTTPResponse {
        let challenge = Base64URL.encode(SHA256.hash(data: Data("verifier-verifier-verifier-verifier-verifier".utf8)))
        var form: [(String, String)] = [("client_id", "varde-test"), ("scope", "openid offline_access nhn:varde-sim/api"),
                                        ("redirect_uri", "http://localhost:5999/callback"), ("response_type", "code"),
                                        ("code_challenge", challenge), ("code_challenge_method", "S256"), ("state", "s"),
                                        ("client_assertion_type", ClientAssertion.type),
                                        ("client_assertion", assertion ?? client.assertion { _, claims in claims["assertion_details"] = nil })]
        change(&form)
        return try CurlHTTPClient().send(HTTPRequest(method: "POST", url: helseID.issuer + "/connect/par",
                                                     headers: [("Content-Type", FormBody.contentType)], body: FormBody.encode(form)))
    }

    /// The code the browser would bring back for a pushed request.
    func browserCallback(_ helseID: SimulatedHelseID, requestURI: String) throws -> [String: String] {
        var components = URLComponents(string: helseID.issuer + "/connect/authorize")!
        components.queryItems = [URLQueryItem(name: "client_id", value: "varde-test"), URLQueryItem(name: "request_uri", value: requestURI)]
        let answer = try CurlHTTPClient().send(HTTPRequest(url: components.url!.absoluteString))
        let location = URLComponents(string: answer.headers["location"] ?? "")
        return Dictionary(uniqueKeysWithValues: (location?.queryItems ?? []).map { ($0.name, $0.value ?? "") })
    }

    @Test func parRefusesPlainPKCEAndAnUnregisteredRedirect() async throws {
        let helseID = try await SimulatedHelseID(tokenNonce: false)
        let client = WrongClient(key: helseID.key, clientID: "varde-test", issuer: helseID.issuer)
        let plain = try await offPool { try par(helseID, client) { $0[5].1 = "plain" } }
        #expect(plain.status == 400 && oauthError(plain) == "invalid_request")
        let elsewhere = try await offPool { try par(helseID, client) { $0[2].1 = "https://evil.example/callback" } }
        #expect(elsewhere.status == 400 && oauthError(elsewhere) == "invalid_request")
        let noAssertion = try await offPool { try par(helseID, client) { $0.removeLast() } }
        #expect(noAssertion.status == 401 && oauthError(noAssertion) == "invalid_client")
    }

    @Test func theAttestationSentTwiceIsRefusedAsHelseIDDoes() async throws {
        let helseID = try await SimulatedHelseID(tokenNonce: false)
        let client = WrongClient(key: helseID.key, clientID: "varde-test", issuer: helseID.issuer)
        let details = String(decoding: try JSONSerialization.data(withJSONObject: WrongClient.organisation), as: UTF8.self)
        let twice = try await offPool { try par(helseID, client, assertion: client.assertion()) { $0.append(("authorization_details", details)) } }
        #expect(twice.status == 400 && oauthError(twice) == "access_denied")
        #expect(String(decoding: twice.body, as: UTF8.self).contains("HID-DOUBLE-STRUCTURE"))
    }

    @Test func theCallbackCarriesIssAndACodeIsSingleUseAndBoundToItsVerifierAndRedirect() async throws {
        let helseID = try await SimulatedHelseID(tokenNonce: false)
        let client = WrongClient(key: helseID.key, clientID: "varde-test", issuer: helseID.issuer)
        let tokenURL = helseID.issuer + "/connect/token"
        @Sendable func exchange(_ code: String, verifier: String = "verifier-verifier-verifier-verifier-verifier",
                      redirect: String = "http://localhost:5999/callback") throws -> HTTPResponse {
            try client.tokenRequest(dpop: [client.proof(url: tokenURL)]) { form in
                form = [("grant_type", "authorization_code"), ("code", code), ("redirect_uri", redirect), ("code_verifier", verifier),
                        ("client_id", "varde-test"), ("client_assertion_type", ClientAssertion.type),
                        ("client_assertion", client.assertion { _, claims in claims["assertion_details"] = nil })]
            }
        }
        @Sendable func freshCode() throws -> [String: String] {
            let pushed = try par(helseID, client)
            let uri = try #require((try JSONSerialization.jsonObject(with: pushed.body) as? [String: Any])?["request_uri"] as? String)
            return try browserCallback(helseID, requestURI: uri)
        }
        let callback = try await offPool { try freshCode() }
        #expect(callback["iss"] == helseID.issuer && callback["state"] == "s")
        let code = try #require(callback["code"])
        let first = try await offPool { try exchange(code) }
        #expect(first.status == 200)
        let again = try await offPool { try exchange(code) }
        #expect(again.status == 400 && oauthError(again) == "invalid_grant")
        let wrongVerifier = try await offPool { try exchange(try #require(try freshCode()["code"]), verifier: "another-verifier-another-verifier-another") }
        #expect(wrongVerifier.status == 400 && oauthError(wrongVerifier) == "invalid_grant")
        let wrongRedirect = try await offPool { try exchange(try #require(try freshCode()["code"]), redirect: "http://localhost:6000/callback") }
        #expect(wrongRedirect.status == 400 && oauthError(wrongRedirect) == "invalid_grant")
    }

    @Test func theRefreshGrantNeedsTheClientAndResourceSetsTheAudience() async throws {
        let helseID = try await SimulatedHelseID(tokenNonce: false)
        let login = try await helseID.login()
        let client = WrongClient(key: helseID.key, clientID: "varde-test", issuer: helseID.issuer)
        let refresh = try #require(login.refreshToken)
        let withoutAssertion = try await offPool {
            try client.tokenRequest { form in form = [("grant_type", "refresh_token"), ("refresh_token", refresh), ("client_id", "varde-test")] }
        }
        #expect(withoutAssertion.status == 401 && oauthError(withoutAssertion) == "invalid_client")
        let other = try await offPool {
            try client.tokenRequest { form in
                form = [("grant_type", "refresh_token"), ("refresh_token", refresh), ("resource", "nhn:other-api"), ("client_id", "varde-test"),
                        ("client_assertion_type", ClientAssertion.type), ("client_assertion", client.assertion())]
            }
        }
        #expect(other.status == 200)
        let object = try #require(try JSONSerialization.jsonObject(with: other.body) as? [String: Any])
        #expect(try CompactJWT(try #require(object["access_token"] as? String)).string("aud") == "nhn:other-api")
        #expect(object["rt_expires_in"] != nil)
        // A token for another API is refused by this one.
        let token = try #require(object["access_token"] as? String)
        let refused = try await offPool {
            try client.resourceRequest(headers: [("Authorization", "DPoP \(token)"),
                                                 ("DPoP", client.proof(method: "GET", url: helseID.issuer + "/Patient", accessToken: token))])
        }
        #expect(refused.status == 401)
    }
}
