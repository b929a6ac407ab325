import Foundation
import GRDB
import Testing
import TestSupport

/// A quiet queue must mean nobody needs help: in a real terminal, a queue that cannot be read and a
/// sync that stopped are both said at the top of the screen in the red style, and a fault that goes
/// away takes its notice with it.
@Suite(.serialized)
struct DataPathInTerminalTests {
    let varde = vardeExecutable()

    func temporaryHome(config: String? = nil) throws -> String {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("varde-datapath-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        if let config { try config.write(toFile: "\(home)/config.toml", atomically: true, encoding: .utf8) }
        return home
    }

    /// The queue's rows (zone words in the first column).
    func rows(_ screen: String) -> [Substring] {
        screen.split(separator: "\n").filter { $0.contains("■ RØD") || $0.contains("▲ GUL") }
    }

    @Test func aQueueThatCannotBeReadIsSaidAtOnceAndTheNoticeGoesWhenTheFaultIsGone() async throws {
        let home = try temporaryHome()
        let command = "'\(varde)' demo --home '\(home)' --patients 40 --frozen --start 2026-11-22T12:00:00Z; echo EXIT=$?; sleep 60"
        let terminal = try TmuxSession(width: 100, height: 30, command: command)
        defer { terminal.close() }
        let queue = await terminal.waitFor { !rows($0).isEmpty && $0.contains("tilkoblet") }
        #expect(queue.ok, "\(queue.screen)")
        #expect(!queue.screen.contains("KØEN OPPDATERES IKKE"))

        // Another program breaks the cache under the running console: the alerts' table is gone.
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        let cache = try DatabaseQueue(path: "\(home)/cache.sqlite", configuration: configuration)
        try await cache.write { db in try db.execute(sql: "ALTER TABLE alert RENAME TO alert_hidden") }
        // Checked twice a second and drawn at least four times a second: on an idle machine the notice is
        // there within a second; the bound only says it comes at all (a busy CI machine may take longer).
        let failing = await terminal.waitFor(seconds: 20) { $0.contains("KØEN OPPDATERES IKKE: no such table: alert") }
        #expect(failing.ok, "\(failing.screen)")
        // It is the line under the title, across the whole screen; the queue stays visible under it.
        let lines = failing.screen.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count > 1 && lines[1].contains("KØEN OPPDATERES IKKE") && lines[1].contains("prøver igjen"), "\(failing.screen)")
        #expect(!rows(failing.screen).isEmpty)

        // The fault is mended: the console finds the queue again by itself and the notice goes.
        try await cache.write { db in try db.execute(sql: "ALTER TABLE alert_hidden RENAME TO alert") }
        let mended = await terminal.waitFor(seconds: 30) { !$0.contains("KØEN OPPDATERES IKKE") && !rows($0).isEmpty }
        #expect(mended.ok, "\(mended.screen)")

        try terminal.send("q")
        #expect(await terminal.waitFor(seconds: 20) { $0.contains("EXIT=0") }.ok)
    }

    @Test func noNewMeasurementsInServiceHoursTurnsTheHeaderRedWhileTheSyncStillWorks() async throws {
        // Monday 23 November 2026 10:00 Norwegian time: the centre is open, and the frozen service
        // sends nothing new after the first sync.
        let monday = "2026-11-23T09:00:00Z"
        let sim = try ChildProcess(varde, ["sim", "--port", "0", "--patients", "40", "--seed", "3", "--frozen", "--start", monday])
        defer { sim.stop() }
        let line = try #require(sim.waitForLine(containing: "listening on"))
        let url = try #require(line.split(separator: " ").last.map(String.init))
        // 12 seconds instead of an hour, so that the test need not wait.
        let home = try temporaryHome(config: "[staleness]\nmeasurements_minutes = 0.2\n")
        let command = "'\(varde)' console --server '\(url)' --home '\(home)' --now \(monday); echo EXIT=$?; sleep 60"
        let terminal = try TmuxSession(width: 100, height: 30, command: command)
        defer { terminal.close() }
        let stale = await terminal.waitFor(seconds: 90) { screen in
            let header = screen.split(separator: "\n").first.map(String.init) ?? ""
            return header.contains("⚠ INGEN NYE MÅLINGER SIDEN 10:") && !rows(screen).isEmpty
        }
        #expect(stale.ok, "\(stale.screen)")
        // The sync itself is fine: the status line says so, and the header does not blame it.
        #expect(stale.screen.contains("tilkoblet") && !stale.screen.contains("DATA IKKE OPPDATERT"), "\(stale.screen)")

        try terminal.send("q")
        #expect(await terminal.waitFor(seconds: 20) { $0.contains("EXIT=0") }.ok)
    }

    @Test func aSyncThatStoppedTurnsTheHeaderRedAfterItsLimit() async throws {
        let sim = try ChildProcess(varde, ["sim", "--port", "0", "--patients", "40", "--seed", "3", "--frozen",
                                           "--start", fixedStartInstant])
        defer { sim.stop() }
        let line = try #require(sim.waitForLine(containing: "listening on"))
        let url = try #require(line.split(separator: " ").last.map(String.init))
        // A limit of 12 seconds instead of 2 minutes, so that the test need not wait.
        let home = try temporaryHome(config: "[staleness]\nsync_minutes = 0.2\n")
        let command = "'\(varde)' console --server '\(url)' --home '\(home)' --now \(fixedStartInstant); echo EXIT=$?; sleep 60"
        let terminal = try TmuxSession(width: 100, height: 30, command: command)
        defer { terminal.close() }
        let synced = await terminal.waitFor {
            !rows($0).isEmpty && $0.contains("tilkoblet") && !$0.contains("DATA IKKE OPPDATERT")
        }
        #expect(synced.ok, "\(synced.screen)")
        let title = synced.screen.split(separator: "\n").first.map(String.init) ?? ""
        #expect(title.contains("Varde · Kø"), "\(synced.screen)")

        // The service goes away: nothing on screen changes by itself, so the header must say it.
        sim.stop()
        let stale = await terminal.waitFor(seconds: 90) { screen in
            let header = screen.split(separator: "\n").first.map(String.init) ?? ""
            return header.contains("DATA IKKE OPPDATERT · siste synk ") && header.contains("rød")
        }
        #expect(stale.ok, "\(stale.screen)")
        // The queue itself stays: what Varde has stored is still there to work from.
        #expect(!rows(stale.screen).isEmpty)

        try terminal.send("q")
        #expect(await terminal.waitFor(seconds: 20) { $0.contains("EXIT=0") }.ok)
    }
}
