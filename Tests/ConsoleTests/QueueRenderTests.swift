import Foundation
import Testing
import VardeConsole
import VardeDomain
import VardeStore
import VardeTerminal

/// The queue drawn headless: columns stay aligned whatever the names are made of.
struct QueueRenderTests {
    let now = Date(timeIntervalSince1970: 1_795_348_800)

    func entry(_ id: Int64, _ zone: Zone, _ name: String, _ municipality: String, _ number: String,
               _ kind: MeasurementKind, _ value: Double, second: Double? = nil, minutes: Double) -> QueueEntry {
        let at = now.addingTimeInterval(-minutes * 60)
        let m = HomeMeasurement(id: "m\(id)", patientID: "p\(id)", kind: kind, code: "c", value: value,
                                secondValue: second, unit: kind.canonicalUnit, effective: at, lastUpdated: at)
        return QueueEntry(alertID: id, zone: zone, patientID: "p\(id)", patientName: name,
                          municipality: Municipality(number: number, name: municipality), trigger: m, raisedAt: at)
    }

    var awkwardEntries: [QueueEntry] {
        [
            entry(1, .red, "Ødegård, Åse", "Bodø", "1804", .oxygenSaturation, 86, minutes: 134),
            entry(2, .red, "Ma\u{030A}løy, Kåre", "Tromsø", "5501", .bloodPressure, 182, second: 95, minutes: 40),
            entry(3, .yellow, "李, 小龙", "Ørland", "5057", .bodyTemperature, 38.4, minutes: 300),
            entry(4, .yellow, "Nguyễn 😀, Thi", "Åmli", "4217", .heartRate, 104, minutes: 3000),
        ]
    }

    func render(_ entries: [QueueEntry], width: Int = 80, height: Int = 24, language: Language = .nb) -> ScreenBuffer {
        var state = QueueState(entries: entries, now: now, language: language)
        return QueueScreen.render(&state, width: width, height: height)
    }

    /// The column (in cells) where `text` starts on row `y`, or nil.
    func column(of text: String, in buffer: ScreenBuffer, y: Int) -> Int? {
        let first = String(text.first!)
        return (0..<buffer.width).first { buffer[$0, y].text == first && buffer.line(y).contains(text) }
    }

