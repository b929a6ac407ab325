import Foundation
import Testing
import TestSupport
import VardeDomain
import VardeService
import VardeStore

/// The nurse's documentation in a real terminal, the real binary against a real `varde sim` over
/// loopback: a resolved alert's note composed, edited, copied through OSC 52 (captured from the pane's
/// output), saved and delivered once as a DocumentReference; a free note with `:notat`; a resolved
/// alert reopened, and its note corrected while a colleague reopens it on the service (the colleague's
/// version wins, and the nurse is told who has it); the handover's `t` and `e`.
@Suite(.serialized)
struct JournalNoteInTerminalTests {
    let varde = vardeExecutable()

    struct Centre {
        var sim: ChildProcess
        var url: String
        var home: String
        var cache: CacheDatabase
        var console: String
    }

    func centre() throws -> Centre {
        let sim = try ChildProcess(varde, ["sim", "--port", "0", "--patients", "20", "--seed", "5", "--frozen", "--start", fixedStartInstant])
        guard let line = sim.waitForLine(containing: "listening on"), let url = line.split(separator: " ").last.map(String.init) else {
            sim.stop()
            throw SimDidNotStart()
        }
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("varde-notes-tmux-\(UUID().uuidString)").path
        #expect(try runCommand(varde, ["sync", "--now", fixedStartInstant, "--once", "--server", url, "--home", home]).status == 0)
        return Centre(sim: sim, url: url, home: home, cache: try CacheDatabase(path: home + "/cache.sqlite"),
                      console: "'\(varde)' console --now \(fixedStartInstant) --server '\(url)' --home '\(home)' --operator kari")
    }

    struct SimDidNotStart: Error {}

    /// An alert with a measurement behind it that nobody holds, and the patient's fødselsnummer (a unique search).
    func freeAlert(_ cache: CacheDatabase) throws -> (QueueEntry, String) {
        let entry = try #require(try cache.queue().first { !$0.isBlocked && $0.owner == nil && $0.trigger != nil && $0.unreadMessages == 0 })
        let record = try #require(try cache.patientRecord(entry.patientID, since: fixedStart))
        return (entry, record.patient.nationalID)
    }

    func onService(_ url: String, note id: String) throws -> [FHIRDocumentReference] {
        let response = try CurlHTTPClient().send(HTTPRequest(url: "\(url)/DocumentReference?\(DocumentReferenceMapping.identifierQuery(id))"))
        return try JSONDecoder().decode(ReceivedPage<FHIRDocumentReference>.self, from: response.body).entries.map { try $0.get() }
    }

    /// The OSC 52 copies in what the pane received, decoded.
    func copies(in path: String) -> [String] {
        let output = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        return output.components(separatedBy: "\u{1B}]52;c;").dropFirst().compactMap { part in
            guard let end = part.firstIndex(of: "\u{07}"), let data = Data(base64Encoded: String(part[..<end])) else { return nil }
            return String(decoding: data, as: UTF8.self)
        }
    }

    func open(_ terminal: TmuxSession, nationalID: String) async throws {
        try terminal.send(":")
        try terminal.send("-l", "pasient \(nationalID)")
        try terminal.send("Enter")
        #expect(await terminal.waitFor(seconds: 15) { $0.contains("1 Trender") }.ok)
    }

