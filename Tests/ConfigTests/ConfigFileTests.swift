import Foundation
import Testing
import VardeConfig
import VardeDomain

@Suite("The centre's config.toml")
struct ConfigFileTests {
    @Test("an empty file gives the documented defaults")
    func defaults() throws {
        let settings = try ConfigFile.parse("")
        #expect(settings == CentreSettings())
        #expect(settings.responseTargets.red == 30 * 60)
        #expect(settings.privacy.idleLock == 300)
        #expect(settings.staffing.patientsPerFTE == 80)
    }

    @Test("every section is read")
    func everything() throws {
        let settings = try ConfigFile.parse("""
        [service_hours]
        days = ["man", "tir", "ons", "tor", "fre", "lør"]
        opens = "07:30"
        closes = "22:00"

        [response_targets]
        red = "15m"
        yellow = "2h30m"

        [staffing]
        patients_per_fte = 70
        [staffing.fte]
        kari = 1.0
        ola = 0.6

        [privacy]
        idle_lock = "90s"
        pin = "2580"

        [access]
        municipalities = ["1804", "1806"]

        [keys]
        claim = "t"
        resolve = ["x", "F5"]

        [[templates]]
        name = "Ring oss"
        text = "Hei {fornavn}, ring oss."
        """)
        #expect(settings.serviceHours.weekdays == [2, 3, 4, 5, 6, 7])
        #expect(settings.serviceHours.opens == 7 * 60 + 30)
        #expect(settings.serviceHours.closes == 22 * 60)
        #expect(settings.responseTargets.red == 15 * 60)
        #expect(settings.responseTargets.yellow == 2.5 * 3600)
        #expect(settings.staffing == Staffing(fte: ["kari": 1.0, "ola": 0.6], patientsPerFTE: 70))
        #expect(settings.privacy == PrivacySettings(idleLock: 90, pin: "2580"))
        #expect(settings.municipalities == ["1804", "1806"])
        #expect(settings.keyOverrides == ["claim": ["t"], "resolve": ["x", "F5"]])
        #expect(settings.replyTemplates == [ReplyTemplate(name: "Ring oss", text: "Hei {fornavn}, ring oss.")])
    }

