import Foundation
import Testing
import TestSupport
import VardeDomain
import VardeService
import VardeStore

/// Text from a hostile server or a tampered cache reaches the operator's terminal, files and
/// reports inert: no escape sequence can clear the screen, write the clipboard (OSC 52), set the
/// title, ring the bell or reverse the line, whichever command prints it.
@Suite(.serialized)
struct HostileTextOutputTests {
    let varde = vardeExecutable()

    /// Clear screen, clipboard write, title, bell, right-to-left override, CSI as a C1 control, NEL.
    static let hostile = "Kari\u{1B}[2J\u{1B}]52;c;ZXZpbA==\u{07}\u{1B}]0;pwned\u{07}\u{07}\u{202E}lin\u{9B}31m\u{85}x"

    func temporaryHome() throws -> String {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("varde-hostile-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        return home
    }

    /// No ESC, BEL, C1 control (CSI U+009B among them) or bidi override reaches the output.
    func expectInert(_ output: String, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let bytes = Array(output.utf8)
        #expect(!bytes.contains(0x1B), "ESC in \(what): \(output.debugDescription)", sourceLocation: sourceLocation)
        #expect(!bytes.contains(0x07), "BEL in \(what): \(output.debugDescription)", sourceLocation: sourceLocation)
        #expect(!output.unicodeScalars.contains { (0x80...0x9F).contains($0.value) }, "C1 control in \(what)",
                sourceLocation: sourceLocation)
        #expect(!output.unicodeScalars.contains("\u{202E}"), "right-to-left override in \(what)", sourceLocation: sourceLocation)
    }

