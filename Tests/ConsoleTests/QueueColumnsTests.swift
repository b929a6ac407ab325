import Foundation
import Testing
import VardeConsole
import VardeDomain
import VardeStore
import VardeTerminal

/// The queue's columns: a long wait never runs into the measurement, a wide terminal shows more
/// columns instead of padding, and the list says where the selected row is.
struct QueueColumnsTests {
    let now = Date(timeIntervalSince1970: 1_795_424_400) // Monday 23.11.2026 10:00 in Norway

    func entry(_ id: Int64, minutes: Double, owner: String? = nil) -> QueueEntry {
        let at = now.addingTimeInterval(-minutes * 60)
        let m = HomeMeasurement(id: "m\(id)", patientID: "p\(id)", kind: .bloodGlucose, code: "c", value: 2.5,
                                unit: "mmol/L", effective: at, lastUpdated: at)
        var entry = QueueEntry(alertID: id, zone: .red, patientID: "p\(id)", patientName: "Kristiansen-Haugland, Anne-Marie",
                               municipality: Municipality(number: "1804", name: "Midtre Gauldal kommune"), trigger: m,
                               raisedAt: at, owner: owner)
        entry.birthDate = "1944-03-02"
        entry.diagnoses = [.copd, .diabetes]
        return entry
    }

    @Test(arguments: [80, 100, 120, 160, 200])
    func aLongWaitNeverRunsIntoTheMeasurement(width: Int) {
        // 23 h 59 min, overdue: the widest the waited column gets.
        var state = QueueState(entries: [entry(1, minutes: 23 * 60 + 59), entry(2, minutes: 3 * 1440 + 14 * 60)], now: now)
        let buffer = QueueScreen.render(&state, width: width, height: 24)
        let first = buffer.line(2), second = buffer.line(3)
        #expect(first.hasSuffix("! 23 t 59 min") || first.hasSuffix("23 t 59 min"), "\(first)")
        #expect(second.hasSuffix("3 d 14 t"), "\(second)")
        for line in [first, second] {
            let waited = line.range(of: line.hasSuffix("d 14 t") ? "3 d 14 t" : "23 t 59 min")!
            let before = line[..<waited.lowerBound].replacingOccurrences(of: "! ", with: "")
            #expect(before.hasSuffix(" "), "a gap between the measurement and the wait: \(line)")
        }
    }

    @Test func twoHundredColumnsShowAgeDiagnosisWhoHoldsItAndWhenMeasured() {
        var state = QueueState(entries: [entry(1, minutes: 90, owner: "kari"), entry(2, minutes: 30)], now: now)
        let buffer = QueueScreen.render(&state, width: 200, height: 30)
        let header = buffer.line(1)
        for title in ["Alder", "Diagnose", "Målt", "Tatt av"] { #expect(header.contains(title), "\(header)") }
        #expect(buffer.line(2).contains("82 år") && buffer.line(2).contains("kols, diabetes"), "\(buffer.line(2))")
        #expect(buffer.line(2).contains("23.11 08:30") && buffer.line(2).contains("kari"), "\(buffer.line(2))")
        let narrow = QueueScreen.render(&state, width: 80, height: 24).line(1)
        #expect(!narrow.contains("Alder") && !narrow.contains("Tatt av"), "80 columns keep the five: \(narrow)")
    }

    @Test func theDetailLineSaysWhereTheSelectedRowIs() {
        var state = QueueState(entries: (1...131).map { entry(Int64($0), minutes: Double(200 - $0)) }, now: now)
        state.moveTo(11)
        let buffer = QueueScreen.render(&state, width: 80, height: 24)
        #expect(buffer.line(22).hasSuffix("12/131"), "\(buffer.line(22))")
    }
}