    @Test("mistakes are refused with the file, line and what is wrong",
          arguments: [
              ("[privacy]\nidle_lok = \"5m\"\n", 2, "unknown setting 'idle_lok'"),
              ("[response_targets]\nred = \"soon\"\n", 2, "not a duration"),
              ("[service_hours]\nopens = \"8\"\n", 2, "not a time of day"),
              ("[service_hours]\nopens = \"16:00\"\ncloses = \"08:00\"\n", 3, "close after it opens"),
              ("[privacy]\npin = \"12\"\n", 2, "4 to 12 digits"),
              ("[access]\nmunicipalities = [\"Bodø\"]\n", 2, "four-digit municipality number"),
              ("[staffing.fte]\nkari = 3.0\n", 2, "full-time equivalents"),
              ("[[templates]]\nname = \"x\"\n", 1, "needs a name and a text"),
              ("[pirvacy]\n", 1, "unknown setting 'pirvacy'"),
              ("a = \n", 1, "expected value"),
          ] as [(String, Int?, String)])
    func refused(text: String, line: Int?, message: String) {
        do {
            _ = try ConfigFile.parse(text, file: "config.toml")
            Issue.record("accepted: \(text)")
        } catch let error as ConfigError {
            #expect(error.line == line)
            #expect(error.description.contains(message), "\(error)")
            #expect(error.description.hasPrefix("config.toml:"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test("[staleness] takes minutes, whole or not; the defaults are 2 and 60")
    func staleness() throws {
        #expect(try ConfigFile.parse("").staleness == StalenessLimits(sync: 120, measurements: 3600))
        let settings = try ConfigFile.parse("[staleness]\nsync_minutes = 5\nmeasurements_minutes = 0.05\n")
        #expect(settings.staleness.sync == 300)
        #expect(abs(settings.staleness.measurements - 3) < 1e-9)
        #expect(try ConfigFile.parse("[staleness]\nsync_minutes = 0.5\n").staleness == StalenessLimits(sync: 30, measurements: 3600))
    }

    @Test("[staleness] mistakes are refused with the line",
          arguments: [
              ("[staleness]\nsync_minute = 2\n", 2, "unknown setting 'sync_minute'"),
              ("[staleness]\nsync_minutes = 0\n", 2, "number of minutes above 0"),
              ("[staleness]\n\nmeasurements_minutes = -5\n", 3, "number of minutes above 0"),
              ("[staleness]\nsync_minutes = \"2m\"\n", 2, "number of minutes above 0"),
              ("staleness = 2\n", 1, "must be a section [staleness]"),
          ] as [(String, Int?, String)])
    func stalenessRefused(text: String, line: Int?, message: String) {
        refused(text: text, line: line, message: message)
    }

    /// Found by fuzzing: toml++ (inside TOMLKit) asserts on a section header without a name (`[` alone on a
    /// line), on a date-time cut short and on a `}` where a list expects a value, which stopped Varde; text is
    /// now read with TOML's grammar first, and what is not well formed, dates and times (no setting takes one)
    /// and control characters (a NUL would cut the file short) are refused with their line.
    @Test("what the TOML parser would trap on is refused with the line",
          arguments: [
              ("[\n", 1, "a section needs a name"),
              ("[privacy]\npin = \"2580\"\n[\r\n", 3, "a section needs a name"),
              ("[privacy]\r\n[[ #templates\n", 2, "a section needs a name"),
              ("[=]\n", 1, "a section needs a name"),
              ("[ \t", 1, "a section needs a name"),
              ("[privacy]\npin = \"2580\"\u{0}\n", 2, "control character"),
              ("d = 1979-05-27T:\n", 1, "dates and times are not settings"),
              ("[service_hours]\n# åpner\nopens = 08:00\n", 3, "dates and times are not settings"),
              ("[[templates]]\nname = \"x\"\ntext = \"\"\"\nhei\u{7F}\n\"\"\"\n", 4, "control character"),
              ("[service_hours]\ndays = [\"man\", \"tir\", }\n", 2, "expected value"),
              ("[privacy]\npin = \"25\\q80\"\n", 2, "not an escape"),
              ("[access]\nmunicipalities = [\"1804\"\n", 3, "expected ',' or ']'"),
              ("\n[keys]\nclaim = " + String(repeating: "[", count: 5000), 3, "nested deeper than 32"),
          ] as [(String, Int?, String)])
    func parserTrapsRefused(text: String, line: Int?, message: String) {
        refused(text: text, line: line, message: message)
    }

    @Test("well-formed TOML in its other spellings is still read")
    func otherSpellingsOfTOML() throws {
        let settings = try ConfigFile.parse("""
        staffing = { patients_per_fte = 0x50, fte = { "kari" = 1e0, 'ola' = 0.6 } }\r
        [ privacy ]   # the lock\r
        pin = '2580'\r
        idle_lock = "1m\\u0033\\U00000030s"
        [access]
        municipalities = [
          "1804", # Bodø
          "1806",
        ]
        [[templates]]
        name = \"\"\"Ring "oss"\"\"\"
        text = \"\"\"
        Hei {fornavn}, \\
            ring oss.\"\"\"
        """)
        #expect(settings.staffing == Staffing(fte: ["kari": 1.0, "ola": 0.6], patientsPerFTE: 80))
        #expect(settings.privacy == PrivacySettings(idleLock: 90, pin: "2580"))
        #expect(settings.municipalities == ["1804", "1806"])
        #expect(settings.replyTemplates == [ReplyTemplate(name: "Ring \"oss\"", text: "Hei {fornavn}, ring oss.")])
    }

    @Test("a line starting with [ inside a multi-line text is text, not a section")
    func bracketInsideMultiLineText() throws {
        let settings = try ConfigFile.parse("[[templates]]\nname = \"Merk: 10:00\"\ntext = \"\"\"\n[!] Ring oss 2026-11-22 kl. 10:00 \\\"#1\\\"\n\"\"\"\n[ privacy ] # PIN: 2580\npin = \"2580\"\n")
        #expect(settings.replyTemplates == [ReplyTemplate(name: "Merk: 10:00", text: "[!] Ring oss 2026-11-22 kl. 10:00 \"#1\"\n")])
        #expect(settings.privacy.pin == "2580")
    }

    @Test("a missing file means defaults")
    func missingFile() throws {
        #expect(try ConfigFile.load(path: "/nonexistent/config.toml") == CentreSettings())
    }

    @Test("templates fill in the patient's names")
    func templates() {
        let template = ReplyTemplate(name: "x", text: "Hei {fornavn} ({navn})")
        #expect(template.filled(givenName: "Åse", fullName: "Åse Ødegård") == "Hei Åse (Åse Ødegård)")
    }
}

/// The example in Manual.md is a file Varde accepts, with the values the comments promise.
@Suite struct ManualConfigExampleTests {
    @Test func theManualsExampleIsAcceptedAsWritten() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let manual = try String(contentsOf: root.appendingPathComponent("Manual.md"), encoding: .utf8)
        let begin = try #require(manual.range(of: "<!-- config-example:begin -->\n```toml\n"))
        let end = try #require(manual.range(of: "```\n<!-- config-example:end -->"))
        let settings = try ConfigFile.parse(String(manual[begin.upperBound..<end.lowerBound]))
        #expect(settings.serviceHours == ServiceHours())
        #expect(settings.responseTargets == ResponseTargets())
        #expect(settings.staffing.totalFTE == 1.6)
        #expect(settings.privacy == PrivacySettings(idleLock: 300, pin: "2580"))
        #expect(settings.municipalities?.count == 3)
        #expect(settings.replyTemplates.map(\.name) == ["Mål på nytt", "Ring oss"])
        #expect(settings.staleness == StalenessLimits())
    }
}
