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

    /// Found by fuzzing: a prepended concatenation mark (U+0601) at the end of a text took the padding space or
    /// the "…" after it into its own character, so the fitted text was a column short.
    @Test(arguments: [("Sak \u{0601}", 8), ("Sak \u{0601}", 3), ("\u{0600}", 2), ("a\u{0605}b\u{0605}", 3)])
    func aPrependedMarkAtTheEndStillFitsToTheExactWidth(text: String, width: Int) {
        #expect(DisplayWidth.of(DisplayWidth.fit(text, width)) == width)
    }

    @Test func controlAndBidiCharactersBecomeVisibleSymbols() {
        #expect(Sanitiser.inert("a\u{1b}[2Jb") == "a␛[2Jb")
        #expect(Sanitiser.inert("bell\u{07}") == "bell␇")
        #expect(Sanitiser.inert("x\u{202e}y") == "x\u{FFFD}y")
        #expect(Sanitiser.inert("Ørland") == "Ørland")
    }
}