    @Test func aResolvedAlertsNoteIsEditedCopiedAndDeliveredOnceAndAFreeNoteTakesTheSamePath() async throws {
        let centre = try centre()
        defer { centre.sim.stop() }
        let (entry, nationalID) = try freeAlert(centre.cache)
        let terminal = try TmuxSession(width: 100, height: 30, command: "\(centre.console); echo EXIT=$?; sleep 60")
        defer { terminal.close() }
        let output = centre.home + "/pane-output"
        try terminal.recordOutput(to: output)
        #expect(await terminal.waitFor { $0.contains("tilkoblet") }.ok)
        try await open(terminal, nationalID: nationalID)

        try terminal.send("x")
        #expect(await terminal.waitFor(seconds: 10) { $0.contains("velg utfall") }.ok)
        try terminal.send("2")
        try terminal.send("-l", "Ringte pasienten")
        try terminal.send("Enter")
        let composed = await terminal.waitFor(seconds: 15) {
            $0.contains("Varde · Journalnotat") && $0.contains("Utfall: Gitt råd etter planen.") && $0.contains("Merknad: Ringte pasienten")
        }
        #expect(composed.ok, "\(composed.screen)")
        #expect(composed.screen.contains("Bakgrunn:") && composed.screen.contains("Skrevet av: kari"), "\(composed.screen)")
        try terminal.send("-l", " Ny måling 93 %.")
        #expect(await terminal.waitFor(seconds: 10) { $0.contains("Merknad: Ringte pasienten Ny måling 93 %.") }.ok)

        // Ctrl-y: the terminal receives the whole edited note as one OSC 52 sequence.
        try terminal.send("C-y")
        #expect(await terminal.waitFor(seconds: 10) { $0.contains("Kopiert til utklippstavlen") }.ok)
        try await Task.sleep(nanoseconds: 500_000_000)
        let copied = try #require(copies(in: output).last, "no OSC 52 sequence reached the terminal")
        #expect(copied.hasPrefix("Journalnotat – digital hjemmeoppfølging\n"), "\(copied)")
        #expect(copied.hasSuffix("Merknad: Ringte pasienten Ny måling 93 %."), "\(copied)")

        // Ctrl-s: into the outbox; the sync delivers it, and the note says so.
        try terminal.send("C-s")
        #expect(await terminal.waitFor(seconds: 10) { $0.contains("Lagret, venter på levering") || $0.contains("Levert til tjenesten") }.ok)
        let delivered = await terminal.waitFor(seconds: 30) { $0.contains("Levert til tjenesten") }
        #expect(delivered.ok, "\(delivered.screen)")
        let note = try #require(try centre.cache.journalNotes(of: entry.patientID).first)
        #expect(note.text == copied)
        try await Task.sleep(nanoseconds: 5_000_000_000) // more sync passes: still one copy
        let stored = try onService(centre.url, note: note.id)
        #expect(stored.count == 1, "delivered exactly once")
        if let document = stored.first {
            #expect(DocumentReferenceMapping.problems(document).isEmpty, "valid FHIR R4 DocumentReference")
            #expect(DocumentReferenceMapping.text(of: document) == copied)
            #expect(document.subject?.reference == "Patient/\(entry.patientID)")
            #expect(document.context?.related?.first?.reference?.hasPrefix("Task/") == true, "the Task as context")
        }
        try terminal.send("Escape")
        #expect(await terminal.waitFor(seconds: 10) { $0.contains("1 Trender") && !$0.contains("Journalnotat") }.ok)

        // :notat about the open patient, by the same path.
        try terminal.send(":")
        try terminal.send("-l", "notat")
        try terminal.send("Enter")
        #expect(await terminal.waitFor(seconds: 10) { $0.contains("Varde · Notat om pasienten") && $0.contains("Notat uten varsel") }.ok)
        try terminal.send("-l", "Pasienten ringte om reisen til sykehuset.")
        try terminal.send("C-s")
        let free = await terminal.waitFor(seconds: 30) { $0.contains("Levert til tjenesten") }
        #expect(free.ok, "\(free.screen)")
        let freeNote = try #require(try centre.cache.journalNotes(of: entry.patientID).first { $0.alertKey == nil })
        #expect(freeNote.text.hasSuffix("Merknad: Pasienten ringte om reisen til sykehuset."))
        #expect(try onService(centre.url, note: freeNote.id).count == 1)
        try terminal.send("Escape")
        try terminal.send("q")
        #expect(await terminal.waitFor(seconds: 20) { $0.contains("EXIT=0") }.ok)
    }

