import Foundation
import GRDB
import Testing
import TestSupport
import VardeConsole
import VardeDomain
import VardeService
import VardeStore
import VardeSync
import VardeTerminal

/// What a nurse sees when the data may not be current: the red header, the failing read, the
/// measurements kept as "other".
struct DataFreshnessTests {
    /// Sunday 22 November 2026 13:00 Norwegian time.
    let sunday = fixedStart
    /// Monday 23 November 2026 10:00 Norwegian time: inside service hours.
    let monday10 = Date(timeIntervalSince1970: 1_795_424_400)

    func entry(_ id: Int64, _ zone: Zone, at: Date) -> QueueEntry {
        let m = HomeMeasurement(id: "m\(id)", patientID: "p\(id)", kind: .oxygenSaturation, code: "c", value: 86,
                                unit: "%", effective: at, lastUpdated: at)
        return QueueEntry(alertID: id, zone: zone, patientID: "p\(id)", patientName: "Hansen, Astrid",
                          municipality: Municipality(number: "1804", name: "Bodø"), trigger: m, raisedAt: at)
    }

    func queue(now: Date, syncedAgo: TimeInterval?, arrivedAgo: TimeInterval? = nil, startedAgo: TimeInterval = 3600,
               language: Language = .nb, width: Int = 80) -> ScreenBuffer {
        var state = QueueState(entries: [entry(1, .red, at: now.addingTimeInterval(-600))], now: now,
                               sync: syncedAgo.map { SyncState(server: "s", connection: .online, lastAttemptAt: now,
                                                               lastSuccessAt: now.addingTimeInterval(-$0)) },
                               language: language)
        state.freshness = DataFreshness(startedAt: now.addingTimeInterval(-startedAgo))
        if let arrivedAgo {
            state.freshness.observe(MeasurementArrivals(newestRow: 9, newestStamp: now.addingTimeInterval(-arrivedAgo)), now: now)
        }
        return QueueScreen.render(&state, width: width, height: 24)
    }

    @Test func freshDataKeepsTheOrdinaryHeader() {
        let screen = queue(now: sunday, syncedAgo: 90)
        #expect(screen.line(0).hasPrefix(" Varde · Kø"))
        #expect(!screen.line(0).contains("DATA IKKE OPPDATERT"))
        #expect(screen[1, 0].style.role == .header)
    }

    @Test func aSyncOlderThanTwoMinutesTurnsTheHeaderRedWithTheTimeOfTheLastSync() {
        let screen = queue(now: sunday, syncedAgo: 121)
        let header = screen.line(0)
        #expect(header.contains("⚠ DATA IKKE OPPDATERT · siste synk 12:57"), "\(header)")
        // The counts and the clock stay: the nurse still sees how much waits.
        #expect(header.contains("■ 1 rød") && header.hasSuffix("22.11 13:00"), "\(header)")
        #expect(screen[1, 0].style.role == .banner && screen[79, 0].style.role == .banner)
        let english = queue(now: sunday, syncedAgo: 600, language: .en).line(0)
        #expect(english.contains("⚠ DATA NOT UP TO DATE · last sync 12:50"), "\(english)")
        // Wide enough, the title stays beside it.
        #expect(queue(now: sunday, syncedAgo: 600, width: 120).line(0).hasPrefix(" Varde · Kø  ⚠ DATA IKKE OPPDATERT"))
    }

    @Test func aSyncOnAnEarlierDayNamesTheDay() {
        let header = queue(now: monday10, syncedAgo: 20 * 3600, arrivedAgo: 60).line(0)
        #expect(header.contains("siste synk 22.11 14:00"), "\(header)")
    }

    @Test func neverSyncedIsSaidOnceTheConsoleHasRunPastTheLimit() {
        #expect(!queue(now: sunday, syncedAgo: nil, startedAgo: 60).line(0).contains("DATA IKKE"))
        let header = queue(now: sunday, syncedAgo: nil, startedAgo: 180).line(0)
        #expect(header.contains("⚠ DATA IKKE OPPDATERT · aldri synket"), "\(header)")
    }

