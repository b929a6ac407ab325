import Foundation
import Testing
import TestSupport
import VardeAuth
import VardeService
import VardeStore

/// `varde key generate`, `varde login` and `varde sync` against `varde sim --auth helseid`, each in its own
/// process over loopback HTTP, with this test as the nurse's browser.
@Suite(.serialized)
struct HelseIDLoginTests {
    let varde = vardeExecutable()

    /// A home with a key, a simulated HelseID that knows its public half, and config.toml pointing at it.
    struct Centre {
        let home: String
        let sim: ChildProcess
        let url: String
        let redirectPort: Int
    }

    func startCentre(simArguments: [String] = []) throws -> Centre {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("varde-helseid-\(UUID().uuidString)").path
        let key = try runCommand(varde, ["key", "generate", "--home", home])
        #expect(key.status == 0, "\(key.stderr)")
        #expect(key.stdout.contains("helseid_jwk_pub.json"))
        let sim = try ChildProcess(varde, ["sim", "--port", "0", "--patients", "30", "--seed", "3", "--frozen", "--start", fixedStartInstant,
                                           "--auth", "helseid", "--client-id", "varde-e2e", "--client-key", home + "/helseid_jwk_pub.json"]
                                          + simArguments)
        guard let line = sim.waitForLine(containing: "listening on"), let url = line.split(separator: " ").last.map(String.init) else {
            sim.stop()
            throw SimDidNotStart(stderr: sim.stderr)
        }
        let redirectPort = try LoopbackRedirect(port: 0).port // free now; the listener closes again at once
        let config = """
        [helseid]
        issuer = "\(url)"
        client_id = "varde-e2e"
        key_file = "\(home)/helseid_jwk.json"
        scopes = ["nhn:varde-sim/api"]
        resources = ["nhn:varde-sim"]
        redirect_port = \(redirectPort)
        legal_entity = "999999999"
        point_of_care = "888888888"
        healthcare_service = "S03"
        """
        try config.write(toFile: home + "/config.toml", atomically: true, encoding: .utf8)
        return Centre(home: home, sim: sim, url: url, redirectPort: redirectPort)
    }

    struct SimDidNotStart: Error { var stderr: String }

    /// What `varde login` printed and how it ended.
    struct Ran { var status: Int32; var stdout: String; var stderr: String }

    /// `varde login --no-browser`, with the test opening the printed address as the browser would.
    func login(_ centre: Centre) throws -> Ran {
        let child = try ChildProcess(varde, ["login", "--home", centre.home, "--no-browser", "--timeout", "30"])
        guard let line = child.waitForLine(containing: "/connect/authorize?") else {
            child.stop()
            return Ran(status: child.wait(), stdout: child.stdout, stderr: child.stderr)
        }
        let address = line.trimmingCharacters(in: .whitespaces)
        let http = CurlHTTPClient()
        let answer = try http.send(HTTPRequest(url: address))
        if let location = answer.headers["location"] { _ = try http.send(HTTPRequest(url: location)) }
        let status = child.wait()
        return Ran(status: status, stdout: child.stdout, stderr: child.stderr)
    }

    @Test func aNurseLogsInAndTheSyncFetchesWithDPoPAndNoSecretLeaksAnywhere() throws {
        let centre = try startCentre()
        defer { centre.sim.stop() }
        let login = try login(centre)
        #expect(login.status == 0, "\(login.stderr)")
        #expect(login.stdout.contains("ssh -L \(centre.redirectPort):localhost:\(centre.redirectPort)"))
        #expect(login.stdout.contains("logget inn; tilgang til nhn:varde-sim"))
        let loginFile = centre.home + "/" + LoginFile.fileName
        var info = stat()
        #expect(stat(loginFile, &info) == 0 && info.st_mode & 0o777 == 0o600)
        let arguments = ["sync", "--now", fixedStartInstant, "--once", "--server", centre.url, "--home", centre.home]
        let sync = try runCommand(varde, arguments)
        #expect(sync.status == 0, "\(sync.stderr)")
        #expect(sync.stdout.hasPrefix("varde sync: "))

        // The secrets: the tokens of the login, the private key's private part.
        let saved = try #require(try LoginFile.load(loginFile))
        var secrets = saved.grants.values.map(\.accessToken) + [try #require(saved.refreshToken)]
        let key = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: centre.home + "/helseid_jwk.json"))) as! [String: Any]
        secrets.append(try #require(key["d"] as? String))
        var places: [(String, String)] = [("login stdout", login.stdout), ("login stderr", login.stderr),
                                          ("sync stdout", sync.stdout), ("sync stderr", sync.stderr)]
        places.append(("sim output", centre.sim.stdout + centre.sim.stderr))
        places.append(("argv", arguments.joined(separator: " ")))
        for file in ["cache.sqlite", "cache.sqlite-wal", "config.toml"] {
            if let data = FileManager.default.contents(atPath: centre.home + "/" + file) { places.append((file, String(decoding: data, as: UTF8.self))) }
        }
        #expect(places.contains { $0.0 == "cache.sqlite" })
        for secret in secrets {
            for (place, text) in places {
                #expect(!text.contains(secret), "a secret appears in \(place)")
            }
        }
    }

    @Test func withoutALoginTheSyncSaysLogInAgainAndMachineModeNeedsNone() throws {
        let centre = try startCentre()
        defer { centre.sim.stop() }
        let arguments = ["sync", "--now", fixedStartInstant, "--once", "--server", centre.url, "--home", centre.home]
        let refused = try runCommand(varde, arguments)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("logg inn på nytt"), "\(refused.stderr)")
        #expect(refused.stderr.split(separator: "\n").count == 1)
        // The running console reads the same from the sync state: it says "logg inn på nytt" and keeps the cache.
        let cache = try CacheDatabase(path: centre.home + "/cache.sqlite")
        #expect(try cache.syncState()?.needsLogin == true)
        let machine = try runCommand(varde, arguments + ["--machine"])
        #expect(machine.status == 0, "\(machine.stderr)")
    }

    @Test func aKeyOthersCanReadStopsTheLoginWithTheFix() throws {
        let centre = try startCentre()
        defer { centre.sim.stop() }
        chmod(centre.home + "/helseid_jwk.json", 0o644)
        let result = try runCommand(varde, ["login", "--home", centre.home, "--no-browser", "--timeout", "5"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("chmod 600"))
    }

    @Test func theSimulatorStillServesOpenlyWithoutAuth() throws {
        let sim = try ChildProcess(varde, ["sim", "--port", "0", "--patients", "5", "--frozen", "--start", fixedStartInstant])
        defer { sim.stop() }
        let line = try #require(sim.waitForLine(containing: "listening on"))
        let url = String(line.split(separator: " ").last ?? "")
        #expect(try CurlHTTPClient().send(HTTPRequest(url: url + "/Patient")).status == 200)
    }
}
