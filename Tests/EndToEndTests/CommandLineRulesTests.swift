import Foundation
import Testing
import TestSupport

/// The command-line contract (cli.md): a mistake in the command line exits 2 with one line naming
/// the option and its rule; a failure at run time exits 1 with one plain line; the access token is
/// never echoed.
@Suite(.serialized)
struct CommandLineRulesTests {
    let varde = vardeExecutable()

    func temporaryHome() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("varde-rules-\(UUID().uuidString)").path
    }

    /// Arguments, and what the one line on stderr must say.
    static let usageMistakes: [([String], String)] = [
        (["sync", "--once", "--server", "not a url"], "--server must be an http:// or https:// address with a host"),
        (["sync", "--once", "--server", "ftp://fhir.example.no/r4"], "--server must be an http:// or https:// address"),
        (["sync", "--once", "--server", "file:///etc/passwd"], "--server must be an http:// or https:// address"),
        (["sync", "--once", "--server", "http://127.0.0.1:9", "--measurements-url", "https://"], "--measurements-url must be an http://"),
        (["console", "--server", "http:///no-host"], "--server must be an http:// or https:// address"),
        (["sync", "--once", "--server", "http://127.0.0.1:9", "--lang", "xx"], "--lang must be nb (Norwegian bokmål) or en (English), not 'xx'"),
        (["sync", "--server", "http://127.0.0.1:9", "--interval", "0"], "--interval must be a number above 0 and at most 86400"),
        (["sim", "--block", "garbage"], "--block must be PATIENT:OPERATOR"),
        (["sim", "--port", "99999"], "--port must be a port from 0 to 65535 (0 picks a free one), not 99999"),
        (["sim", "--port=-1"], "--port must be a port from 0 to 65535"),
        (["sim", "--fail-rate", "7"], "--fail-rate must be a fraction from 0 to 1 (0.05 is 5 %), not 7.0"),
        (["sim", "--malformed-rate=-0.1"], "--malformed-rate must be a fraction from 0 to 1"),
        (["sim", "--drop-connections", "nan"], "--drop-connections must be a fraction from 0 to 1"),
        (["sim", "--invalid-rate", "2"], "--invalid-rate must be a fraction from 0 to 1"),
        (["sim", "--pmd-only-share", "1.5"], "--pmd-only-share must be a fraction from 0 to 1"),
        (["sim", "--latency-ms=-5"], "--latency-ms must be a whole number from 0 to 60000"),
        (["sim", "--patients", "0"], "--patients must be a whole number from 1 to 100000, not 0"),
        (["sim", "--municipalities", "57"], "--municipalities must be a whole number from 1 to 56"),
        (["sim", "--speed", "0"], "--speed must be a number from 0.01 to 100000"),
        (["sim", "--history-days=-1"], "--history-days must be a number from 0 to 365"),
        (["sim", "--start", "tomorrow"], "--start must be a FHIR instant"),
        (["demo", "--theme", "nosuchtheme"], "--theme must be one of "),
        (["render", "queue", "--size", "2000x1000"], "--size must be WIDTHxHEIGHT from 60x20 to 500x200, such as 80x24; not '2000x1000'"),
        (["render", "queue", "--size", "10x5"], "--size must be WIDTHxHEIGHT from 60x20 to 500x200"),
        (["render", "nosuchscreen"], "unknown screen 'nosuchscreen'; the screens are: "),
        (["render", "trends", "--patient", "pas 1;drop"], "--patient must be a FHIR id"),
        (["render", "queue", "--theme", "../../etc/passwd"], "--theme must be one of "),
        (["audit", "--patient", "../x"], "--patient must be a FHIR id"),
        (["audit", "--since", "never"], "--since must be a FHIR instant or an age"),
        (["quarantine", "--limit", "0"], "--limit must be a whole number from 1 to 10000, not 0"),
        (["report", "caseload", "--since", "400d"], "--since must be a number of days from 1d to 366d"),
        (["report", "caseload", "--format", "pdf"], "--format must be table, csv or md"),
        (["report", "caseload", "--now", "soon"], "--now must be a FHIR instant"),
        (["audit", "--operator", ""], "--operator must be 1 to 64 characters"),
        (["audit", "--home", ""], "--home must name a file or folder"),
        (["sim", "--port", "eighty"], "eighty"),
        (["nosuchcommand"], "unknown command 'nosuchcommand'; the commands are: console, demo, sim, sync, render, quarantine, report, audit"),
    ]

    @Test(arguments: usageMistakes)
    func aMistakeInTheCommandLineExits2WithOneLineNamingTheRule(_ arguments: [String], _ expected: String) throws {
        let withHome = ["sync", "console", "demo", "render", "audit", "quarantine", "report"].contains(arguments[0])
        let home = withHome && !arguments.contains("--home") ? ["--home", temporaryHome()] : []
        let result = try runCommand(varde, arguments + home)
        #expect(result.status == 2, "\(arguments): \(result.stderr)")
        #expect(result.stderr.hasPrefix("varde: "), "\(result.stderr)")
        #expect(result.stderr.contains(expected), "\(arguments): \(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1, "one line: \(result.stderr)")
        #expect(!result.stderr.contains("Usage:") && result.stdout.isEmpty)
    }

    @Test func aCacheFolderThatCannotBeMadeIsOnePlainLine() throws {
        let result = try runCommand(varde, ["audit", "--home", "/dev/null/x"])
        #expect(result.status == 1)
        #expect(result.stderr == "varde: cannot open the local cache in /dev/null/x: Not a directory\n", "\(result.stderr)")
        #expect(!result.stderr.contains("Domain") && !result.stderr.contains("NSCocoa"))
    }

    @Test func aDamagedCacheIsOnePlainLineWithoutSQL() throws {
        let home = temporaryHome()
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        try Data(repeating: 0x41, count: 8192).write(to: URL(fileURLWithPath: home + "/cache.sqlite"))
        let result = try runCommand(varde, ["audit", "--home", home])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("varde: the local cache \(home)/cache.sqlite is not a Varde cache"), "\(result.stderr)")
        #expect(result.stderr.contains("varde cache rebuild"))
        #expect(result.stderr.split(separator: "\n").count == 1)
        for sql in ["while executing", "SELECT", "PRAGMA", "CREATE", "Domain"] {
            #expect(!result.stderr.contains(sql), "\(result.stderr)")
        }
    }

    @Test func aTokenWithALineBreakInTheEnvironmentIsRefusedWithoutShowingIt() throws {
        let token = "s3cret-token\r\nX-Injected: yes"
        let server = try HostileServer(status: 200, body: "{}")
        defer { server.stop() }
        let result = try runCommand(varde, ["sync", "--once", "--server", server.baseURL, "--home", temporaryHome()],
                                    environment: ["VARDE_TOKEN": token])
        #expect(result.status == 1)
        #expect(result.stderr == "varde: the access token in VARDE_TOKEN contains a control character (such as a line break); "
                + "set VARDE_TOKEN to the token alone\n", "\(result.stderr)")
        #expect(!result.stderr.contains("s3cret") && !result.stderr.contains("Injected") && !result.stdout.contains("s3cret"))
        #expect(server.requests.isEmpty, "nothing was sent")
    }

    @Test func aTokenFileWithALineBreakInsideIsRefusedNamingTheFile() throws {
        let home = temporaryHome()
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        let file = home + "/token"
        try "s3cret-token\r\nX-Injected: yes\n".write(toFile: file, atomically: true, encoding: .utf8)
        chmod(file, 0o600)
        let server = try HostileServer(status: 200, body: "{}")
        defer { server.stop() }
        let result = try runCommand(varde, ["sync", "--once", "--server", server.baseURL, "--home", home],
                                    environment: ["VARDE_TOKEN": ""])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("varde: the token file \(file) contains a control character"), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(!result.stderr.contains("s3cret") && !result.stderr.contains("Injected"))
        #expect(server.requests.isEmpty, "nothing was sent")
    }
}
