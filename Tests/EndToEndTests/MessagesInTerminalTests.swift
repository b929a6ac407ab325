import Foundation
import Testing
import TestSupport
import VardeDomain
import VardeService
import VardeStore

/// Messages in a real terminal: a hostile message shown inert, writing and sending, a draft kept
/// across a restart — read back from the screen an operator sees.
@Suite(.serialized)
struct MessagesInTerminalTests {
    let varde = vardeExecutable()

    @Test func aHostileMessageIsInertAndANurseAnswersAndKeepsADraftAcrossARestart() async throws {
        let sim = try ChildProcess(varde, ["sim", "--port", "0", "--patients", "20", "--seed", "5", "--frozen",
                                           "--start", "2026-11-22T12:00:00Z"])
        defer { sim.stop() }
        let line = try #require(sim.waitForLine(containing: "listening on"))
        let url = String(try #require(line.split(separator: " ").last))
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("varde-mt-\(UUID().uuidString)").path
        #expect(try runCommand(varde, ["sync", "--now", fixedStartInstant, "--once", "--server", url, "--home", home]).status == 0)
        let cache = try CacheDatabase(path: home + "/cache.sqlite")
        let patient = try #require(try cache.queue().first)
        let family = try #require(patient.patientName.split(separator: ",").first.map(String.init))

        // The patient's tablet sends a message full of terminal control sequences.
        var hostile = FHIRCommunication(status: "completed")
        hostile.subject = FHIRReference(reference: "Patient/\(patient.patientID)")
        hostile.sender = FHIRReference(reference: "Patient/\(patient.patientID)", display: family)
        hostile.sent = FHIRDateTime.format(Date(timeIntervalSince1970: 1_795_000_000))
        hostile.identifier = [FHIRIdentifier(system: CommunicationMapping.identifierSystem, value: "urn:uuid:\(UUID())")]
        hostile.payload = [.init(contentString: "Hei\u{1B}[2J\u{1B}]0;pwned\u{07} OBS \u{202E}snudd\u{202C} slutt")]
        let posted = try CurlHTTPClient().send(HTTPRequest(method: "POST", url: "\(url)/Communication",
                                                           headers: [("Content-Type", "application/fhir+json")],
                                                           body: try JSONEncoder().encode(hostile)))
        #expect(posted.status == 201)

        let console = "'\(varde)' console --now \(fixedStartInstant) --server '\(url)' --home '\(home)' --operator kari"
        let terminal = try TmuxSession(width: 100, height: 30, command: "\(console); echo EXIT=$?; sleep 60")
        defer { terminal.close() }
        #expect(await terminal.waitFor { $0.contains("tilkoblet") && $0.contains("✉") }.ok)
        try terminal.send(":")
        try terminal.send("-l", "pasient \(family)")
        try terminal.send("Enter")
        try terminal.send("3")
        let thread = await terminal.waitFor(seconds: 10) { $0.contains("Hei␛[2J␛]0;pwned␇ OBS") }
        #expect(thread.ok, "\(thread.screen)")
        #expect(!thread.screen.contains("pwned\n"), "the title sequence did not run")
        #expect(thread.screen.contains("1 Trender   2 Plan   3 Meldinger   4 Historikk"), "the screen is intact")
        #expect(thread.screen.contains(family))

        // n writes; Ctrl-s puts it in the outbox and the sync delivers it.
        try terminal.send("n")
        #expect(await terminal.waitFor(seconds: 10) { $0.contains("Ny melding til") && $0.contains("0/1000 tegn") }.ok)
        try terminal.send("-l", "Vi ringer deg før 14. Mvh Kari")
        #expect(await terminal.waitFor(seconds: 10) { $0.contains("30/1000 tegn") }.ok)
        try terminal.send("C-s")
        let sent = await terminal.waitFor(seconds: 15) { ($0.contains("kari → til pasienten · sendt") || $0.contains("kari → til pasienten · lest"))
            && $0.contains("Vi ringer deg før 14") }
        #expect(sent.ok, "\(sent.screen)")

        // Esc keeps a draft; it is still there after quitting and starting again.
        try terminal.send("n")
        try terminal.send("-l", "Et utkast som venter")
        try terminal.send("Escape")
        let kept = await terminal.waitFor(seconds: 10) { $0.contains("Utkastet er lagret") }
        #expect(kept.ok, "\(kept.screen)")
        try terminal.send("q")
        #expect(await terminal.waitFor(seconds: 10) { $0.contains("EXIT=0") }.ok)
        terminal.close()

        let again = try TmuxSession(width: 100, height: 30, command: "\(console); echo EXIT=$?; sleep 60")
        defer { again.close() }
        #expect(await again.waitFor { $0.contains("tilkoblet") }.ok)
        try again.send(":")
        try again.send("-l", "pasient \(family)")
        try again.send("Enter")
        try again.send("3")
        try again.send("n")
        let draft = await again.waitFor(seconds: 10) { $0.contains("Et utkast som venter") && $0.contains("20/1000 tegn") }
        #expect(draft.ok, "\(draft.screen)")
        // Ctrl-t offers the quick replies; 1 inserts the first with the patient's given name.
        try again.send("C-t")
        #expect(await again.waitFor(seconds: 10) { $0.contains("Maler: velg med 1–9") }.ok)
        try again.send("1")
        let filled = await again.waitFor(seconds: 10) { $0.contains("venterHei ") && $0.contains("Vi ser målingen din") }
        #expect(filled.ok, "\(filled.screen)")
        #expect(try cache.thread(of: patient.patientID).filter { $0.direction == .toPatient }.count == 1)
    }
}
