import Foundation
import Testing
import TestSupport

/// The `varde` commands as a script or an operator would call them, against `varde sim` in its own process.
@Suite(.serialized)
struct CommandLineTests {
    let varde = vardeExecutable()
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    func temporaryHome() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("varde-cli-\(UUID().uuidString)").path
    }

    func startSim(_ extra: [String] = []) throws -> (ChildProcess, String) {
        let sim = try ChildProcess(varde, ["sim", "--port", "0", "--patients", "80", "--seed", "3", "--frozen",
                                                "--start", "2026-11-22T12:00:00Z"] + extra)
        guard let line = sim.waitForLine(containing: "listening on"), let url = line.split(separator: " ").last else {
            sim.stop()
            throw SimDidNotStart()
        }
        return (sim, String(url))
    }

    struct SimDidNotStart: Error {}

    @Test func syncPrintsOneSummaryLineAndRenderDrawsTheQueueFromTheCache() throws {
        let (sim, url) = try startSim()
        defer { sim.stop() }
        let home = temporaryHome()
        let sync = try runCommand(varde, ["sync", "--now", fixedStartInstant, "--once", "--server", url, "--home", home])
        #expect(sync.status == 0, "\(sync.stderr)")
        let lines = sync.stdout.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first?.contains("fetched") == true && lines.first?.contains("quarantined 0") == true)

        let render = try runCommand(varde, ["render", "queue", "--home", home, "--size", "100x30",
                                            "--now", "2026-11-22T12:05:00Z"])
        #expect(render.status == 0)
        let screen = render.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(screen.count == 31) // 30 rows and the final newline
        // Five minutes after the last sync the header says the data is not up to date, as the console would.
        #expect(screen[0].contains("⚠ DATA IKKE OPPDATERT · siste synk 13:00"), "\(screen[0])")
        #expect(render.stdout.contains("■ RØD"))
        let fresh = try runCommand(varde, ["render", "queue", "--home", home, "--size", "100x30",
                                           "--now", "2026-11-22T12:01:00Z"])
        let header = fresh.stdout.split(separator: "\n").first.map(String.init) ?? ""
        #expect(header.contains("Varde · Kø") && !header.contains("DATA IKKE"), "\(header)")

        let again = try runCommand(varde, ["sync", "--now", fixedStartInstant, "--once", "--server", url, "--home", home])
        // The searches overlap the cursor's own instant, so the newest resources come again and change nothing.
        #expect(again.stdout.contains("alerts opened 0, escalated 0, withdrawn 0"), "\(again.stdout)")

        // The cache holds health data: private to the user, the folder too.
        for (path, mode) in [(home, 0o700), ("\(home)/cache.sqlite", 0o600), ("\(home)/cache.sqlite-wal", 0o600)]
        where FileManager.default.fileExists(atPath: path) {
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            #expect((attributes[.posixPermissions] as? Int).map { $0 & 0o777 } == mode, "\(path)")
        }
    }

    @Test func aWorldReadableTokenFileStopsTheSyncAndSaysWhy() throws {
        let (sim, url) = try startSim()
        defer { sim.stop() }
        let home = temporaryHome()
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        let token = "\(home)/token"
        try "very-secret".write(toFile: token, atomically: true, encoding: .utf8)
        chmod(token, 0o644)
        let result = try runCommand(varde, ["sync", "--now", fixedStartInstant, "--once", "--server", url, "--home", home])
        #expect(result.status == 1)
        #expect(result.stderr.contains("chmod 600"))
        #expect(!result.stderr.contains("very-secret") && !result.stdout.contains("very-secret"))
    }

    @Test func quarantinedResourcesAreCountedAndListedWithTheirReason() throws {
        let (sim, url) = try startSim(["--invalid-rate", "0.05"])
        defer { sim.stop() }
        let home = temporaryHome()
        let sync = try runCommand(varde, ["sync", "--now", fixedStartInstant, "--once", "--server", url, "--home", home])
        #expect(sync.status == 0)
        #expect(!sync.stdout.contains("quarantined 0,"))
        let list = try runCommand(varde, ["quarantine", "--home", home])
        #expect(list.status == 0)
        #expect(list.stdout.contains("Observation/obs-"))
        #expect(list.stdout.contains("subject is not a Patient reference"))

        // The console shows the same list (:karantene), and the queue's status line counts it.
        let view = try runCommand(varde, ["render", "quarantine", "--home", home, "--size", "120x30"])
        #expect(view.status == 0)
        #expect(view.stdout.contains("Karantene"))
        #expect(view.stdout.contains("subject is not a Patient reference"))
        let count = list.stdout.split(separator: " ").first.map(String.init) ?? "?"
        #expect(view.stdout.contains(" \(count) ressurser kunne ikke brukes"), "\(view.stdout)")
        let queue = try runCommand(varde, ["render", "queue", "--home", home, "--size", "160x30"])
        #expect(queue.stdout.contains("⚠ \(count) i karantene (:karantene)"), "\(queue.stdout)")
    }

    @Test func aServerThatIsDownEndsWithOneClearLineAndExitCode1() throws {
        let result = try runCommand(varde, ["sync", "--now", fixedStartInstant, "--once", "--server", "http://127.0.0.1:9", "--home", temporaryHome()])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("varde: sync failed: cannot reach http://127.0.0.1:9"))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test func aMalformedPageEndsWithOneClearLineAndKeepsTheCache() throws {
        let home = temporaryHome()
        let (good, goodURL) = try startSim()
        _ = try runCommand(varde, ["sync", "--now", fixedStartInstant, "--once", "--server", goodURL, "--home", home])
        good.stop()
        let before = try runCommand(varde, ["render", "queue", "--home", home, "--now", "2026-11-22T12:05:00Z"]).stdout

        let (bad, badURL) = try startSim(["--malformed-rate", "1"])
        defer { bad.stop() }
        let result = try runCommand(varde, ["sync", "--now", fixedStartInstant, "--once", "--server", badURL, "--home", home])
        #expect(result.status == 1)
        #expect(result.stderr.contains("malformed FHIR JSON"))
        #expect(result.stderr.split(separator: "\n").count == 1)
        let after = try runCommand(varde, ["render", "queue", "--home", home, "--now", "2026-11-22T12:05:00Z"]).stdout
        // Everything cached is still there; only the connection state line differs.
        #expect(before.split(separator: "\n").dropLast() == after.split(separator: "\n").dropLast())
    }

    @Test func aUsageErrorExitsWith2() throws {
        let result = try runCommand(varde, ["render", "queue", "--size", "huge"])
        #expect(result.status == 2)
        for command in ["sync", "console"] {
            let clock = try runCommand(varde, [command, "--now", "yesterday", "--server", "http://127.0.0.1:9", "--home", temporaryHome()])
            #expect(clock.status == 2 && clock.stderr.contains("--now must be a FHIR instant"), "\(clock.stderr)")
        }
    }

    @Test func aMistakeInTheConfigurationStopsTheConsoleWithTheLine() throws {
        let home = temporaryHome()
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        try "[privacy]\nidle_lock = \"5m\"\npin = \"12\"\n".write(toFile: home + "/config.toml", atomically: true, encoding: .utf8)
        let result = try runCommand(varde, ["console", "--server", "http://127.0.0.1:9", "--home", home])
        #expect(result.status == 1)
        #expect(result.stderr.contains("config.toml:3: must be 4 to 12 digits"), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)

        try "[keys]\nclaim = \"q\"\n".write(toFile: home + "/config.toml", atomically: true, encoding: .utf8)
        let keys = try runCommand(varde, ["console", "--server", "http://127.0.0.1:9", "--home", home])
        #expect(keys.status == 1)
        #expect(keys.stderr.contains("'q' is already the key for quit"), "\(keys.stderr)")
    }

    @Test func theCaseloadReportSuppressesSmallCountsAndNamesNoPatient() throws {
        let (sim, url) = try startSim()
        defer { sim.stop() }
        let home = temporaryHome()
        #expect(try runCommand(varde, ["sync", "--now", fixedStartInstant, "--once", "--server", url, "--home", home]).status == 0)
        let names = try runCommand(varde, ["render", "queue", "--home", home, "--size", "200x60"]).stdout
            .split(separator: "\n").filter { $0.contains("■ RØD") || $0.contains("▲ GUL") }
            .compactMap { $0.split(separator: ",").first?.split(separator: " ").last } // family names

        let table = try runCommand(varde, ["report", "caseload", "--home", home, "--now", "2026-11-23T09:30:00Z"])
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.contains("Saksmengde siste 7 dager"))
        #expect(table.stdout.contains("<5"), "small municipalities' counts are suppressed")
        #expect(!names.isEmpty)
        for name in names { #expect(!table.stdout.contains(String(name)), "\(name) must not be in a report") }

        let csv = try runCommand(varde, ["report", "caseload", "--home", home, "--format", "csv", "--since", "30d",
                                         "--now", "2026-11-23T09:30:00Z", "--lang", "en"])
        let lines = csv.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first?.hasPrefix("municipality,number,patients,") == true)
        #expect(lines.dropFirst().first?.hasPrefix("Total,,80,") == true, "\(csv.stdout)")

        let one = try runCommand(varde, ["report", "caseload", "--home", home, "--format", "md", "--municipality", "Bodø",
                                         "--now", "2026-11-23T09:30:00Z"])
        #expect(one.status == 0, "\(one.stderr)")
        #expect(one.stdout.contains("| Bodø | 1804 |"))
        #expect(!one.stdout.contains("Totalt"), "a municipality's export has only its own figures")
        #expect(!one.stdout.contains("sykepleier"), "and says nothing about the staff")
        #expect(one.stdout.contains("ta i dag median"), "headers in the report's language")
        for report in [table.stdout, csv.stdout, one.stdout] {
            #expect(report.range(of: "[0-9]{11}", options: .regularExpression) == nil, "no fødselsnummer in a report")
        }

        // The Manual's example is this very command on this very centre.
        let manual = try String(contentsOf: Self.root.appendingPathComponent("Manual.md"), encoding: .utf8)
        let command = "$ varde report caseload --municipality Bodø --format md --now 2026-11-23T09:30:00Z\n"
        let example = try #require(manual.range(of: command), "Manual.md shows the report example")
        let end = try #require(manual.range(of: "```\n", range: example.upperBound..<manual.endIndex))
        #expect(String(manual[example.upperBound..<end.lowerBound]) == one.stdout,
                "Manual.md's report example is out of date; paste:\n\(one.stdout)")

        let wrong = try runCommand(varde, ["report", "caseload", "--home", home, "--format", "pdf"])
        #expect(wrong.status == 2)
    }
}