    @Test(arguments: [80, 120, 160, 200])
    func municipalityMeasurementAndWaitedColumnsLineUpForEveryName(width: Int) {
        let buffer = render(awkwardEntries, width: width, height: 24)
        let rows = 2..<6
        let municipalities = ["Bodø", "Tromsø", "Ørland", "Åmli"]
        let starts = zip(rows, municipalities).map { column(of: $1, in: buffer, y: $0) }
        #expect(starts.allSatisfy { $0 != nil && $0 == starts[0] }, "municipality columns at \(starts)")
        let measurements = ["SpO2", "BT", "Temp", "Puls"]
        let measurementStarts = zip(rows, measurements).map { column(of: $1, in: buffer, y: $0) }
        #expect(measurementStarts.allSatisfy { $0 != nil && $0 == measurementStarts[0] })
        for y in rows { #expect(buffer[width - 2, y].text != " ", "waited is right-aligned on row \(y)") }
    }

    @Test func rowsShowZoneWordPatientMunicipalityMeasurementAndWaitedTime() {
        let buffer = render(awkwardEntries)
        #expect(buffer.line(2).contains("■ RØD"))
        #expect(buffer.line(2).contains("SpO2 86 %"))
        #expect(buffer.line(2).hasSuffix("2 t 14 min"))
        #expect(buffer.line(3).contains("BT 182/95 mmHg"))
        #expect(buffer.line(4).contains("▲ GUL"))
        #expect(buffer.line(4).contains("Temp 38,4 °C"))
        #expect(buffer.line(5).hasSuffix("2 d 2 t"))
        #expect(buffer.line(0).contains("■ 2 rød"))
    }

    @Test func englishUsesEnglishWordsAndDecimalPoints() {
        let buffer = render(awkwardEntries, language: .en)
        #expect(buffer.line(2).contains("■ RED"))
        #expect(buffer.line(4).contains("▲ YELLOW"))
        #expect(buffer.line(4).contains("Temp 38.4 °C"))
        #expect(buffer.line(1).contains("Municipality"))
    }

    @Test func theSelectedRowIsReversedSoItShowsWithoutColour() {
        var state = QueueState(entries: awkwardEntries, now: now)
        state.move(by: 1)
        let buffer = QueueScreen.render(&state, width: 80, height: 24)
        #expect(buffer[20, 3].style.reverse)
        #expect(!buffer[20, 2].style.reverse)
        #expect(buffer.line(22).contains("Måløy, Kåre") || buffer.line(22).contains("Ma\u{030A}løy, Kåre"))
    }

    @Test func aSuspectedErrorIsARoutineRowAfterEveryRedAndYellow() {
        var suspect = entry(8, .green, "Lie, Liv", "Bodø", "1804", .oxygenSaturation, 40, minutes: 600)
        suspect.basis = .suspectedError
        let buffer = render(awkwardEntries + [suspect])
        #expect(buffer.line(6).contains("? FEIL?"))
        #expect(buffer.line(6).contains("SpO2 40 %"))
    }

    @Test func aPatientsMessageIsARoutineRowAndUnreadMessagesAreMarkedOnAlerts() {
        let message = QueueEntry(alertID: 9, zone: .green, patientID: "p9", patientName: "Lie, Liv",
                                 municipality: Municipality(number: "1804", name: "Bodø"), trigger: nil,
                                 raisedAt: now.addingTimeInterval(-600), basis: .message,
                                 message: "Jeg er mer\ntungpustet\u{1B}[2J i dag", unreadMessages: 1)
        var unread = awkwardEntries
        unread[0].unreadMessages = 2
        let buffer = render(unread + [message])
        #expect(buffer.line(2).contains("✉ Ødegård, Åse"))
        #expect(buffer.line(6).contains("✉ MELDING"))
        #expect(buffer.line(6).contains("«Jeg er mer tungpuste"), "\(buffer.line(6))")
        #expect(Formatting(.nb).finding(message) == "«Jeg er mer tungpustet␛[2J i dag»")
        #expect(!buffer.line(6).contains("✉ Lie"), "the row itself says it is a message")
    }

    @Test func aMissingMeasurementIsARoutineRowNamingWhatDidNotCome() {
        let missing = QueueEntry(alertID: 10, zone: .green, patientID: "p10", patientName: "Berg, Ola",
                                 municipality: Municipality(number: "1804", name: "Bodø"), trigger: nil,
                                 raisedAt: now.addingTimeInterval(-3600), basis: .missingMeasurement,
                                 missing: [.oxygenSaturation, .bodyWeight])
        let buffer = render(awkwardEntries + [missing])
        #expect(buffer.line(6).contains("○ MANGLER"))
        #expect(buffer.line(6).contains("Mangler: SpO2, Vekt"))
        let english = render(awkwardEntries + [missing], language: .en)
        #expect(english.line(6).contains("○ MISSING"))
        #expect(english.line(6).contains("Missing: SpO2, Weight"))
    }

    @Test func whileTheServerIsDownTheStatusLineSaysHowManyMessagesWait() {
        var state = QueueState(entries: awkwardEntries, now: now, language: .nb)
        state.sync = SyncState(server: "x", connection: .offline, lastSuccessAt: now.addingTimeInterval(-300))
        state.outbox = 3
        let buffer = QueueScreen.render(&state, width: 80, height: 24)
        #expect(buffer.line(23).contains("frakoblet · synket for 5 min siden · ✉ 3 i utboks"), "\(buffer.line(23))")
        #expect(buffer[1, 23].style.role == .warning)
    }

    @Test func aSmallWindowAsksToBeMadeLargerInsteadOfBreakingTheLayout() {
        let buffer = render(awkwardEntries, width: 60, height: 20)
        #expect(buffer.plainText.contains("Gjør vinduet større"))
        #expect(!buffer.plainText.contains("Bodø"))
    }

    @Test func escapeSequencesInNamesAreShownInertNeverPassedThrough() {
        let hostile = entry(9, .red, "Evil\u{1b}[2J\u{1b}]0;pwned\u{07}\u{202e}Name", "Bodø", "1804", .heartRate, 140, minutes: 1)
        let buffer = render([hostile])
        let text = buffer.plainText
        #expect(!text.contains("\u{1b}"))
        #expect(!text.contains("\u{07}"))
        #expect(!text.contains("\u{202e}"))
        #expect(text.contains("Evil␛[2J"))
    }
}
