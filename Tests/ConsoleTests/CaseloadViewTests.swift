import Foundation
import Testing
import TestSupport
import VardeConsole
import VardeDomain
import VardeService
import VardeStore
import VardeSync
import VardeTerminal

/// The leader's caseload view through the real event loop on a headless terminal: opened by key and
/// by palette, its own keys in `?`, the response-time window, the filter, and Enter into the queue.
@Suite(.serialized)
struct CaseloadViewTests {
    final class ManualClock: @unchecked Sendable {
        var now = fixedStart.addingTimeInterval(90)
    }

    /// A script step: wait until the screen passes `until`, then press `keys` (and `act`, if given).
    struct Step: Sendable {
        var until: @Sendable (String) -> Bool
        var keys: [Key]
        var act: (@Sendable (ManualClock) -> Void)? = nil
    }

    func syncedCache() async throws -> CacheDatabase {
        let sim = try await RunningSim(frozenCentre(patients: 60, municipalities: 12))
        defer { sim.stop() }
        let cache = try CacheDatabase()
        let engine = SyncEngine(client: FHIRClient(baseURL: sim.baseURL, http: CurlHTTPClient()), cache: cache, clock: { fixedStart })
        _ = try await offPool { try engine.syncOnce() }
        return cache
    }

    /// Runs the console until every step has happened (or 20 s pass); returns the screen seen before each step and the last.
    func run(_ cache: CacheDatabase, _ steps: [Step]) async throws -> [String] {
        try await offPool {
            let terminal = HeadlessTerminal(width: 100, height: 30)
            let staffing = Staffing(fte: ["kari": 1.0])
            let clock = ManualClock()
            let app = ConsoleApp(cache: cache, terminal: terminal, theme: Themes.default, language: .nb, nurse: "kari",
                                 settings: CentreSettings(staffing: staffing), workstation: "ws",
                                 clock: { clock.now })
            var index = 0
            var seen: [String] = []
            let deadline = Date().addingTimeInterval(20)
            app.run {
                usleep(5_000)
                guard index < steps.count, Date() < deadline else { return true }
                let screen = terminal.screen.plainText
                guard terminal.pendingKeys.isEmpty, steps[index].until(screen) else { return false }
                seen.append(screen)
                terminal.pendingKeys = steps[index].keys
                steps[index].act?(clock)
                index += 1
                return false
            }
            seen.append(terminal.screen.plainText)
            return seen
        }
    }

    static func typed(_ text: String) -> [Key] { text.map { .character($0) } }

    @Test func oOpensTheFiguresWithTheirOwnKeysAndEnterGoesToTheMunicipalitysQueue() async throws {
        let cache = try await syncedCache()
        let bodø = try cache.queue().filter { $0.municipality.number == "1804" }.count
        try #require(bodø > 0, "the frozen centre has alerts in Bodø")
        let screens = try await run(cache, [
            Step(until: { $0.contains("Varde · Kø") }, keys: [.character("o")]),
            Step(until: { $0.contains("Saksmengde") }, keys: [.character("?")]),
            Step(until: { $0.contains("Hjelp") }, keys: [.escape]),
            Step(until: { !$0.contains("Hjelp") }, keys: [.character("t")]),
            Step(until: { $0.contains("Ta 30d") }, keys: [.character("/")] + Self.typed("bodo") + [.enter]),
            Step(until: { $0.contains("/bodo (1/") }, keys: [.enter]),
            Step(until: { $0.contains("Varde · Kø") }, keys: []),
        ])
        #expect(screens.count == 8, "\(screens.last ?? "")")
        guard screens.count == 8 else { return }
        let help = screens[2]
        #expect(help.contains("svartider for i dag, 7 eller 30 dager") && help.contains("kommunens kø"))
        #expect(!help.contains("fane: trender"), "the patient view's keys are not the caseload view's")
        #expect(screens[4].contains("Ta 30d"))
        let filtered = screens[5]
        #expect(filtered.contains(" Bodø ") && !filtered.contains(" Tromsø "))
        let queue = screens[7]
        #expect(queue.contains(":kommune 1804 (\(bodø)/"), "\(queue)")
        #expect(queue.contains("Bodø") && !queue.contains("Tromsø"))
    }

    @Test func theCommandLineOpensItAndEscClearsTheFilterBeforeGoingBack() async throws {
        let cache = try await syncedCache()
        let screens = try await run(cache, [
            Step(until: { $0.contains("Varde · Kø") }, keys: [.character(":")] + Self.typed("saksmengde") + [.enter]),
            Step(until: { $0.contains("Saksmengde") }, keys: [.character("/")] + Self.typed("tromso") + [.enter]),
            Step(until: { $0.contains("/tromso (") }, keys: [.escape]),
            Step(until: { !$0.contains("/tromso") }, keys: [.escape]),
            Step(until: { $0.contains("Varde · Kø") }, keys: []),
        ])
        #expect(screens.count == 6, "\(screens.last ?? "")")
        guard screens.count == 6 else { return }
        #expect(screens[3].contains("Saksmengde"), "the first Esc only clears the filter")
        #expect(screens[5].contains("Varde · Kø") && !screens[5].contains(":kommune"))
    }

    @Test func theFiguresAreWorkedOutAgainWhileTheViewIsOpen() async throws {
        let cache = try await syncedCache()
        let entry = try #require(try cache.queue().first)
        let screens = try await run(cache, [
            Step(until: { $0.contains("Varde · Kø") }, keys: [.character("o")]),
            Step(until: { $0.contains("Saksmengde") }, keys: [], act: { clock in
                _ = try? cache.handle(alertID: entry.alertID, .claim, by: "nattevakta", at: clock.now)
                clock.now.addTimeInterval(10)
            }),
            Step(until: { $0.contains("nattevakta") }, keys: []),
        ])
        #expect(screens.count == 4, "\(screens.last ?? "")")
        guard screens.count == 4 else { return }
        #expect(!screens[1].contains("nattevakta"), "the claim came after the view opened")
        #expect(screens[3].contains("Saksmengde"), "the view stays open while its figures are worked out again")
    }
}