/// Privacy from the command line: the console refuses a token file others can read; a blocked
/// operator's renders show the anonymous row; the access log lists renders of patient screens.
@Suite(.serialized)
struct PrivacyCommandLineTests {
    let varde = vardeExecutable()

    func temporaryHome() throws -> String {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("varde-cli-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        return home
    }

    @Test(arguments: [["console", "--server", "http://127.0.0.1:9"], ["demo"]])
    func theConsoleRefusesAWorldReadableTokenFileAndSaysWhy(_ command: [String]) throws {
        let home = try temporaryHome()
        let token = "\(home)/token"
        try "very-secret".write(toFile: token, atomically: true, encoding: .utf8)
        chmod(token, 0o644)
        let result = try runCommand(varde, command + ["--home", home])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("varde: the token file \(token) can be read by others (mode 644); run: chmod 600 \(token)"),
                "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(!result.stderr.contains("very-secret") && !result.stdout.contains("very-secret"))
    }

    @Test func aBlockedOperatorRendersAnAnonymousRowAndTheAccessLogListsRenders() throws {
        let sim = try ChildProcess(varde, ["sim", "--port", "0", "--patients", "80", "--seed", "3", "--frozen",
                                           "--start", "2026-11-22T12:00:00Z", "--block", "pas-00017:kari"])
        defer { sim.stop() }
        let line = try #require(sim.waitForLine(containing: "listening on"))
        let url = String(line.split(separator: " ").last ?? "")
        let home = try temporaryHome()
        #expect(try runCommand(varde, ["sync", "--now", fixedStartInstant, "--once", "--server", url, "--home", home]).status == 0)
        let ola = try runCommand(varde, ["render", "trends", "--patient", "pas-00017", "--home", home, "--operator", "ola",
                                         "--now", "2026-11-22T12:05:00Z"])
        #expect(ola.status == 0)
        let name = String(ola.stdout.split(separator: "\n").first?.split(separator: "·").dropFirst().first?
            .split(separator: ",").first ?? "").trimmingCharacters(in: .whitespaces)
        #expect(!name.isEmpty)
        let kari = try runCommand(varde, ["render", "trends", "--patient", "pas-00017", "--home", home, "--operator", "kari",
                                          "--now", "2026-11-22T12:05:00Z"])
        #expect(kari.status == 1)
        #expect(kari.stderr == "varde: no such patient in the local cache for this operator\n")
        #expect(!kari.stdout.contains(name))
        let audit = try runCommand(varde, ["audit", "--home", home, "--patient", "pas-00017"])
        #expect(audit.stdout.contains("1 access, 1 not yet delivered"), "\(audit.stdout)")
        #expect(audit.stdout.contains("ola  pas-00017  render"))
        #expect(!audit.stdout.contains("kari"))
        let since = try runCommand(varde, ["audit", "--home", home, "--since", "never"])
        #expect(since.status == 2)
    }
}