    @Test func noNewMeasurementsForAnHourInServiceHoursIsSaid() {
        let header = queue(now: monday10, syncedAgo: 10, arrivedAgo: 3601).line(0)
        #expect(header.contains("⚠ INGEN NYE MÅLINGER SIDEN 08:59"), "\(header)")
        #expect(!queue(now: monday10, syncedAgo: 10, arrivedAgo: 3000).line(0).contains("INGEN NYE"))
        let english = queue(now: monday10, syncedAgo: 10, arrivedAgo: 7200, language: .en).line(0)
        #expect(english.contains("⚠ NO NEW MEASUREMENTS SINCE 08:00"), "\(english)")
        // On a Sunday nobody is expected to watch: no alarm.
        #expect(!queue(now: sunday, syncedAgo: 10, arrivedAgo: 7200).line(0).contains("INGEN NYE"))
    }

    @Test func anArrivalSeenByTheConsoleCountsFromWhenItCame() {
        var freshness = DataFreshness(startedAt: monday10)
        freshness.observe(MeasurementArrivals(newestRow: 5, newestStamp: monday10.addingTimeInterval(-7200)), now: monday10)
        #expect(freshness.lastArrival == monday10.addingTimeInterval(-7200))
        // The same rows a minute later: nothing arrived.
        freshness.observe(MeasurementArrivals(newestRow: 5, newestStamp: monday10.addingTimeInterval(-7200)), now: monday10 + 60)
        #expect(freshness.lastArrival == monday10.addingTimeInterval(-7200))
        // A new row: it arrived now, whatever the server's stamp on it says.
        freshness.observe(MeasurementArrivals(newestRow: 6, newestStamp: monday10.addingTimeInterval(-9000)), now: monday10 + 120)
        #expect(freshness.lastArrival == monday10 + 120)
    }

    @Test func theLockScreenSaysItsCountsMayNotBeCurrent() {
        var lock = IdleLock(settings: PrivacySettings(), now: sunday)
        lock.lock()
        let stale = LockScreen.render(counts: QueueCounts(red: 0, yellow: 0), overdue: 0, now: sunday, lock: lock, language: .nb,
                                      width: 80, height: 24, stale: .syncStopped(lastSuccess: sunday.addingTimeInterval(-300)))
        #expect(stale.line(1).contains("⚠ DATA IKKE OPPDATERT · siste synk 12:55"), "\(stale.plainText)")
        #expect(stale.plainText.contains("0 røde og 0 gule varsler venter"))
        let current = LockScreen.render(counts: QueueCounts(red: 0, yellow: 0), overdue: 0, now: sunday, lock: lock, language: .nb,
                                        width: 80, height: 24)
        #expect(!current.plainText.contains("DATA IKKE"))
    }

    @Test func otherMeasurementsAreCountedInTheStatusLine() {
        for (count, language, words) in [(1, Language.nb, "1 annen måling"), (3, .nb, "3 andre målinger"),
                                         (1, .en, "1 other measurement"), (3, .en, "3 other measurements")] {
            var state = QueueState(now: sunday, language: language)
            state.otherMeasurements = count
            let screen = QueueScreen.render(&state, width: 100, height: 24)
            #expect(screen.line(23).contains(words), "\(screen.line(23))")
        }
        var none = QueueState(now: sunday)
        #expect(!QueueScreen.render(&none, width: 100, height: 24).line(23).contains("annen"))
    }

    @Test func aFailingReadIsSaidInTheOperatorsLanguageUntilItWorksAgain() {
        var health = DataPathHealth()
        #expect(health.notice(.nb) == nil)
        health.set(.syncState, failure: "disk I/O error")
        health.set(.queue, failure: "no such table: alert")
        #expect(health.notice(.nb) == "⚠ KØEN OPPDATERES IKKE: no such table: alert · prøver igjen (+1)")
        #expect(health.notice(.en) == "⚠ QUEUE NOT UPDATING: no such table: alert · retrying (+1)")
        health.set(.queue, failure: nil)
        #expect(health.notice(.nb) == "⚠ SYNKSTATUS KAN IKKE LESES: disk I/O error · prøver igjen")
        _ = health.read(.syncState) { 1 }
        #expect(health.notice(.nb) == nil)
    }
}

