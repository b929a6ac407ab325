/// How one role looks: colours (-1 is the terminal's default, 0–255 the palette) and attributes.
public struct Appearance: Equatable, Sendable {
    public var foreground: Int = -1
    public var background: Int = -1
    public var bold = false
    public var underline = false
    public var reverse = false
    public var dim = false
}

/// A colour theme: an appearance per role. Loaded from a flat, human-editable file in `Themes/`.
public struct Theme: Equatable, Sendable {
    public var name: String
    public var appearances: [Role: Appearance]
    /// False for monochrome terminals and `NO_COLOR`: only attributes are used.
    public var usesColour: Bool

    public func appearance(_ role: Role) -> Appearance {
        appearances[role] ?? Appearance()
    }

    /// The theme with colours dropped (monochrome terminals, `NO_COLOR`); attributes stay.
    public var withoutColour: Theme {
        var copy = self
        copy.usesColour = false
        return copy
    }
}

/// A theme file that cannot be used, with the line that is wrong.
public struct ThemeError: Error, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var message: String
    public var description: String { "\(file):\(line): \(message)" }
}

extension Theme {
    static let colourNames: [String: Int] = [
        "default": -1, "black": 0, "red": 1, "green": 2, "yellow": 3, "blue": 4, "magenta": 5, "cyan": 6,
        "white": 7, "bright-black": 8, "grey": 8, "gray": 8, "bright-red": 9, "bright-green": 10,
        "bright-yellow": 11, "bright-blue": 12, "bright-magenta": 13, "bright-cyan": 14, "bright-white": 15,
    ]

    /// Parses `role = FG [on BG] [bold] [underline] [reverse] [dim]` lines; `#` starts a comment.
    public static func parse(_ text: String, file: String) throws(ThemeError) -> Theme {
        var theme = Theme(name: file, appearances: [:], usesColour: true)
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = index + 1
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first
                .map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            if line.isEmpty { continue }
            let parts = line.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty else {
                throw ThemeError(file: file, line: lineNumber, message: "expected 'role = colour', got '\(line)'")
            }
            let key = parts[0], value = parts[1]
            switch key {
            case "name": theme.name = value
            case "colour", "color": theme.usesColour = value != "none"
            default:
                guard let role = Role(rawValue: key) else {
                    throw ThemeError(file: file, line: lineNumber, message: "unknown role '\(key)'; known: "
                                     + Role.allCases.map(\.rawValue).joined(separator: ", "))
                }
                theme.appearances[role] = try appearance(value, file: file, line: lineNumber)
            }
        }
        for role in Role.allCases where theme.appearances[role] == nil {
            throw ThemeError(file: file, line: text.split(separator: "\n", omittingEmptySubsequences: false).count,
                             message: "role '\(role.rawValue)' is missing")
        }
        return theme
    }

    private static func appearance(_ text: String, file: String, line: Int) throws(ThemeError) -> Appearance {
        var result = Appearance()
        var words = text.split(separator: " ").map(String.init)[...]
        func colour(_ word: String) throws(ThemeError) -> Int {
            if let named = colourNames[word] { return named }
            if let number = Int(word), (0...255).contains(number) { return number }
            throw ThemeError(file: file, line: line, message: "unknown colour '\(word)' (use a name or 0–255)")
        }
        if let first = words.first, !["bold", "underline", "reverse", "dim"].contains(first) {
            result.foreground = try colour(first)
            words = words.dropFirst()
            if words.first == "on" {
                words = words.dropFirst()
                guard let background = words.first else {
                    throw ThemeError(file: file, line: line, message: "'on' needs a background colour")
                }
                result.background = try colour(background)
                words = words.dropFirst()
            }
        }
        for word in words {
            switch word {
            case "bold": result.bold = true
            case "underline": result.underline = true
            case "reverse": result.reverse = true
            case "dim": result.dim = true
            default: throw ThemeError(file: file, line: line, message: "unknown attribute '\(word)'")
            }
        }
        return result
    }
}
