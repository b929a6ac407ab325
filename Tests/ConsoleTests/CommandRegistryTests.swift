import Foundation
import Testing
import VardeConsole
import VardeDomain
import VardeTerminal

/// One registry drives the keys, the help overlay and the manual's keymap.
struct CommandRegistryTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test func noKeyMeansTwoThingsInOneContext() {
        for context in CommandContext.allCases {
            var seen: [Key] = []
            for command in CommandRegistry.all where command.context == context {
                for key in command.keys {
                    #expect(!seen.contains(key), "\(key) is bound twice in \(context)")
                    seen.append(key)
                }
            }
        }
    }

    @Test func theManualCarriesTheGeneratedKeymap() throws {
        let manual = try String(contentsOf: Self.root.appendingPathComponent("Manual.md"), encoding: .utf8)
        let table = CommandRegistry.markdownTable(.nb)
        #expect(manual.contains(table), "Manual.md's keymap is out of date; paste:\n\(table)")
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
