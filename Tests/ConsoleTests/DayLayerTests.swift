import Foundation
import Testing
import TestSupport
@testable import VardeConsole
import VardeDomain
import VardeStore
import VardeTerminal

/// The nurse's-day screens mounted on the console model (issue 17), driven headless by key scripts
/// against a real cache synced from the frozen simulator.
@Suite(.serialized)
struct DayLayerTests {
    static let viewer = Viewer(operatorID: "kari", municipalities: ConsoleContext(language: .nb, now: fixedStart, theme: Themes.default,
                                                                                   nurse: "kari", width: 80, height: 24).settings.municipalities)

    @Test func thePatientListShowsEveryPatientTheNurseMaySeeAndOpensTheChosenOne() async throws {
        let cache = try await ConsoleModelTests.syncedCache()
        let all = try cache.patientList(for: Self.viewer)
        #expect(all.count > (try cache.queue().count { !$0.isBlocked }) / 2)
        let script = ConsoleModelTests.script(cache)
        script.press(ConsoleScript.keys(":pasienter enter"))
        var screen = script.draw().plainText
        #expect(screen.contains("Varde · Pasienter") && screen.contains("\(all.count) pasienter · sortert etter kommune"), "\(screen)")
        script.press(ConsoleScript.keys("s"))
        screen = script.draw().plainText
        #expect(screen.contains("sortert etter siste måling"), "\(screen)")
        let listed = try #require(script.model.top(PatientListLayer.self)?.rows)
        let sorted = try cache.patientList(for: Self.viewer, sortedBy: .lastMeasurement)
        #expect(listed.map(\.patient.id) == sorted.map(\.patient.id))
        // Sorting again keeps the selected patient selected; j moves on from there.
        script.press(ConsoleScript.keys("j"))
        let chosen = try #require(script.model.top(PatientListLayer.self).map { $0.rows[$0.selected] })
        script.press(ConsoleScript.keys("enter"))
        screen = script.draw().plainText
        #expect(screen.contains("1 Trender") && screen.contains(chosen.patient.familyName), "\(screen)")
        #expect(try cache.accessLog(patientID: chosen.patient.id).isEmpty == false)
        // Esc goes back to the list, and again to the queue.
        script.press(ConsoleScript.keys("esc"))
        #expect(script.draw().plainText.contains("Varde · Pasienter"))
        script.press(ConsoleScript.keys("esc"))
        #expect(!script.draw().plainText.contains("Varde · Pasienter"))
    }

    @Test func searchingFindsAPatientWithoutAnAlertAndOpensTheOnlyHit() async throws {
        let cache = try await ConsoleModelTests.syncedCache()
        let queued = Set(try cache.queue().map(\.patientID))
        let quiet = try #require(try cache.patientList(for: Self.viewer).first { !queued.contains($0.patient.id) })
        let script = ConsoleModelTests.script(cache)
        script.press(ConsoleScript.keys(":pasient space \(quiet.patient.nationalID) enter"))
        let screen = script.draw().plainText
        #expect(screen.contains("1 Trender") && screen.contains(quiet.patient.familyName), "\(screen)")
        // A search with several hits lists them, and `/` searches again from the list.
        let number = quiet.patient.municipalityNumber
        let hits = try cache.findPatients(number, for: Self.viewer)
        script.press(ConsoleScript.keys("esc :pasient space \(number) enter"))
        let list = script.draw().plainText
        if hits.count > 1 {
            #expect(list.contains("Varde · Pasienter · «\(number)»") && list.contains("\(hits.count) pasienter"), "\(list)")
            script.press(ConsoleScript.keys("/") + Array(repeating: Key.backspace, count: number.count)
                         + ConsoleScript.keys("\(quiet.patient.nationalID) enter"))
            let again = script.draw().plainText
            #expect(again.contains("1 pasienter") && again.contains(quiet.patient.familyName), "\(again)")
            script.press(ConsoleScript.keys("esc"))
        }
        script.press(ConsoleScript.keys(":pasient space zzzqqq enter"))
        #expect(script.draw().plainText.contains("fant ingen pasient du kan se for «zzzq"))
    }