    @Test func aReopenedAlertAndACorrectionRacingAColleagueLeaveTheColleaguesVersionAndSayWhoHasIt() async throws {
        let centre = try centre()
        defer { centre.sim.stop() }
        let (entry, nationalID) = try freeAlert(centre.cache)
        let terminal = try TmuxSession(width: 100, height: 30, command: "\(centre.console); echo EXIT=$?; sleep 60")
        defer { terminal.close() }
        #expect(await terminal.waitFor { $0.contains("tilkoblet") }.ok)
        try await open(terminal, nationalID: nationalID)
        func resolve(_ note: String) async throws {
            try terminal.send("x")
            #expect(await terminal.waitFor(seconds: 10) { $0.contains("velg utfall") }.ok)
            try terminal.send("1")
            try terminal.send("-l", note)
            try terminal.send("Enter")
            #expect(await terminal.waitFor(seconds: 15) { $0.contains("Varde · Journalnotat") }.ok)
            try terminal.send("C-s")
            #expect(await terminal.waitFor(seconds: 30) { $0.contains("Levert til tjenesten") }.ok)
            try terminal.send("Escape")
        }
        try await resolve("ringt")

        // o in the history reopens it: back in the queue, claimed by Kari, on the service too.
        try terminal.send("4")
        try terminal.send("o")
        let box = await terminal.waitFor(seconds: 10) { $0.contains("Gjenåpne varselet") && $0.contains("avsluttet av kari") }
        #expect(box.ok, "\(box.screen)")
        try terminal.send("-l", "ny rød måling")
        try terminal.send("Enter")
        #expect(await terminal.waitFor(seconds: 10) { $0.contains("Varselet er gjenåpnet og tatt av deg") }.ok)
        let client = FHIRClient(baseURL: centre.url, http: CurlHTTPClient())
        let key = try #require(try centre.cache.alert(id: entry.alertID)).key
        let taskPath = "Task/\(TaskMapping.taskID(key))"
        var reopenedOnService = false
        for _ in 0..<60 where !reopenedOnService {
            let (task, _) = try client.read(taskPath, as: FHIRTask.self)
            reopenedOnService = task.status == "in-progress" && task.owner?.display == "kari"
            if !reopenedOnService { try await Task.sleep(nanoseconds: 500_000_000) }
        }
        #expect(reopenedOnService, "the reopening reached the shared Task")

        // Resolved again; Kari starts correcting its note while Ola reopens it on the service (If-Match).
        try await resolve("ringt, alt vel")
        try terminal.send("e")
        #expect(await terminal.waitFor(seconds: 10) { $0.contains("Rett notatet") && $0.contains("> ringt, alt vel▏") }.ok)
        try terminal.send("-l", " – ny måling 94 %")
        #expect(await terminal.waitFor(seconds: 10) { $0.contains("94 %▏") }.ok)
        let (current, version) = try client.read(taskPath, as: FHIRTask.self)
        #expect(current.status == "completed")
        var olas = try #require(try centre.cache.alert(id: entry.alertID))
        olas.status = .open
        olas.owner = "Ola"
        olas.outcome = nil
        olas.note = nil
        let answer = try client.conditionalPut(taskPath, body: try JSONEncoder().encode(TaskMapping.task(from: olas)), ifMatch: version)
        #expect(answer.status == 200 || answer.status == 201, "Ola's reopening is on the service")
        try terminal.send("Enter")
        // Whether the console heard of Ola before or after Kari's Enter, Ola's version wins and Kari is told who has it.
        let told = await terminal.waitFor(seconds: 30) { $0.contains("tatt av Ola") || $0.contains("Ola har gjenåpnet det") }
        #expect(told.ok, "\(told.screen)")
        print("race: \(told.screen.contains("Ola har gjenåpnet det") ? "the console had heard of Ola first" : "412 on the Task, Ola's version taken")")
        if !told.screen.contains("Ola har gjenåpnet det") {
            // The corrected note opened before the 412: it says the correction did not reach the service.
            let warned = await terminal.waitFor(seconds: 20) { $0.contains("Ola gjenåpnet varselet først") }
            #expect(warned.ok, "\(warned.screen)")
        }
        var settled = false
        for _ in 0..<60 where !settled {
            settled = try centre.cache.alert(id: entry.alertID).map { $0.status == .open && $0.owner == "Ola" } ?? false
            if !settled { try await Task.sleep(nanoseconds: 500_000_000) }
        }
        #expect(settled, "Kari's copy follows the service: open, Ola's")
        let (after, _) = try client.read(taskPath, as: FHIRTask.self)
        #expect(after.status == "in-progress" && after.owner?.display == "Ola", "nothing of Kari's overwrote Ola's version")
        try terminal.send("Escape")
        try terminal.send("Escape")
        try terminal.send("q")
        #expect(await terminal.waitFor(seconds: 20) { $0.contains("EXIT=0") }.ok)
    }

    @Test func theHandoverIsShownSinceATimeTypedOnScreenAndExportedToAFileItNames() async throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("varde-handover-tmux-\(UUID().uuidString)").path
        let terminal = try TmuxSession(width: 160, height: 40,
                                       command: "'\(varde)' demo --home '\(home)' --patients 400; echo EXIT=$?; sleep 60")
        defer { terminal.close() }
        #expect(await terminal.waitFor { $0.contains("■ RØD") && $0.contains("tilkoblet") }.ok)
        try terminal.send(":")
        try terminal.send("-l", "vakt")
        try terminal.send("Enter")
        #expect(await terminal.waitFor(seconds: 15) { $0.contains("Varde · Vaktoverlevering") && $0.contains("t fra når") }.ok)
        try terminal.send("t")
        #expect(await terminal.waitFor(seconds: 10) { $0.contains("Fra når? (12h, 2d, 08:00, 22.11 08:00)") }.ok)
        try terminal.send("-l", "i morgen")
        try terminal.send("Enter")
        #expect(await terminal.waitFor(seconds: 10) { $0.contains("«i morgen» er ingen tid Varde kjenner") }.ok)
        try terminal.send("C-u")
        try terminal.send("-l", "00:00")
        try terminal.send("Enter")
        let midnight = await terminal.waitFor(seconds: 15) { $0.contains("Vaktoverlevering · fra ") && $0.contains(" 00:00 til ") }
        #expect(midnight.ok, "\(midnight.screen)")

        try terminal.send("e")
        #expect(await terminal.waitFor(seconds: 10) { $0.contains("t tekst · m Markdown") }.ok)
        try terminal.send("m")
        let saved = await terminal.waitFor(seconds: 10) { $0.contains("Vaktoverleveringen er lagret i") && $0.contains("/vakt/vakt-") }
        #expect(saved.ok, "\(saved.screen)")
        let folder = home + "/vakt"
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".md") }
        #expect(files.count == 1, "\(files)")
        if let file = files.first {
            let path = folder + "/" + file
            #expect(saved.screen.contains(file), "the screen names the file")
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(text.hasPrefix("# Vaktoverlevering fra ") && text.contains(" 00:00 til ") && text.contains("## Avsluttet"), "\(text)")
            let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
            #expect(mode == 0o600, "the operator's own, like everything in the Varde folder")
        }
        try terminal.send("Escape")
        try terminal.send("q")
        #expect(await terminal.waitFor(seconds: 20) { $0.contains("EXIT=0") }.ok)
    }
}
