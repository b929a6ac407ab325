/// Makes text from the network inert before it reaches the screen: control characters and escape
/// sequences become visible symbols, bidi overrides are neutralised. Nothing can move the cursor.
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
            default:
                result.append(scalar)
            }
        }
        return String(result)
    }

    public static func isDangerous(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00..<0x20, 0x7f..<0xa0, 0x202a...0x202e, 0x2066...0x2069, 0x200e, 0x200f, 0x061c: true
        default: false
        }
    }
}