    @Test func theHandoverOpensWithTheVaktCommandAndScrolls() async throws {
        let cache = try await ConsoleModelTests.syncedCache()
        let script = ConsoleModelTests.script(cache)
        script.press(ConsoleScript.keys(":vakt enter"))
        let screen = script.draw().plainText
        #expect(screen.contains("Varde · Vaktoverlevering"), "\(screen)")
        script.press(ConsoleScript.keys("j j k"))
        script.press(ConsoleScript.keys("esc"))
        #expect(!script.draw().plainText.contains("Vaktoverlevering"))
    }

    @Test func theContactPanelOpensOverThePatientAndFShowsTheFødselsnummerOnceLogged() async throws {
        let cache = try await ConsoleModelTests.syncedCache()
        let entry = try #require(try cache.queue().first { !$0.isBlocked })
        let patient = try #require(try cache.contacts(of: entry.patientID, for: Self.viewer)).patient
        let script = ConsoleModelTests.script(cache)
        script.press(ConsoleScript.keys("K"))
        #expect(script.draw().plainText.contains("K (kontakter"), "K works only over a patient")
        try script.open(patientID: entry.patientID, tab: .trends)
        // The header's second line carries the phone, the first next of kin and the GP.
        let card = try #require(try cache.contacts(of: entry.patientID, for: Self.viewer))
        let header = String(ConsoleModelTests.lines(script.draw())[1])
        #expect(header.contains("☎ " + (card.contacts.phone ?? "ingen telefon")), "\(header)")
        script.press(ConsoleScript.keys("K"))
        var screen = script.draw().plainText
        #expect(screen.contains("Varde · Kontakter · \(patient.familyName)") && screen.contains(MaskedNationalID.masked(patient.nationalID))
                && !screen.contains(patient.nationalID) && screen.contains("(skjult – f viser det"), "\(screen)")
        #expect(try cache.accessLog(patientID: patient.id).contains { $0.what == .nationalID } == false)
        script.press(ConsoleScript.keys("f"))
        screen = script.draw().plainText
        #expect(screen.contains(MaskedNationalID.grouped(patient.nationalID)) && screen.contains("logget i tilgangsloggen"), "\(screen)")
        let shown = try cache.accessLog(patientID: patient.id).filter { $0.what == .nationalID }
        #expect(shown.count == 1 && shown.first?.operatorID == "kari" && shown.first?.workstation == "ws")
        // Esc back to the patient; opened again, the number is masked until f is pressed again.
        script.press(ConsoleScript.keys("esc"))
        #expect(script.draw().plainText.contains("1 Trender"))
        script.press(ConsoleScript.keys(":kontakter enter"))
        #expect(!script.draw().plainText.contains(MaskedNationalID.grouped(patient.nationalID)))
    }

    @Test func theBellRingsOnceForTheUnseenRedsAndNotWhenTheCentreTurnedItOff() async throws {
        let cache = try await ConsoleModelTests.syncedCache()
        #expect(try cache.queue().contains { $0.zone == .red && !$0.isBlocked })
        // A console started before the reds came: they arrive unseen.
        func started(bell: Bool) -> ConsoleScript {
            var settings = CentreSettings()
            settings.console.bell = bell
            return ConsoleScript(cache: cache, context: ConsoleContext(language: .nb, now: fixedStart.addingTimeInterval(-5 * 86_400),
                                                                       theme: Themes.default, nurse: "kari", settings: settings,
                                                                       width: 80, height: 24), workstation: "ws")
        }
        let script = started(bell: true)
        #expect(script.terminal.bells == 1, "several reds arriving together ring once")
        script.settle()
        script.press(ConsoleScript.keys("j k"))
        #expect(script.terminal.bells == 1, "the same reds never ring again")
        // :kvitter marks every one of them seen: the banner goes, and still no bell.
        #expect(!script.model.redWatch.unseen.isEmpty)
        script.press(ConsoleScript.keys(":kvitter enter"))
        #expect(script.model.redWatch.unseen.isEmpty)
        script.settle()
        #expect(script.terminal.bells == 1)
        #expect(started(bell: false).terminal.bells == 0, "[console] bell = false")
    }
}
