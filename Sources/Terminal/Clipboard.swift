import Foundation

/// OSC 52: asks the terminal to put text on the system clipboard (`ESC ] 52 ; c ; <base64> BEL`).
/// Works over SSH in common terminals (xterm, kitty, WezTerm, iTerm2, Windows Terminal; tmux with
/// `set-clipboard on`). The text is made safe first: controls other than newline and tab become
/// spaces, so nothing in a note can end the sequence early or start another.
public enum Clipboard {
    /// Many terminals refuse longer sequences (xterm's default limit is about 100 000 bytes of base64).
    public static let maximumBytes = 74_994

    /// The sequence, or nil when the text is empty or too long to copy whole (the console says so
    /// rather than copy half a note).
    public static func osc52(_ text: String, maximumBytes: Int = Clipboard.maximumBytes) -> String? {
        let safe = sanitised(text)
        let bytes = Data(safe.utf8)
        guard !bytes.isEmpty, bytes.count <= maximumBytes else { return nil }
        return "\u{1B}]52;c;\(bytes.base64EncodedString())\u{07}"
    }

    /// Newlines kept (as `\n`), tabs kept, every other control character (ESC, BEL, C1, DEL) a space,
    /// and bidi overrides removed.
    public static func sanitised(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.replacingOccurrences(of: "\r\n", with: "\n").unicodeScalars {
            switch scalar.value {
            case 0x0a, 0x09: result.append(scalar)
            case 0x00..<0x20, 0x7f..<0xa0: result.append(" ")
            case 0x202a...0x202e, 0x2066...0x2069, 0x200e, 0x200f, 0x061c: continue
            case 0x2028, 0x2029: result.append("\n")
            default: result.append(scalar)
            }
        }
        return String(result)
    }
}
