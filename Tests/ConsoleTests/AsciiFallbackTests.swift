import Testing
import VardeTerminal

/// What a terminal without a UTF-8 locale is sent: ASCII only, shapes kept, columns kept.
struct AsciiFallbackTests {
    func cells(_ text: String) -> [Cell] {
        var buffer = ScreenBuffer(width: DisplayWidth.of(text), height: 1)
        buffer.put(text, x: 0, y: 0)
        return (0..<buffer.width).map { buffer[$0, 0] }
    }

    func row(_ text: String) -> String {
        AsciiFallback.row(cells(text), width: DisplayWidth.of(text)).map(\.text).joined()
    }

    @Test(arguments: [
        ("■ RØD  ▲ GUL", "# ROED ^ GUL"),
        ("━━┄┄ 120", "==-- 120"),
        ("┌──┐", "+--+"),
        ("⠉⣀⣿ ▀▄█", "'.: '.:"),
        ("«Hei»", "\"Hei\""),
    ])
    func shapesAndLettersBecomeASCII(text: String, expected: String) {
        #expect(row(text).hasPrefix(expected), "\(text) → \(row(text))")
        #expect(row(text).unicodeScalars.allSatisfy { $0.isASCII })
    }

    @Test func nordicLettersAreSpelledOutAndTheColumnsAfterThemStay() {
        let line = "Målfrid Ødegård    Ålesund     BT 150/90"
        let ascii = row(line)
        #expect(ascii.count == DisplayWidth.of(line))
        #expect(ascii.hasPrefix("Maalfrid Oedegaard "))
        #expect(ascii.firstRange(of: "Aalesund")?.lowerBound == ascii.index(ascii.startIndex, offsetBy: 19))
        #expect(ascii.hasSuffix("BT 150/90"), "a later column keeps its place: \(ascii)")
    }

    @Test func wideAndCombiningCharactersKeepTheRowsWidth() {
        for text in ["李小龙 ok", "Nguyễn 😀 Thi", "Ma\u{030A}løy  x"] {
            let ascii = row(text)
            #expect(ascii.count == DisplayWidth.of(text), "\(text) → \(ascii)")
            #expect(ascii.unicodeScalars.allSatisfy { $0.isASCII })
        }
        #expect(row("Ma\u{030A}løy  x").hasPrefix("Maaloey"))
    }

    @Test(arguments: [
        (["LANG": "nb_NO.UTF-8"], true), (["LANG": "C"], false), ([:], false),
        (["LC_ALL": "C", "LANG": "nb_NO.UTF-8"], false), (["LC_CTYPE": "C.utf8"], true),
    ])
    func asciiOnlyWhereTheLocaleIsNotUTF8(environment: [String: String], utf8: Bool) {
        #expect(AsciiFallback.speaksUTF8(environment) == utf8)
    }
}
