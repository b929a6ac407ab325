import Foundation
import Testing
import VardeConsole
import VardeDomain
import VardeStore
import VardeTerminal

/// The patient view with names that are hard to measure: the header keeps its clock at the right
/// edge and the tabs in place whatever the name is made of.
struct PatientAwkwardNameTests {
    static let now = Date(timeIntervalSince1970: 1_795_424_400) // Monday 23.11.2026 10:00 in Norway
    static let names = [("Ødegård", "Åse Kjærstin"), ("Ma\u{030A}løy", "Kåre"), ("李", "小龙"), ("Nguyễn 😀", "Thi"),
                        ("Østensjø-Bjørnæs-Haugeland-Kristoffersen-Aamodt", "Åsmund Bjørnstjerne Ærlig")]
    static let sizes = [(80, 24), (120, 40), (160, 48)]

    static func record(family: String, given: String) -> PatientRecord {
        let patient = Patient(id: "p1", nationalID: "01815012345", givenName: given, familyName: family,
                              birthDate: "1944-03-02", gender: "female", municipalityNumber: "5057",
                              diagnoses: [.copd], lastUpdated: now)
        let measurements = (0..<10).flatMap { day -> [HomeMeasurement] in
            let at = now.addingTimeInterval(Double(day - 9) * 86_400)
            return [HomeMeasurement(id: "s\(day)", patientID: "p1", kind: .oxygenSaturation, code: "c", value: 86 + Double(day % 4),
                                    unit: "%", effective: at, lastUpdated: now),
                    HomeMeasurement(id: "b\(day)", patientID: "p1", kind: .bloodPressure, code: "c", value: 130 + Double(day * 6),
                                    secondValue: 80 + Double(day), unit: "mm[Hg]", effective: at, lastUpdated: now)]
        }
        return PatientRecord(patient: patient, municipality: Municipality(number: "5057", name: "Ørland"), plan: nil,
                             measurements: measurements, openAlert: nil)
    }

    @Test(arguments: Self.sizes)
    func theHeaderAndTabsHoldForEveryName(width: Int, height: Int) {
        for (family, given) in Self.names {
            for tab in PatientTab.allCases {
                let state = PatientState(record: Self.record(family: family, given: given), tab: tab, now: Self.now, language: .nb)
                let buffer = PatientScreen.render(state, width: width, height: height)
                #expect(buffer.line(0).hasSuffix("23.11 10:00") && buffer[width - 2, 0].text == "0",
                        "\(family) at \(width)x\(height): \(buffer.line(0))")
                #expect(buffer.line(0).contains(String(family.prefix(1))))
                #expect(buffer.line(3).contains("1 Trender   2 Plan   3 Meldinger   4 Historikk"))
                #expect(buffer.line(height - 1).contains("Esc tilbake"))
            }
        }
    }

    @Test(arguments: Self.sizes)
    func bloodPressureIsChartedAsTwoSeriesWithItsSummary(width: Int, height: Int) {
        let state = PatientState(record: Self.record(family: "Ma\u{030A}løy", given: "Kåre"), now: Self.now, language: .nb)
        let text = PatientScreen.render(state, width: width, height: height).plainText
        #expect(text.contains("siste 184/89 · min 142/82 · maks 184/89 mmHg"), "\(text)")
        #expect(text.contains("▲"), "SpO2 86–87 % is yellow on scale 2 (COPD) and is marked")
    }

    @Test(arguments: Self.sizes)
    func aHostileMessageIsShownInertAndTheScreenStaysIntact(width: Int, height: Int) {
        var record = Self.record(family: "Lie", given: "Åse")
        let hostile = "Hei\u{1B}[2J\u{1B}]0;pwned\u{07} sjekk \u{202E}tekst baklengs\u{202C} " + String(repeating: "lang ", count: 80)
        record.messages = [PatientMessage(id: "urn:uuid:1", patientID: record.patient.id, direction: .fromPatient,
                                          text: hostile, author: "Åse Lie\u{1B}[31m", written: Self.now, status: .received)]
        let state = PatientState(record: record, tab: .messages, now: Self.now, language: .nb)
        let screen = PatientScreen.render(state, width: width, height: height)
        let text = screen.plainText
        #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x202E }, "\(text)")
        #expect(text.contains("Hei␛[2J␛]0;pwned␇ sjekk"), "\(text)")
        #expect(text.contains("Åse Lie␛[31m"))
        #expect(screen.line(0).contains("Lie, Åse"), "the header is intact")
        #expect(screen.line(height - 1).contains("n ny melding"), "the hints are intact")
        for row in 0..<height { #expect(DisplayWidth.of(screen.line(row)) <= width) }
    }
}
