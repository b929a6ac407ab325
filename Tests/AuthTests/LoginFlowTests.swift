import Foundation
import Testing
import TestSupport
import VardeDomain
import VardeService
@testable import VardeAuth

/// The nurse's login against the simulated HelseID, end to end over loopback HTTP: PAR, the browser's
/// redirect with iss, the code with PKCE, one token per API through refresh, then DPoP on the API.
@Suite(.serialized) struct LoginFlowTests {
    @Test func theWholeLoginGivesATokenPerAPIThatTheServiceAccepts() async throws {
        let helseID = try await SimulatedHelseID()
        let login = try await helseID.login()
        #expect(login.refreshToken != nil)
        #expect(login.grants.keys.sorted() == ["nhn:varde-sim"])
        #expect(login.refreshExpiresAt != nil)
        let token = try CompactJWT(try #require(login.grants["nhn:varde-sim"]?.accessToken))
        #expect(token.claims["nhn:tillitsrammeverk:parameters"] != nil)
        #expect(helseID.authority.grantsIssued["authorization_code"] == 1)
        #expect(helseID.authority.grantsIssued["refresh_token"] == 1)
        let (http, _) = try helseID.signedClient(login: login)
        let page = try await offPool { try http.send(HTTPRequest(url: helseID.issuer + "/Patient?_count=2")) }
        #expect(page.status == 200)
    }

    @Test func withoutALoginTheServiceRefusesAndVardeSaysLogInAgain() async throws {
        let helseID = try await SimulatedHelseID()
        let open = try await offPool { try CurlHTTPClient().send(HTTPRequest(url: helseID.issuer + "/Patient")) }
        #expect(open.status == 401)
        #expect(open.headers["www-authenticate"]?.hasPrefix("DPoP") == true)
        let (http, _) = try helseID.signedClient(login: nil)
        do {
            _ = try await offPool { try http.send(HTTPRequest(url: helseID.issuer + "/Patient")) }
            Issue.record("a request went out without a login")
        } catch let error as TransportError {
            #expect(LoginStatus.needsLogin(error.message))
        }
    }

    @Test func aCallbackFromAnotherIssuerOrAnotherLoginIsRefused() async throws {
        let helseID = try await SimulatedHelseID()
        let flow = LoginFlow(server: helseID.server())
        let redirect = try LoopbackRedirect(port: 0)
        let pending = try await offPool { try flow.start(redirect: redirect) }
        let state = pending.state
        #expect(throws: LoginError.self) { try flow.finish(pending, callback: ["code": "c", "state": state, "iss": "https://evil.example"]) }
        #expect(throws: LoginError.self) { try flow.finish(pending, callback: ["code": "c", "state": state]) }
        #expect(throws: LoginError.self) { try flow.finish(pending, callback: ["code": "c", "state": "other", "iss": helseID.issuer]) }
    }

    @Test func aLoginBelowSecurityLevel4IsRefused() async throws {
        let helseID = try await SimulatedHelseID { $0.securityLevel = "3" }
        do {
            _ = try await helseID.login()
            Issue.record("a level 3 login was accepted")
        } catch let error as LoginError {
            #expect(error.code == "security_level")
        }
    }

    // MARK: nonces

    @Test(arguments: [(true, true), (true, false), (false, true), (false, false)])
    func everyNonceModeWorks(tokenNonce: Bool, resourceNonce: Bool) async throws {
        let helseID = try await SimulatedHelseID(tokenNonce: tokenNonce, resourceNonce: resourceNonce)
        let login = try await helseID.login()
        let (http, _) = try helseID.signedClient(login: login)
        let first = try await offPool { try http.send(HTTPRequest(url: helseID.issuer + "/Patient")) }
        #expect(first.status == 200)
        helseID.authority.rotateNonces() // every nonce Varde holds is now stale: one retry each, then on
        let second = try await offPool { try http.send(HTTPRequest(url: helseID.issuer + "/CarePlan")) }
        #expect(second.status == 200)
    }

    // MARK: expiry and refresh

    @Test func anExpiredAccessTokenIsRenewedThroughTheRefreshGrant() async throws {
        let helseID = try await SimulatedHelseID { $0.accessTokenLifetime = 3 }
        let login = try await helseID.login()
        let (http, _) = try helseID.signedClient(login: login)
        #expect(try await offPool { try http.send(HTTPRequest(url: helseID.issuer + "/Patient")) }.status == 200)
        let before = helseID.authority.grantsIssued["refresh_token"] ?? 0
        try await Task.sleep(nanoseconds: 1_500_000_000)
        #expect(try await offPool { try http.send(HTTPRequest(url: helseID.issuer + "/Patient")) }.status == 200)
        #expect(helseID.authority.grantsIssued["refresh_token"] == before + 1)
    }

    @Test func aTokenTheServerCallsExpiredIsRenewedAndTheRequestTriedOnce() async throws {
        let helseID = try await SimulatedHelseID { $0.accessTokenLifetime = 2 }
        var login = try await helseID.login()
        login.grants["nhn:varde-sim"]?.expiresAt = Date().addingTimeInterval(3600) // Varde believes it lives on
        let (http, _) = try helseID.signedClient(login: login)
        try await Task.sleep(nanoseconds: 2_500_000_000)
        #expect(try await offPool { try http.send(HTTPRequest(url: helseID.issuer + "/Patient")) }.status == 200)
        #expect(helseID.authority.grantsIssued["refresh_token"] == 2)
    }

    @Test func whenTheLoginRunsOutTheSyncSaysLogInAgainAndGoesOnAfterANewLogin() async throws {
        let helseID = try await SimulatedHelseID { $0.accessTokenLifetime = 2 }
        let login = try await helseID.login()
        let (http, path) = try helseID.signedClient(login: login)
        helseID.authority.revokeRefreshTokens()
        try await Task.sleep(nanoseconds: 1_000_000)
        var stopped = false
        for _ in 0..<30 where !stopped { // the token runs out within 2 s; then the refresh is refused
            do {
                _ = try await offPool { try http.send(HTTPRequest(url: helseID.issuer + "/Patient")) }
                try await Task.sleep(nanoseconds: 200_000_000)
            } catch let error as TransportError {
                #expect(LoginStatus.needsLogin(error.message), "\(error.message)")
                stopped = true
            }
        }
        #expect(stopped)
        // `varde login` in another terminal writes a new login to the same file; the running sync picks it up.
        try await helseID.login().save(path)
        #expect(try await offPool { try http.send(HTTPRequest(url: helseID.issuer + "/Patient")) }.status == 200)
    }

    // MARK: machine mode

    @Test func machineModeGetsItsOwnTokenWithClientCredentials() async throws {
        let helseID = try await SimulatedHelseID()
        let (http, path) = try helseID.signedClient(login: nil, machine: true)
        #expect(try await offPool { try http.send(HTTPRequest(url: helseID.issuer + "/Patient")) }.status == 200)
        #expect(helseID.authority.grantsIssued["client_credentials"] == 1)
        #expect(!FileManager.default.fileExists(atPath: path)) // machine tokens live in memory only
    }
}
