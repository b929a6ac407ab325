import Testing
import VardeTerminal

struct DisplayWidthTests {
    @Test(arguments: [("Bodø", 4), ("Ma\u{030A}løy", 5), ("李小龙", 6), ("😀", 2), ("❤️", 2), ("abc", 3)])
    func textIsMeasuredInTerminalColumns(text: String, columns: Int) {
        #expect(DisplayWidth.of(text) == columns)
    }

    @Test func fitCutsWithAnEllipsisAndPadsToTheExactWidth() {
        #expect(DisplayWidth.fit("Tromsø", 8) == "Tromsø  ")
        #expect(DisplayWidth.fit("Kristiansand", 8) == "Kristia…")
        #expect(DisplayWidth.of(DisplayWidth.fit("李小龙李小龙", 7)) == 7)
    }

    @Test func controlAndBidiCharactersBecomeVisibleSymbols() {
        #expect(Sanitiser.inert("a\u{1b}[2Jb") == "a␛[2Jb")
        #expect(Sanitiser.inert("bell\u{07}") == "bell␇")
        #expect(Sanitiser.inert("x\u{202e}y") == "x\u{FFFD}y")
        #expect(Sanitiser.inert("Ørland") == "Ørland")
    }
}
