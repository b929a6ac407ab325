import Foundation
import GRDB
import Testing
import TestSupport
import VardeDomain
import VardeSim
import VardeStore

/// A large catch-up killed with SIGKILL at random points, again and again, converges exactly once it is
/// let run to the end: every batch of pages commits with its cursor, so a kill loses only the batch in
/// flight (fetched again) and never stores a measurement twice.
@Suite(.serialized)
struct CatchUpAfterKillTests {
    let varde = vardeExecutable()

    /// SplitMix64: kill points that can be replayed from the seed in a failure's message.
    struct KillPoints: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Measurements the cache holds now, read beside the running sync (0 before its tables exist).
    static func measurementCount(_ path: String) -> Int {
        guard FileManager.default.fileExists(atPath: path) else { return 0 }
        var configuration = Configuration()
        configuration.readonly = true
        do {
            let cache = try DatabaseQueue(path: path, configuration: configuration)
            return try cache.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM observation") ?? 0 }
        } catch {
            return 0 // not created yet
        }
    }

    @Test func aCatchUpKilledAtRandomPointsConvergesExactly() async throws {
        let sim = try await RunningSim(frozenCentre(patients: 1500, municipalities: 20, seed: 23, historyDays: 3))
        defer { sim.stop() }
        let served = sim.centre.allObservations()
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("varde-catch-up-kill-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: home) }
        let cachePath = (home as NSString).appendingPathComponent("cache.sqlite")
        let seed = UInt64(Date().timeIntervalSince1970 * 1000)
        var points = KillPoints(state: seed)
        // Batches of 5,000 (the product's are up to 100,000): on a quiet machine the whole catch-up would
        // otherwise be one transaction, and no kill could land inside it.
        let arguments = ["sync", "--now", fixedStartInstant, "--once", "--server", sim.baseURL, "--home", home, "--batch-rows", "5000"]

        var killedMidway = 0
        var stored = 0
        var rounds: [String] = []
        for _ in 0..<5 where stored < served.count {
            let child = try ChildProcess(varde, arguments)
            // A random point of the catch-up: as soon as the cache holds at least this many measurements.
            let target = Int.random(in: (stored + 1)...max(stored + 1, stored + (served.count - stored) / 3), using: &points)
            // Watched from a thread of its own: the test pool may be busy for longer than the catch-up takes.
            try await offPool { [stored] in
                let deadline = Date().addingTimeInterval(180)
                var seen = stored
                // A sync that ends by itself (all stored, or a failure said on stderr) is not waited for.
                while seen < target, Date() < deadline, !child.hasEnded {
                    usleep(20_000)
                    seen = Self.measurementCount(cachePath)
                }
                kill(child.pid, SIGKILL)
            }
            let status = child.wait()
            let count = try CacheDatabase(path: cachePath).counts().measurements
            #expect(count >= stored, "a kill lost committed measurements (seed \(seed))")
            #expect(count <= served.count, "measurements stored twice (seed \(seed))")
            stored = count
            rounds.append("at \(target): \(status == 128 + SIGKILL ? "killed" : "exit \(status)"), \(count) stored")
            if status == 128 + SIGKILL, count > 0, count < served.count { killedMidway += 1 }
        }
        let last = try await offPool { [varde] in try runCommand(varde, arguments) }
        #expect(last.status == 0, "\(last.stderr)")
        let cache = try CacheDatabase(path: cachePath)
        #expect(try cache.counts().measurements == served.count, "seed \(seed)")
        #expect(try cache.measurementChecksum() == MeasurementChecksum.of(served), "seed \(seed)")
        #expect(killedMidway > 0, "no kill landed inside the catch-up (seed \(seed), \(served.count) served): \(rounds)")
    }
}
