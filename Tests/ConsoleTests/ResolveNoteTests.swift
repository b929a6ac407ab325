import Testing
import VardeConsole
import VardeDomain
import VardeTerminal

/// The resolve box at 80×24: the note field follows the typing, so the nurse never types blind.
struct ResolveNoteTests {
    @Test func aLongNoteShowsItsEndWhereTheNurseTypesAndItsCount() {
        let note = String(repeating: "Ringte pasienten, ", count: 6) + "avtalt ny måling SLUTT"
        var buffer = ScreenBuffer(width: 80, height: 24)
        ResolveOverlay.draw(over: &buffer, Resolving(alertID: 1, patientName: "Berg, Åse", outcome: .contactedPatient, note: note),
                            strings: Language.nb.strings)
        let screen = buffer.plainText
        #expect(screen.contains("avtalt ny måling SLUTT▏"), "\(screen)")
        #expect(screen.contains("> …"), "the start has scrolled out, and says so:\n\(screen)")
        #expect(screen.contains("\(note.count)/500"), "\(screen)")
        #expect(buffer.plainText.split(separator: "\n").allSatisfy { DisplayWidth.of(String($0)) <= 80 })
    }

    @Test func aShortNoteIsShownWhole() {
        var buffer = ScreenBuffer(width: 80, height: 24)
        ResolveOverlay.draw(over: &buffer, Resolving(alertID: 1, patientName: "Berg, Åse", outcome: .contactedPatient, note: "Ringt"),
                            strings: Language.en.strings)
        #expect(buffer.plainText.contains("> Ringt▏") && buffer.plainText.contains("5/500"))
    }
}
