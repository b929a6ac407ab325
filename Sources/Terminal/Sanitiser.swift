/// Makes text from the network inert before it reaches the screen or any output of `varde`: C0
/// controls (ESC, BEL, CR, LF …) become control pictures, DEL ␡, C1 controls (U+0080–U+009F, CSI
/// among them) and bidi overrides (RLO …) U+FFFD, line and paragraph separators ␤. Nothing can move
/// the cursor, clear the screen, set the title, write the clipboard or break a line.
public enum Sanitiser {
    public static func inert(_ text: String) -> String {
        var needsWork = false
        for scalar in text.unicodeScalars where isDangerous(scalar) {
            needsWork = true
            break
        }
        guard needsWork else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x00..<0x20:
                result.append(Unicode.Scalar(0x2400 + scalar.value)!) // control pictures: ␛ ␇ ␊
            case 0x7f:
                result.append("\u{2421}") // ␡
            case 0x80..<0xa0:
                result.append("\u{FFFD}")
            case 0x202a...0x202e, 0x2066...0x2069, 0x200e, 0x200f, 0x061c:
                result.append("\u{FFFD}") // bidi controls would reorder the rest of the line
            case 0x2028, 0x2029:
                result.append("\u{2424}") // ␤: a line or paragraph separator would break the line
            default:
                result.append(scalar)
            }
        }
        return String(result)
    }

    public static func isDangerous(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00..<0x20, 0x7f..<0xa0, 0x202a...0x202e, 0x2066...0x2069, 0x200e, 0x200f, 0x061c, 0x2028, 0x2029: true
        default: false
        }
    }
}
