import Foundation
import Testing
import TestSupport
@testable import VardeConsole
import VardeDomain
import VardeStore
import VardeTerminal

/// The journal note, reopening and correcting, and the handover's `t` and `e`, mounted on the console
/// model and driven headless by key scripts against a real cache synced from the frozen simulator.
@Suite(.serialized)
struct JournalNoteLayerTests {
    /// The queue's first alert with a measurement behind it that nobody holds, opened and resolved with outcome 2.
    static func resolveFirst(_ script: ConsoleScript, _ cache: CacheDatabase, note: String = "Ringte") throws -> QueueEntry {
        let entry = try #require(try cache.queue().first { !$0.isBlocked && $0.owner == nil && $0.trigger != nil && $0.unreadMessages == 0 })
        try script.open(patientID: entry.patientID, tab: .trends)
        script.press(ConsoleScript.keys("x 2 \(note) enter"))
        return entry
    }

    @Test func resolvingComposesTheNoteWhichIsEditedCopiedSavedAndFollowedToTheService() async throws {
        let cache = try await ConsoleModelTests.syncedCache()
        let script = ConsoleModelTests.script(cache)
        let entry = try Self.resolveFirst(script, cache)
        var screen = script.draw().plainText
        #expect(screen.contains("Varde · Journalnotat") && screen.contains("Utkast – ikke lagret"), "\(screen)")
        #expect(screen.contains("Bakgrunn:") && screen.contains("Utfall: Gitt råd etter planen.") && screen.contains("Merknad: Ringte"),
                "\(screen)")
        // Edited at the cursor (the end), then copied: the OSC 52 sequence carries the edited text whole.
        script.press(ConsoleScript.keys("space Ny space måling space 93 space %."))
        script.press([.control("y")])
        let sequence = try #require(script.terminal.controlSequences.last)
        #expect(sequence.hasPrefix("\u{1B}]52;c;") && sequence.hasSuffix("\u{07}"))
        let copied = String(decoding: try #require(Data(base64Encoded: String(sequence.dropFirst(7).dropLast()))), as: UTF8.self)
        #expect(copied.hasSuffix("Merknad: Ringte Ny måling 93 %."), "\(copied)")
        #expect(script.draw().plainText.contains("Kopiert til utklippstavlen"))
        // Saved into the outbox once; a second Ctrl-s says it is saved already.
        script.press([.control("s")])
        let outbox = try cache.journalOutbox()
        #expect(outbox.count == 1)
        let note = try #require(outbox.first)
        #expect(note.text == copied && note.alertKey != nil && note.patientID == entry.patientID && note.author == "kari")
        screen = script.draw().plainText
        #expect(screen.contains("Lagret, venter på levering til tjenesten"), "\(screen)")
        script.press([.control("s")])
        #expect(script.draw().plainText.contains("Notatet er lagret og ligger i utboksen"))
        #expect(try cache.journalOutbox().count == 1)
        // Where it is comes from the cache: refused with the service's reason, sent again with r, delivered.
        try cache.journalNoteFailed(id: note.id, reason: "422 Unprocessable Entity: ukjent pasient")
        script.settle()
        screen = script.draw().plainText
        #expect(screen.contains("Avvist av tjenesten: 422 Unprocessable Entity: ukjent pasient (r sender"), "\(screen)")
        script.press(ConsoleScript.keys("r"))
        #expect(try cache.journalOutbox().map(\.id) == [note.id])
        script.press(ConsoleScript.keys("r"))
        #expect(script.draw().plainText.contains("Bare et notat tjenesten har avvist"))
        try cache.journalNoteDelivered(id: note.id, serverID: "doc-1")
        script.settle()
        #expect(script.draw().plainText.contains("Levert til tjenesten"))
        script.press(ConsoleScript.keys("esc"))
        #expect(script.draw().plainText.contains("1 Trender"))
    }

