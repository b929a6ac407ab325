import Foundation
import Testing
import TestSupport
import VardeConsole
import VardeDomain
import VardeService
import VardeStore
import VardeSync
import VardeTerminal

/// The unattended screen, driven through the real event loop on a headless terminal and a manual clock.
@Suite(.serialized)
struct LockScreenTests {
    final class ManualClock: @unchecked Sendable {
        var now = fixedStart.addingTimeInterval(90)
    }

    /// A script step: wait until the screen passes `until`, then act.
    struct Step: Sendable {
        var until: @Sendable (String) -> Bool
        var then: @Sendable (HeadlessTerminal, ManualClock) -> Void
    }

    func syncedCache() async throws -> CacheDatabase {
        let sim = try await RunningSim(frozenCentre(patients: 60, municipalities: 12))
        defer { sim.stop() }
        let cache = try CacheDatabase()
        let engine = SyncEngine(client: FHIRClient(baseURL: sim.baseURL, http: CurlHTTPClient()), cache: cache, clock: { fixedStart })
        _ = try await offPool { try engine.syncOnce() }
        return cache
    }

    /// Runs the console until every step has happened (or 20 s pass); returns the screens seen after each step.
    /// The event loop blocks: it runs on a thread of its own, not on the tests' cooperative pool.
    func run(_ cache: CacheDatabase, privacy: PrivacySettings, _ steps: [Step]) async throws -> [String] {
        try await offPool { Self.runLoop(cache, privacy: privacy, steps) }
    }

    static func runLoop(_ cache: CacheDatabase, privacy: PrivacySettings, _ steps: [Step]) -> [String] {
        let terminal = HeadlessTerminal(width: 100, height: 30)
        let clock = ManualClock()
        let app = ConsoleApp(cache: cache, terminal: terminal, theme: Themes.default, language: .nb, nurse: "kari",
                             settings: CentreSettings(privacy: privacy), workstation: "ws", clock: { clock.now })
        var index = 0
        var seen: [String] = []
        let deadline = Date().addingTimeInterval(20)
        app.run {
            usleep(5_000) // the headless terminal never waits for a key: do not spin a core meanwhile
            guard index < steps.count, Date() < deadline else { return true }
            let screen = terminal.screen.plainText
            guard terminal.pendingKeys.isEmpty, steps[index].until(screen) else { return false }
            seen.append(screen)
            steps[index].then(terminal, clock)
            index += 1
            return false
        }
        seen.append(terminal.screen.plainText)
        return seen
    }

    @Test func idleTimeCoversThePatientDataAndAKeyBringsTheQueueBack() async throws {
        let cache = try await syncedCache()
        let name = try #require(try cache.queue().first?.patientName)
        let screens = try await run(cache, privacy: PrivacySettings(idleLock: 120), [
            Step(until: { $0.contains(name) }) { _, clock in clock.now += 119 },
            Step(until: { $0.contains(name) }) { _, clock in clock.now += 2 },
            Step(until: { $0.contains("Varde er låst") }) { terminal, _ in terminal.pendingKeys = [.character("j")] },
            Step(until: { $0.contains(name) }) { _, _ in },
        ])
        #expect(screens.count == 5, "\(screens.last ?? "")")
        guard screens.count == 5 else { return }
        let locked = screens[2]
        #expect(!locked.contains(name))
        for entry in try cache.queue() { #expect(!locked.contains(entry.patientName)) }
        #expect(locked.contains("røde og"))
        // Back in the queue (its column heads), with the names again; two minutes without a sync may have
        // turned the title into the red stale header meanwhile.
        #expect(screens[3].contains("Pasient") && screens[3].contains(name), "\(screens[3])")
    }

    @Test func shiftLLocksAtOnceAndOnlyThePINUnlocks() async throws {
        let cache = try await syncedCache()
        let name = try #require(try cache.queue().first?.patientName)
        let screens = try await run(cache, privacy: PrivacySettings(idleLock: 300, pin: "2580"), [
            Step(until: { $0.contains(name) }) { terminal, _ in terminal.pendingKeys = [.enter] },
            Step(until: { $0.contains("1 Trender") }) { terminal, _ in terminal.pendingKeys = [.character("L")] },
            Step(until: { $0.contains("Skriv PIN-koden") }) { terminal, _ in
                terminal.pendingKeys = [.character("x"), .character("1"), .character("1"), .character("1"), .character("1"), .enter]
            },
            Step(until: { $0.contains("feil PIN-kode") }) { terminal, _ in
                terminal.pendingKeys = "2580".map { .character($0) } + [.enter]
            },
            Step(until: { !$0.contains("låst") }) { _, _ in },
        ])
        #expect(screens.count == 6, "\(screens.last ?? "")")
        guard screens.count == 6 else { return }
        #expect(!screens[2].contains(name) && !screens[3].contains(name))
        #expect(screens[3].contains("PIN: ▏") || screens[3].contains("PIN:"))
        // Back where the operator was: the patient view, not the queue.
        #expect(screens[5].contains(name.split(separator: ",").first.map(String.init) ?? name) && !screens[5].contains("Venter"))
        #expect(try cache.accessLog().count == 1)
    }
}