/// The console's loop against a cache that breaks under it (headless, with a file cache as in use).
@Suite(.serialized)
struct DataPathFailureTests {
    final class ManualClock: @unchecked Sendable {
        var now = fixedStart.addingTimeInterval(90)
    }

    @Test func aBrokenQueueIsSaidOnEveryScreenAndMendsItselfWhenTheCacheIsWhole() async throws {
        let sim = try await RunningSim(frozenCentre(patients: 40, municipalities: 12))
        defer { sim.stop() }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("varde-datapath-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let cache = try CacheDatabase(path: folder.appendingPathComponent("cache.sqlite").path)
        let engine = SyncEngine(client: FHIRClient(baseURL: sim.baseURL, http: CurlHTTPClient()), cache: cache, clock: { fixedStart })
        _ = try await offPool { try engine.syncOnce() }
        let name = try #require(try cache.queue().first?.patientName)
        // Another program on the same file, as a broken disk or a wrong tool would be.
        let other = try DatabaseQueue(path: folder.appendingPathComponent("cache.sqlite").path)

        let seen: [String] = try await offPool {
            let terminal = HeadlessTerminal(width: 100, height: 30)
            let clock = ManualClock()
            let app = ConsoleApp(cache: cache, terminal: terminal, theme: Themes.default, language: .nb, nurse: "kari",
                                 workstation: "ws", clock: { clock.now })
            let steps: [(until: (String) -> Bool, then: () throws -> Void)] = [
                ({ $0.contains(name) }, { terminal.pendingKeys = [.enter] }),
                ({ $0.contains("1 Trender") }, { try other.write { try $0.execute(sql: "ALTER TABLE alert RENAME TO alert_hidden") } }),
                // Said in the patient view too: the queue behind it is frozen as well.
                ({ $0.contains("1 Trender") && $0.contains("KØEN OPPDATERES IKKE") },
                 { try other.write { try $0.execute(sql: "ALTER TABLE alert_hidden RENAME TO alert") } }),
                ({ !$0.contains("KØEN OPPDATERES IKKE") }, { terminal.pendingKeys = [.escape] }),
                ({ $0.contains(name) && $0.contains("Venter") }, {
                    try other.write { try $0.execute(sql: "ALTER TABLE sync_state RENAME TO sync_state_hidden") }
                }),
                ({ $0.contains("SYNKSTATUS KAN IKKE LESES: no such table: sync_state") }, {
                    try other.write { try $0.execute(sql: "ALTER TABLE sync_state_hidden RENAME TO sync_state") }
                }),
                ({ !$0.contains("KAN IKKE LESES") }, {}),
            ]
            var index = 0
            var seen: [String] = []
            var failure: (any Error)?
            let deadline = Date().addingTimeInterval(40)
            app.run {
                usleep(5_000)
                guard index < steps.count, failure == nil, Date() < deadline else { return true }
                let screen = terminal.screen.plainText
                guard terminal.pendingKeys.isEmpty, steps[index].until(screen) else { return false }
                seen.append(screen)
                do { try steps[index].then() } catch { failure = error }
                index += 1
                return false
            }
            if let failure { throw failure }
            seen.append(terminal.screen.plainText)
            return seen
        }
        #expect(seen.count == 8, "stopped after \(seen.count - 1) steps at:\n\(seen.last ?? "")")
        if seen.count > 6 {
            // The notice is the line under the title; what was on screen stays beneath it.
            let lines = seen[2].split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines[1].contains("⚠ KØEN OPPDATERES IKKE") && lines[1].contains("prøver igjen"), "\(seen[2])")
            #expect(seen[2].contains("1 Trender"))
            let queue = seen[5].split(separator: "\n", omittingEmptySubsequences: false)
            #expect(queue[1].contains("⚠ SYNKSTATUS KAN IKKE LESES") && seen[5].contains(name), "\(seen[5])")
        }
    }
}
