import Foundation

/// What the console sends to a terminal whose locale is not UTF-8 (LANG=C, a serial console): ASCII
/// only. Marks and lines keep their shape (■ #, ▲ ^, ━ =, ┄ -, boxes + - |), braille and block dots
/// become ' . :, and æ ø å are written ae oe aa. A row keeps its columns: a letter that grows into
/// two takes a space from the next gap of two or more spaces (a column's padding).
public enum AsciiFallback {
    /// Whether the environment's locale (`LC_ALL`, `LC_CTYPE`, `LANG`, the first set) speaks UTF-8.
    public static func speaksUTF8(_ environment: [String: String]) -> Bool {
        let locale = [environment["LC_ALL"], environment["LC_CTYPE"], environment["LANG"]].compactMap { $0 }
            .first { !$0.isEmpty } ?? ""
        let lower = locale.lowercased()
        return lower.contains("utf-8") || lower.contains("utf8")
    }

    /// One row of cells as ASCII cells of exactly `width`, each keeping the style of the cell it came from.
    public static func row(_ cells: [Cell], width: Int) -> [Cell] {
        var out: [Cell] = []
        out.reserveCapacity(width + 8)
        var debt = 0 // cells written beyond the columns read so far (negative: fewer)
        for (index, cell) in cells.enumerated() {
            // The right half of a wide character is a column of its own here.
            let text = cell.text.isEmpty ? " " : ascii(cell.text, before: index > 0 ? cells[index - 1].text : "",
                                                         after: index + 1 < cells.count ? cells[index + 1].text : "")
            if text == " " {
                if debt > 0, out.last?.text == " " {
                    debt -= 1
                    continue
                }
                while debt < 0 {
                    out.append(Cell(text: " ", style: cell.style))
                    debt += 1
                }
            }
            for character in text { out.append(Cell(text: String(character), style: cell.style)) }
            debt += text.count - 1
        }
        if out.count > width { out.removeLast(out.count - width) }
        while out.count < width { out.append(Cell(text: " ", style: out.last?.style ?? .normal)) }
        return out
    }

    /// One grapheme cluster as ASCII; `before` and `after` tell an upper-case word (RØD → ROED) from a name (Ørsta → Oersta).
    static func ascii(_ cluster: String, before: String, after: String) -> String {
        if cluster.utf8.count == 1 { return cluster }
        let composed = cluster.precomposedStringWithCanonicalMapping
        if let scalar = composed.unicodeScalars.first, composed.unicodeScalars.count == 1 {
            if (0x2800...0x28FF).contains(scalar.value) { return braille(Int(scalar.value - 0x2800)) }
            if let mapped = table[scalar] { return mapped }
            if let letter = nordic[scalar] {
                let word = before + after
                let upper = !word.isEmpty && word.uppercased() == word && word.lowercased() != word
                return upper ? letter.uppercased() : letter
            }
        }
        let folded = composed.folding(options: [.diacriticInsensitive, .widthInsensitive], locale: nil)
        return folded.unicodeScalars.allSatisfy(\.isASCII) && !folded.isEmpty ? folded : "?"
    }

    /// A braille cell's dots: only the upper half ', only the lower half ., both :.
    static func braille(_ bits: Int) -> String {
        let upper = bits & 0x1B != 0, lower = bits & 0xE4 != 0
        return upper && lower ? ":" : upper ? "'" : lower ? "." : " "
    }

    static let nordic: [Unicode.Scalar: String] = ["æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa",
                                                    "ä": "ae", "ö": "oe", "Ä": "Ae", "Ö": "Oe"]

    static let table: [Unicode.Scalar: String] = [
        "■": "#", "▲": "^", "●": "o", "○": "o", "◆": "*", "•": "*", "▶": ">", "✉": "@", "⚠": "!",
        "━": "=", "┄": "-", "─": "-", "═": "=", "│": "|", "┃": "|", "▏": "|",
        "┌": "+", "┐": "+", "└": "+", "┘": "+", "├": "+", "┤": "+", "┬": "+", "┴": "+", "┼": "+",
        "▀": "'", "▄": ".", "█": ":",
        "↑": "^", "↓": "v", "←": "<", "→": ">", "↵": "<",
        "«": "\"", "»": "\"", "“": "\"", "”": "\"", "‘": "'", "’": "'",
        "–": "-", "—": "-", "·": ".", "…": "...", "≥": ">=", "≤": "<=", "×": "x", "°": "", "␤": "|",
        "\u{00A0}": " ",
    ]
}
