import Foundation
import TestSupport
import VardeDomain
import VardeService
import VardeSim
@testable import VardeAuth

/// A frozen simulated centre behind `--auth helseid`, and the Varde client configured for it.
final class SimulatedHelseID: @unchecked Sendable {
    let sim: RunningSim
    let key: SigningKey
    let settings: HelseIDSettings
    var authority: SimAuthority { sim.server.authority! }
    var issuer: String { sim.baseURL }

    init(tokenNonce: Bool = true, resourceNonce: Bool = true, configure: (inout SimAuth) -> Void = { _ in }) async throws {
        let key = try SigningKey.generate(.es256)
        var auth = SimAuth(clientID: "varde-test", clientKey: key.publicJWK)
        auth.tokenNonce = tokenNonce
        auth.resourceNonce = resourceNonce
        // HelseID's minute between the push and the browser's visit: a fully loaded two-core test machine
        // once took longer than that to give the test its turn (`expired request_uri`).
        auth.requestURILifetime = 600
        configure(&auth)
        var config = frozenCentre(patients: 6, municipalities: 2)
        config.auth = auth
        sim = try await RunningSim(config)
        self.key = key
        var settings = HelseIDSettings(issuer: sim.baseURL, clientID: "varde-test", keyFile: "unused",
                                       scopes: ["nhn:varde-sim/api"], resources: ["nhn:varde-sim"])
        settings.legalEntity = "999999999"
        settings.pointOfCare = "888888888"
        settings.healthcareService = "S03"
        self.settings = settings
    }

    deinit { sim.stop() }

    func server(clock: @escaping @Sendable () -> Date = Date.init) -> AuthorizationServer {
        AuthorizationServer(settings: settings, key: key, clock: clock)
    }

    /// The whole login as `varde login` does it, with this test as the nurse's browser.
    func login(server: AuthorizationServer? = nil) async throws -> LoginFile {
        let server = server ?? self.server()
        let flow = LoginFlow(server: server)
        let redirect = try LoopbackRedirect(port: 0)
        let pending = try await offPool { try flow.start(redirect: redirect) }
        // The listener waits on a thread of its own, begun before the browser follows the redirect: begun as a
        // Task, it needed a turn on the cooperative pool, and on a loaded two-core machine the browser's
        // request to it timed out first.
        let callback = try await offPool { () throws -> [String: String] in
            let heard = HeardCallback()
            Thread { heard.set(Result { try redirect.awaitCallback(timeout: 20) }) }.start()
            try Browser.follow(pending.url)
            return try heard.wait().get()
        }
        return try await offPool { try flow.finish(pending, callback: callback) }
    }

    /// An HTTP client that signs like the sync does, from a login file in a fresh folder.
    func signedClient(login: LoginFile?, server: AuthorizationServer? = nil, machine: Bool = false) throws -> (CurlHTTPClient, String) {
        let folder = NSTemporaryDirectory() + "varde-login-\(UUID().uuidString)"
        mkdir(folder, 0o700)
        let path = folder + "/" + LoginFile.fileName
        try login?.save(path)
        let authorizer = DPoPAuthorizer(server: server ?? self.server(), mode: machine ? .machine : .user(loginFile: path)) { _ in "nhn:varde-sim" }
        var http = HTTPSettings()
        http.authorizer = authorizer
        return (CurlHTTPClient(settings: http), path)
    }
}

/// The nurse's browser, as far as a test needs one: it opens the authorize URL and follows the redirect
/// back to Varde's loopback listener.
enum Browser {
    static func follow(_ url: String) throws {
        let http = CurlHTTPClient()
        let answer = try http.send(HTTPRequest(url: url))
        guard answer.status == 302, let location = answer.headers["location"] else {
            throw BrowserStopped(status: answer.status, body: String(decoding: answer.body, as: UTF8.self))
        }
        _ = try http.send(HTTPRequest(url: location))
    }

    struct BrowserStopped: Error { var status: Int; var body: String }
}

/// An HTTP answer's OAuth error code.
func oauthError(_ response: HTTPResponse) -> String? {
    ((try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any])?["error"] as? String
}

/// What the login's loopback listener heard, handed from its thread to the test's.
private final class HeardCallback: @unchecked Sendable {
    private let condition = NSCondition()
    private var answer: Result<[String: String], any Error>?

    func set(_ outcome: Result<[String: String], any Error>) {
        condition.lock()
        answer = outcome
        condition.signal()
        condition.unlock()
    }

    func wait() -> Result<[String: String], any Error> {
        condition.lock()
        defer { condition.unlock() }
        while answer == nil { condition.wait() }
        return answer!
    }
}