    static func json(_ text: String) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: [text], options: []), as: UTF8.self)
            .dropFirst().dropLast().description
    }

    @Test func anOperationOutcomeWithEscapeSequencesIsPrintedInertOnOneLine() throws {
        let outcome = """
            {"resourceType":"OperationOutcome","issue":[{"severity":"error","code":"invalid","diagnostics":\(try Self.json(Self.hostile))}]}
            """
        let server = try HostileServer(status: 400, body: outcome)
        defer { server.stop() }
        let result = try runCommand(varde, ["sync", "--once", "--server", server.baseURL, "--home", try temporaryHome()])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("varde: sync failed: server answered 400 for \(server.baseURL)/"), "\(result.stderr)")
        #expect(result.stderr.contains("Kari␛[2J␛]52;c;ZXZpbA==␇"), "the text is shown, made visible: \(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
        expectInert(result.stderr, "sync's failure line")
        expectInert(result.stdout, "sync's stdout")
    }

    @Test func aRefusedForeignPagingLinkIsEchoedInert() throws {
        let link = "http://evil.example/Consent?page=\(Self.hostile)"
        let bundle = """
            {"resourceType":"Bundle","type":"searchset","link":[{"relation":"next","url":\(try Self.json(link))}],"entry":[]}
            """
        let server = try HostileServer(status: 200, body: bundle)
        defer { server.stop() }
        let result = try runCommand(varde, ["sync", "--once", "--server", server.baseURL, "--home", try temporaryHome()])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("varde: sync failed: refused to follow a paging link to another server: http://evil.example/"),
                "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
        expectInert(result.stderr, "the refused link")
    }

    @Test func theAccessLogPrintsACachedPatientIdInert() throws {
        let home = try temporaryHome()
        let cache = try CacheDatabase(path: home + "/cache.sqlite")
        try cache.recordAccess(AccessRecord(at: fixedStart, operatorID: "ola", patientID: "pas-1" + Self.hostile, what: .render,
                                            workstation: "ws" + Self.hostile))
        let result = try runCommand(varde, ["audit", "--home", home])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("1 access, 1 not yet delivered"))
        #expect(result.stdout.split(separator: "\n").count == 2, "one line per access: \(result.stdout.debugDescription)")
        expectInert(result.stdout, "varde audit")
    }

    @Test func quarantinedTextIsListedInert() throws {
        let home = try temporaryHome()
        let cache = try CacheDatabase(path: home + "/cache.sqlite")
        try cache.quarantine([QuarantinedResource(server: "http://x" + Self.hostile, resourceType: "Observation",
                                                  resourceID: "obs-1" + Self.hostile, reason: "bad" + Self.hostile,
                                                  receivedAt: fixedStart, raw: "{\"a\":\n\"" + Self.hostile + "\"}")])
        let result = try runCommand(varde, ["quarantine", "--raw", "--home", home])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.split(separator: "\n").count == 3, "\(result.stdout.debugDescription)")
        expectInert(result.stdout, "varde quarantine")
    }

    @Test func aNurseNameFromTheServerCannotBreakTheCaseloadReport() throws {
        let sim = try ChildProcess(varde, ["sim", "--port", "0", "--patients", "80", "--seed", "3", "--frozen",
                                           "--start", fixedStartInstant])
        defer { sim.stop() }
        let line = try #require(sim.waitForLine(containing: "listening on"))
        let url = String(line.split(separator: " ").last ?? "")
        let home = try temporaryHome()
        #expect(try runCommand(varde, ["sync", "--now", fixedStartInstant, "--once", "--server", url, "--home", home]).status == 0)
        // Another nurse's claim as the shared Task brings it: the owner's name is the server's text.
        let nurse = "Eva|\"Ola\",;\r\n| 1 | 2 |" + Self.hostile
        let cache = try CacheDatabase(path: home + "/cache.sqlite")
        // Two alerts still open (colleagues resolved others): another nurse's claims, as the shared Task brings them.
        let open = try cache.queue().filter { $0.owner == nil && $0.zone > .green }
        #expect(open.count >= 2, "\(open)")
        let alert = try #require(try cache.alert(id: open[0].alertID))
        try cache.applyRemote(alertKey: alert.key, owner: nurse, resolved: false, outcome: nil, note: nil, taskVersion: "2",
                              at: fixedStart.addingTimeInterval(600))
        // A name a spreadsheet would run as a formula when the leader opens the CSV.
        let formula = "=HYPERLINK(\"http://x.invalid\";\"klikk\")"
        let second = try #require(try cache.alert(id: open[1].alertID))
        try cache.applyRemote(alertKey: second.key, owner: formula, resolved: false, outcome: nil, note: nil, taskVersion: "2",
                              at: fixedStart.addingTimeInterval(660))

        let now = "2026-11-23T09:30:00Z"
        let table = try runCommand(varde, ["report", "caseload", "--home", home, "--now", now])
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.contains("Eva|\"Ola\",;␍␊| 1 | 2 |Kari␛[2J"), "the name is there, made visible: \(table.stdout)")
        expectInert(table.stdout, "the caseload table")

        let csv = try runCommand(varde, ["report", "caseload", "--home", home, "--now", now, "--format", "csv"])
        #expect(csv.status == 0, "\(csv.stderr)")
        expectInert(csv.stdout, "the caseload CSV")
        let nurseRows = csv.stdout.components(separatedBy: "\n\n").last?.split(separator: "\n") ?? []
        let row = try #require(nurseRows.first { $0.contains("Eva") }, "\(csv.stdout)")
        #expect(row.hasPrefix("\"Eva|\"\"Ola\"\",;␍␊| 1 | 2 |Kari␛[2J"), "quoted, quotes doubled: \(row)")
        #expect(nurseRows.allSatisfy { Self.csvFields($0) == Self.csvFields(nurseRows[0]) }, "every row has the header's columns")
        let formulaRow = try #require(nurseRows.first { $0.contains("HYPERLINK") }, "\(csv.stdout)")
        #expect(formulaRow.hasPrefix("\"'=HYPERLINK("), "a formula is made text with a leading ': \(formulaRow)")

        let md = try runCommand(varde, ["report", "caseload", "--home", home, "--now", now, "--format", "md"])
        #expect(md.status == 0, "\(md.stderr)")
        expectInert(md.stdout, "the caseload Markdown")
        let tableLines = md.stdout.split(separator: "\n").filter { $0.hasPrefix("|") }
        let nurseTable = tableLines.drop { !$0.contains("Eva") && !$0.lowercased().contains("sykepleier") }
        #expect(nurseTable.contains { $0.contains("Eva\\|\"Ola\",;␍␊\\| 1 \\| 2 \\|Kari") }, "\(md.stdout)")
        let columns = Set(nurseTable.map(Self.markdownColumns))
        #expect(columns.count == 1, "every row of the nurses' table has the same columns: \(md.stdout)")
    }

    @Test func aPatientsMessageFullOfEscapesIsDrawnInertPlainAndInColour() throws {
        let sim = try ChildProcess(varde, ["sim", "--port", "0", "--patients", "40", "--seed", "3", "--frozen",
                                           "--start", fixedStartInstant])
        defer { sim.stop() }
        let line = try #require(sim.waitForLine(containing: "listening on"))
        let url = String(line.split(separator: " ").last ?? "")
        let home = try temporaryHome()
        let patientID = "pas-00001"
        var message = FHIRCommunication(status: "completed")
        message.subject = FHIRReference(reference: "Patient/\(patientID)")
        message.sender = FHIRReference(reference: "Patient/\(patientID)", display: "Pasient" + Self.hostile)
        message.sent = FHIRDateTime.format(fixedStart.addingTimeInterval(-600))
        message.identifier = [FHIRIdentifier(system: CommunicationMapping.identifierSystem, value: "urn:uuid:\(UUID())")]
        message.payload = [.init(contentString: "Hei " + Self.hostile + " slutt")]
        let posted = try CurlHTTPClient().send(HTTPRequest(method: "POST", url: "\(url)/Communication",
                                                           headers: [("Content-Type", "application/fhir+json")],
                                                           body: try JSONEncoder().encode(message)))
        #expect(posted.status == 201)
        #expect(try runCommand(varde, ["sync", "--now", fixedStartInstant, "--once", "--server", url, "--home", home]).status == 0)

        let plain = try runCommand(varde, ["render", "messages", "--patient", patientID, "--home", home, "--size", "160x48",
                                           "--now", "2026-11-22T12:05:00Z"])
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(plain.stdout.contains("Hei Kari␛[2J␛]52;c;ZXZpbA==␇"), "\(plain.stdout)")
        expectInert(plain.stdout, "render messages")

        let ansi = try runCommand(varde, ["render", "messages", "--patient", patientID, "--home", home, "--size", "160x48",
                                          "--now", "2026-11-22T12:05:00Z", "--ansi"])
        #expect(ansi.status == 0, "\(ansi.stderr)")
        #expect(ansi.stdout.contains("Hei Kari␛[2J␛]52;c;ZXZpbA==␇"))
        // Varde's own colour codes are the only escapes: no clear screen, no OSC, no bell, no C1, no RLO.
        for sequence in ["\u{1B}[2J", "\u{1B}]", "\u{07}", "\u{9B}", "\u{202E}"] {
            #expect(!ansi.stdout.contains(sequence), "\(sequence.debugDescription) in render --ansi")
        }
    }

    /// The fields of one CSV line (RFC 4180 quoting).
    static func csvFields(_ line: Substring) -> Int {
        var (fields, quoted) = (1, false)
        for character in line {
            if character == "\"" { quoted.toggle() } else if character == ",", !quoted { fields += 1 }
        }
        return fields
    }

    /// The cell separators of one Markdown table line: `|` not escaped with a backslash.
    static func markdownColumns(_ line: Substring) -> Int {
        var (count, escaped) = (0, false)
        for character in line {
            if character == "|", !escaped { count += 1 }
            escaped = character == "\\" && !escaped
        }
        return count
    }
}