    @Test func escAsksBeforeThrowingAwayAnEditedNoteAndATooLongNoteIsNotCopiedInPart() async throws {
        let cache = try await ConsoleModelTests.syncedCache()
        let script = ConsoleModelTests.script(cache)
        _ = try Self.resolveFirst(script, cache)
        script.press(ConsoleScript.keys("!"))
        script.press(ConsoleScript.keys("esc"))
        #expect(script.draw().plainText.contains("Forkaste endringene i notatet? j forkast · n skriv videre"))
        script.press(ConsoleScript.keys("x"))
        #expect(script.draw().plainText.contains("j forkaster notatet, n skriver videre."))
        script.press(ConsoleScript.keys("n"))
        #expect(script.model.top(JournalNoteLayer.self)?.editor.text.hasSuffix("Ringte!") == true, "n keeps writing, nothing lost")
        // A key the editor does not know says so.
        script.press([.control("b")])
        #expect(script.draw().plainText.contains("Ctrl-b gjør ingenting i notatet"))
        script.press(ConsoleScript.keys("esc j"))
        #expect(script.draw().plainText.contains("Notatet ble forkastet"))
        #expect(script.model.top(JournalNoteLayer.self) == nil)
        #expect(try cache.journalOutbox().isEmpty)
    }

    @Test func aNoteTooLongForOneCopyIsNotCopiedInPartAndTheNurseIsTold() throws {
        var model = ConsoleModel(context: ConsoleContext(language: .nb, now: fixedStart, theme: Themes.default, nurse: "kari",
                                                         width: 160, height: 48))
        // 40 000 ø are 80 000 bytes: more than one OSC 52 copy holds.
        var layer = JournalNoteLayer(draft: NoteDraft(patientID: "p1", patientName: "Berg, Åse", alertKey: nil,
                                                      facts: NoteFacts(written: fixedStart, nurse: "kari")),
                                     text: String(repeating: "ø", count: 40_000), width: 80)
        guard case .ran(let effects) = layer.perform(.copyNote, &model) else {
            Issue.record("Ctrl-y refused")
            return
        }
        #expect(effects.isEmpty, "nothing half-copied")
        #expect(model.render().plainText.contains("For langt til å kopieres i én bit (80 kB, høyst 74 kB): ingenting kopiert."),
                "\(model.render().plainText)")
        layer.editor = ComposeEditor(text: "Kort notat", width: 76, limit: JournalNoteLayer.limit)
        guard case .ran(let copied) = layer.perform(.copyNote, &model) else { return }
        #expect(copied == [.copy(try #require(Clipboard.osc52("Kort notat")))])
    }

    @Test func aFreeNoteAboutTheSelectedRowsPatientTakesTheSamePath() async throws {
        let cache = try await ConsoleModelTests.syncedCache()
        let script = ConsoleModelTests.script(cache)
        let first = try #require(script.model.selectedEntry)
        script.press(ConsoleScript.keys(":notat enter"))
        var screen = script.draw().plainText
        #expect(screen.contains("Varde · Notat om pasienten · \(first.patientName)") && screen.contains("Bakgrunn: Notat uten varsel."),
                "\(screen)")
        script.press([.control("s")])
        #expect(script.draw().plainText.contains("Skriv noe i notatet før du lagrer det."))
        script.press(ConsoleScript.keys("Pasienten space ringte space om space reise."))
        script.press([.control("s")])
        let note = try #require(try cache.journalOutbox().first)
        #expect(note.alertKey == nil && note.patientID == first.patientID && note.text.hasSuffix("Merknad: Pasienten ringte om reise."))
        screen = script.draw().plainText
        #expect(screen.contains("Lagret, venter på levering"), "\(screen)")
        script.press(ConsoleScript.keys("esc"))
        // From the patient view, the open patient's.
        script.press(ConsoleScript.keys("j enter :notat enter"))
        let opened = try #require(script.model.stack.compactMap { $0 as? PatientLayer }.last)
        #expect(script.model.top(JournalNoteLayer.self)?.draft.patientID == opened.patientID)
    }

    @Test func aResolvedAlertIsReopenedAndItsNoteCorrectedFromTheHistory() async throws {
        let cache = try await ConsoleModelTests.syncedCache()
        let script = ConsoleModelTests.script(cache)
        let entry = try Self.resolveFirst(script, cache, note: "ringt")
        script.press([.control("s")])
        let first = try #require(try cache.journalOutbox().first)
        script.press(ConsoleScript.keys("esc"))
        // Only in the history.
        script.press(ConsoleScript.keys("e"))
        #expect(script.draw().plainText.contains("bare i fanen historikk"))
        script.press(ConsoleScript.keys("4 e"))
        var screen = script.draw().plainText
        #expect(screen.contains("Rett notatet") && screen.contains("avsluttet av kari: gitt råd etter planen – «ringt»")
                && screen.contains("> ringt▏"), "\(screen)")
        script.press(ConsoleScript.keys(", space ny space måling space 94 space %"))
        script.press(ConsoleScript.keys("enter"))
        #expect(try cache.alert(id: entry.alertID)?.note == "ringt, ny måling 94 %")
        screen = script.draw().plainText
        #expect(screen.contains("Varde · Journalnotat") && screen.contains("Korrigerer notat skrevet"), "\(screen)")
        script.press([.control("s")])
        let correction = try #require(try cache.journalOutbox().last)
        #expect(correction.replaces == first.id && correction.text.contains("Merknad: ringt, ny måling 94 %"))
        script.press(ConsoleScript.keys("esc"))
        // Reopened: back in the queue, claimed by the nurse; both steps are in the history.
        script.press(ConsoleScript.keys("o"))
        #expect(script.draw().plainText.contains("Gjenåpne varselet"))
        script.press(ConsoleScript.keys("ny space rød space måling enter"))
        let reopened = try #require(try cache.alert(id: entry.alertID))
        #expect(reopened.status == .open && reopened.owner == "kari")
        let history = try cache.history(patientID: entry.patientID).map(\.what)
        #expect(history.contains("note corrected: ringt, ny måling 94 %") && history.contains("reopened: ny rød måling"))
        #expect(script.draw().plainText.contains("Varselet er gjenåpnet og tatt av deg"))
        // Nothing resolved today is left to reopen: said, not silently ignored.
        script.press(ConsoleScript.keys("o"))
        #expect(script.draw().plainText.contains("Ingen av pasientens varsler er avsluttet i dag"))
    }

    @Test func theHandoverAsksSinceWhenAndSaysWhyAnExportCannotBeWritten() async throws {
        let cache = try await ConsoleModelTests.syncedCache()
        let script = ConsoleModelTests.script(cache)
        script.press(ConsoleScript.keys(":vakt enter t"))
        #expect(script.draw().plainText.contains("Fra når? (12h, 2d, 08:00, 22.11 08:00) ▏"))
        script.press(ConsoleScript.keys("i space går enter"))
        #expect(script.draw().plainText.contains("«i går» er ingen tid Varde kjenner"))
        script.press([.control("u")] + ConsoleScript.keys("2d enter"))
        #expect(script.draw().plainText.contains("Vaktoverlevering · fra 20.11 13:01"), "\(script.draw().plainText)")
        script.press(ConsoleScript.keys("t 22.11 space 08:00 enter"))
        #expect(script.draw().plainText.contains("Vaktoverlevering · fra 22.11 08:00"))
        script.press(ConsoleScript.keys("e"))
        #expect(script.draw().plainText.contains("Eksporter vaktoverleveringen: t tekst · m Markdown · Esc avbryt"))
        script.press(ConsoleScript.keys("m"))
        // This cache is in memory: there is no Varde folder, and the screen says so.
        #expect(script.draw().plainText.contains("Vaktoverleveringen ble ikke lagret: the cache is in memory"))
    }

    @Test(arguments: [("12h", "2026-11-23T01:00:00Z"), ("2d", "2026-11-21T13:00:00Z"), ("08:00", "2026-11-23T07:00:00Z"),
                      ("23:00", "2026-11-22T22:00:00Z"), ("22.11 08:00", "2026-11-22T07:00:00Z"),
                      ("22.11.2026 08:00", "2026-11-22T07:00:00Z"), ("2026-11-22 08:00", "2026-11-22T07:00:00Z"),
                      ("2026-11-22T15:30:00Z", "2026-11-22T15:30:00Z"), ("2026-11-22", "2026-11-21T23:00:00Z")])
    func theSinceTimeIsReadAsTheNurseWritesIt(typed: String, instant: String) throws {
        let now = try #require(ISO8601DateFormatter().date(from: "2026-11-23T13:00:00Z"))
        let oslo = try #require(TimeZone(identifier: "Europe/Oslo"))
        #expect(HandoverSince.parse(typed, now: now, timeZone: oslo) == ISO8601DateFormatter().date(from: instant))
    }

    @Test(arguments: ["", "i går", "32d", "0h", "25:00", "31.11 08:00", "08.00", "2026-13-01 08:00"])
    func whatIsNoTimeIsRefused(typed: String) throws {
        let now = try #require(ISO8601DateFormatter().date(from: "2026-11-23T13:00:00Z"))
        #expect(HandoverSince.parse(typed, now: now, timeZone: try #require(TimeZone(identifier: "Europe/Oslo"))) == nil)
    }
}
