import Foundation
import Testing
import VardeConsole
import VardeDomain
import VardeTerminal

/// One registry drives the keys, the help overlay and the manual's keymap.
@Suite(.serialized)
struct CommandRegistryTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test func noKeyMeansTwoThingsInOneContext() {
        for context in CommandContext.allCases {
            var seen: [Key] = []
            for command in CommandRegistry.all where command.works(in: context) {
                for key in command.keys {
                    #expect(!seen.contains(key), "\(key) is bound twice in \(context)")
                    seen.append(key)
                }
            }
        }
    }

    /// Manual.md carries the registry's tables between `<!-- NAME:begin -->` and `<!-- NAME:end -->`, exactly.
    /// `VARDE_UPDATE_MANUAL=1` writes them there (then read `git diff Manual.md`).
    @Test(arguments: [("keymap", CommandRegistry.markdownTable(.nb)), ("palette", CommandRegistry.paletteMarkdownTable(.nb))])
    func theManualCarriesTheGeneratedTable(name: String, table: String) throws {
        let file = Self.root.appendingPathComponent("Manual.md")
        let manual = try String(contentsOf: file, encoding: .utf8)
        let (begin, end) = ("<!-- \(name):begin -->\n", "<!-- \(name):end -->")
        guard let from = manual.range(of: begin), let to = manual.range(of: end, range: from.upperBound..<manual.endIndex) else {
            Issue.record("Manual.md has no \(begin)…\(end) section for the generated table:\n\(table)")
            return
        }
        if ProcessInfo.processInfo.environment["VARDE_UPDATE_MANUAL"] == "1" {
            try manual.replacingCharacters(in: from.upperBound..<to.lowerBound, with: table).write(to: file, atomically: true, encoding: .utf8)
            return
        }
        #expect(String(manual[from.upperBound..<to.lowerBound]) == table,
                "Manual.md's \(name) table is out of date (VARDE_UPDATE_MANUAL=1 swift test --filter CommandRegistryTests); expected:\n\(table)")
    }

    @Test func theHelpOverlayListsTheQueuesCommandsInTheOperatorsLanguage() {
        var buffer = ScreenBuffer(width: 100, height: 30)
        HelpOverlay.draw(over: &buffer, context: .queue, language: .en)
        let text = buffer.plainText
        #expect(text.contains("open the patient"))
        #expect(text.contains("Ctrl-d"))
        #expect(!text.contains("tab: trends"))
    }

    @Test func theFilterMatchesNameMunicipalityOrMeasurementAndInverts() {
        let now = Date(timeIntervalSince1970: 1_795_348_800)
        func entry(_ id: Int64, _ name: String, _ municipality: String, _ kind: MeasurementKind) -> QueueEntry {
            let m = HomeMeasurement(id: "m\(id)", patientID: "p\(id)", kind: kind, code: "c", value: 90, unit: kind.canonicalUnit,
                                    effective: now, lastUpdated: now)
            return QueueEntry(alertID: id, zone: .yellow, patientID: "p\(id)", patientName: name,
                              municipality: Municipality(number: "0000", name: municipality), trigger: m, raisedAt: now)
        }
        var state = QueueState(entries: [entry(1, "Ødegård, Åse", "Bodø", .heartRate), entry(2, "Hansen, Kari", "Tromsø", .oxygenSaturation),
                                         entry(3, "Berg, Ola", "Ørland", .oxygenSaturation)], now: now)
        state.setFilter("bodo")
        #expect(state.entries.map(\.alertID) == [1])
        state.setFilter("SPO2")
        #expect(state.entries.map(\.alertID) == [2, 3])
        state.setFilter("!spo2")
        #expect(state.entries.map(\.alertID) == [1])
        state.setFilter("hansen")
        #expect(state.entries.map(\.alertID) == [2])
        state.setFilter("")
        #expect(state.entries.count == 3)
    }
}
