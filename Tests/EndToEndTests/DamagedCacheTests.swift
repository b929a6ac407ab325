import Foundation
import Testing
import TestSupport

/// A cache damaged on disk is never written to: sync refuses it in one line, `varde cache check` finds it,
/// `varde cache rebuild` keeps what can be read, and the next sync brings the queue back.
@Suite(.serialized)
struct DamagedCacheTests {
    let varde = vardeExecutable()

    @Test func syncRefusesADamagedCacheAndARebuildBringsTheQueueBack() throws {
        // A tidy centre without colleagues: the screen before and after must match row for row. Known limit (see
        // the Manual's troubleshooting): a measurement whose row the damage took is fetched anew and judged again,
        // so with everyday data an alert a nurse had handled can come back (never one fewer).
        let sim = try ChildProcess(varde, ["sim", "--port", "0", "--patients", "300", "--seed", "3", "--frozen",
                                           "--start", "2026-11-22T12:00:00Z", "--colleagues", "0", "--tidy"])
        defer { sim.stop() }
        let line = try #require(sim.waitForLine(containing: "listening on"))
        let url = String(try #require(line.split(separator: " ").last))
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("varde-damaged-\(UUID().uuidString)").path
        let sync = ["sync", "--now", fixedStartInstant, "--once", "--server", url, "--home", home]
        #expect(try runCommand(varde, sync).status == 0)
        let before = try runCommand(varde, ["render", "queue", "--home", home, "--now", fixedStartInstant]).stdout

        // 64 KB of random bytes in the middle of the file, as a failing disk or a copy cut short leaves it.
        let cache = home + "/cache.sqlite"
        let size = try #require(FileManager.default.attributesOfItem(atPath: cache)[.size] as? Int)
        let handle = try #require(FileHandle(forUpdatingAtPath: cache))
        try handle.seek(toOffset: UInt64(size / 2))
        var generator = SystemRandomNumberGenerator()
        handle.write(Data((0..<65_536).map { _ in UInt8.random(in: 0...255, using: &generator) }))
        try handle.close()
        let damaged = try Data(contentsOf: URL(fileURLWithPath: cache))

        let refused = try runCommand(varde, sync)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("is damaged") && refused.stderr.contains("varde cache rebuild"), "\(refused.stderr)")
        #expect(refused.stderr.split(separator: "\n").count == 1)
        #expect(!refused.stderr.contains("SELECT") && !refused.stderr.contains("PRAGMA"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: cache)) == damaged, "nothing was written to the damaged cache")
        #expect(try runCommand(varde, ["cache", "check", "--home", home]).status == 1)

        let rebuild = try runCommand(varde, ["cache", "rebuild", "--home", home, "--now", fixedStartInstant])
        #expect(rebuild.status == 0, "\(rebuild.stderr)")
        #expect(rebuild.stdout.contains("the damaged cache is kept as"))
        #expect(try runCommand(varde, ["cache", "check", "--home", home]).status == 0)
        #expect(try runCommand(varde, sync).status == 0)
        let after = try runCommand(varde, ["render", "queue", "--home", home, "--now", fixedStartInstant]).stdout
        // The rows between the title and the status lines (the sync's age there may differ by a second).
        func rows(_ screen: String) -> [Substring] { Array(screen.split(separator: "\n").dropFirst().dropLast(2)) }
        #expect(rows(after) == rows(before), "the queue after the rebuild and a sync is the queue before the damage")
        #expect(!rows(before).isEmpty)
    }
}
