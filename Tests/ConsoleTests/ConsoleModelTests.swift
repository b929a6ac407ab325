import Foundation
import Testing
import TestSupport
import VardeConsole
import VardeDomain
import VardeService
import VardeStore
import VardeSync
import VardeTerminal

/// The console as one model, driven headless by key scripts against a real cache synced from the
/// frozen simulator: what a nurse sees after each step.
@Suite(.serialized)
struct ConsoleModelTests {
    static func syncedCache() async throws -> CacheDatabase {
        let sim = try await RunningSim(frozenCentre(patients: 60, municipalities: 12))
        defer { sim.stop() }
        let cache = try CacheDatabase()
        let engine = SyncEngine(client: FHIRClient(baseURL: sim.baseURL, http: CurlHTTPClient()), cache: cache, clock: { fixedStart })
        _ = try await offPool { try engine.syncOnce() }
        return cache
    }

    static func script(_ cache: CacheDatabase, width: Int = 80, height: Int = 24, language: Language = .nb) -> ConsoleScript {
        ConsoleScript(cache: cache, context: ConsoleContext(language: language, now: fixedStart.addingTimeInterval(90),
                                                            theme: Themes.default, nurse: "kari", width: width, height: height),
                      workstation: "ws")
    }

    static func lines(_ buffer: ScreenBuffer) -> [Substring] {
        buffer.plainText.split(separator: "\n", omittingEmptySubsequences: false)
    }

    @Test func claimReleaseAndResolveWorkFromThePatientViewOnThePatientsOpenAlert() async throws {
        let cache = try await Self.syncedCache()
        let script = Self.script(cache)
        let first = try #require(try cache.queue().first { !$0.isBlocked })
        script.press(ConsoleScript.keys("g enter c"))
        #expect(try cache.queue().first { $0.alertID == first.alertID }?.owner == "kari")
        script.press(ConsoleScript.keys("f"))
        #expect(try cache.queue().first { $0.alertID == first.alertID }?.owner == nil)
        script.press(ConsoleScript.keys("x 2 enter"))
        #expect(try cache.queue().contains { $0.alertID == first.alertID } == false)
        // The journal note opens over it; Esc on an untouched note closes it and says it was not saved.
        #expect(script.draw().plainText.contains("Varde · Journalnotat"))
        script.press(ConsoleScript.keys("esc"))
        // Back in the queue view nothing is left of the patient's alert; the view itself stays open.
        let screen = script.draw().plainText
        #expect(screen.contains("1 Trender") && screen.contains("Notatet ble ikke lagret"), "\(screen)")
    }

    @Test func aKeyThatDoesNothingHereSaysWhy() async throws {
        let cache = try await Self.syncedCache()
        let script = Self.script(cache)
        script.press(ConsoleScript.keys("enter"))
        script.press([.character("p")])
        let screen = script.draw().plainText
        #expect(screen.contains("p (pasientens egenbehandlingsplan) virker i: kø"), "\(screen)")
        script.press([.character("z")])
        #expect(script.draw().plainText.contains("z gjør ingenting her · ? viser tastene"))
        script.press(ConsoleScript.keys("esc esc"))
        #expect(script.draw().plainText.contains("Ingen filter å fjerne."))
    }

    @Test func resolvingWarnsOfAnUnreadMessageAndLeavesItInTheQueue() async throws {
        let cache = try await Self.syncedCache()
        let queue = try cache.queue()
        // A patient with a clinical alert who has also written something nobody here has opened.
        let entry = try #require(queue.first { !$0.isBlocked && $0.trigger != nil && $0.unreadMessages == 0 })
        let message = PatientMessage(id: "urn:uuid:00000000-0000-4000-a000-0000000000aa", patientID: entry.patientID,
                                     direction: .fromPatient, text: "Jeg er tungpustet i dag.", author: "pasient",
                                     written: fixedStart.addingTimeInterval(10), status: .received)
        _ = try cache.storeMessages([message], cursor: nil)
        let script = Self.script(cache)
        let index = try #require(try cache.queue().firstIndex { $0.alertID == entry.alertID })
        script.press([.home] + Array(repeating: .down, count: index) + [.character("x")])
        let box = script.draw().plainText
        #expect(box.contains("Pasienten har 1 ulest melding: den blir liggende i køen."), "\(box)")
        script.press(ConsoleScript.keys("2 enter"))
        let after = try cache.queue()
        #expect(!after.contains { $0.alertID == entry.alertID })
        #expect(after.contains { $0.patientID == entry.patientID && $0.basis == .message }, "the message keeps an item of its own")
    }

    @Test func theOutboxLineGivesWayToSentWhenTheServerHasTheMessage() async throws {
        let cache = try await Self.syncedCache()
        let script = Self.script(cache)
        script.press(ConsoleScript.keys("g enter 3 n"))
        script.press(ConsoleScript.keys("Hei") + [.control("s")])
        #expect(script.draw().plainText.contains("Meldingen ligger i utboksen"))
        let queued = try #require(try cache.messageOutbox().first)
        try cache.messageDelivered(id: queued.id, serverID: "com-1")
        script.settle()
        let screen = script.draw().plainText
        #expect(screen.contains("Meldingen er sendt.") && !screen.contains("ligger i utboksen"), "\(screen)")
    }

    @Test func aMessageIsNoLongerNewOnceItWasOpenedAndAnswered() async throws {
        let cache = try await Self.syncedCache()
        let writer = try #require(ConsoleScript.firstWriter(in: try cache.queue()))
        let script = Self.script(cache, width: 120, height: 40)
        try script.open(patientID: writer, tab: .messages)
        #expect(script.draw().plainText.contains("● ny"))
        script.press(ConsoleScript.keys("s Takk") + [.control("s")])
        #expect(!script.draw().plainText.contains("● ny"), "\(script.draw().plainText)")
    }

    @Test func bannersNeverCoverTheInputLinesAtTheSmallestSize() async throws {
        let cache = try await Self.syncedCache()
        let script = Self.script(cache)
        // A part of the cache that cannot be read is said in a banner at once.
        try await cache.writer.write { db in try db.execute(sql: "ALTER TABLE sync_state RENAME TO sync_state_hidden") }
        script.settle()
        script.press(ConsoleScript.keys(":sone"))
        let lines = Self.lines(script.draw())
        #expect(lines[1].contains("SYNKSTATUS KAN IKKE LESES"), "\(lines.joined(separator: "\n"))")
        #expect(lines[23].contains(":sone▏"), "the palette line stays visible: \(lines[23])")
        // And the banner goes once the read works again.
        try await cache.writer.write { db in try db.execute(sql: "ALTER TABLE sync_state_hidden RENAME TO sync_state") }
        script.settle()
        #expect(!script.draw().plainText.contains("KAN IKKE LESES"))
    }
}
