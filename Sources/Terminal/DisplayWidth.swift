import Foundation

/// Terminal display width of text, per grapheme cluster, from the C library's wcwidth.
public enum DisplayWidth {
    /// wcwidth only knows non-ASCII characters under a UTF-8 locale; make sure there is one.
    private static let localeReady: Bool = {
        let current = String(cString: setlocale(LC_CTYPE, nil))
        if !current.uppercased().contains("UTF-8"), !current.uppercased().contains("UTF8") {
            if setlocale(LC_CTYPE, "C.UTF-8") == nil { _ = setlocale(LC_CTYPE, "en_US.UTF-8") }
        }
        return true
    }()

    /// Columns one grapheme cluster occupies: 0 for lone combining marks, 2 for wide (CJK, emoji).
    public static func of(_ character: Character) -> Int {
        if let ascii = character.asciiValue { return ascii < 0x20 ? 0 : 1 }
        _ = localeReady
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if first.value < 0x7f { return first.value < 0x20 ? 0 : 1 }
        if scalars.contains(where: { $0.value == 0xFE0F }) { return 2 } // emoji presentation selector
        let width = Int(systemWcwidth(wchar_t(bitPattern: first.value)))
        if width >= 0 { return width }
        return first.properties.isEmojiPresentation ? 2 : 1
    }

    public static func of(_ text: String) -> Int {
        if let printable = printableASCIICount(text) { return printable }
        return text.reduce(0) { $0 + of($1) }
    }

    /// The length of text made only of printable ASCII (one column a byte), nil for any other text.
    static func printableASCIICount(_ text: String) -> Int? {
        var count = 0
        for byte in text.utf8 {
            guard byte >= 0x20 && byte < 0x7f else { return nil }
            count += 1
        }
        return count
    }

    /// The text cut to `width` columns (with "…" when cut) and padded with spaces to exactly `width`.
    public static func fit(_ text: String, _ width: Int) -> String {
        guard width > 0 else { return "" }
        if let count = printableASCIICount(text) {
            if count == width { return text }
            if count < width { return text + String(repeating: " ", count: width - count) }
            return String(text.utf8.prefix(width - 1))! + "…"
        }
        var result = ""
        var used = 0
        let total = of(text)
        let limit = total > width ? width - 1 : width
        for character in text {
            let w = of(character)
            if used + w > limit { break }
            result.append(character)
            used += w
        }
        if total > width {
            result.append("…")
            used += 1
        }
        var fitted = result + String(repeating: " ", count: max(0, width - used))
        // Joining can merge characters: a prepended mark (U+0600–U+0605 and others, none below U+0600; found by
        // fuzzing) takes the character after it, the "…" or a padding space, into its own cluster, a column short.
        if let last = result.unicodeScalars.last, last.value >= 0x600 {
            while of(fitted) < width { fitted.append(" ") }
        }
        return fitted
    }
}

/// The C library's wcwidth (not exported by Swift's Glibc module without _XOPEN_SOURCE).
@_silgen_name("wcwidth")
private func systemWcwidth(_ character: wchar_t) -> Int32
