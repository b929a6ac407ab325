import Foundation
import TOMLKit
import VardeDomain

/// Reads the centre's `config.toml` (see Manual.md, "Configuration") into `CentreSettings`.
/// Unknown sections and keys are refused rather than ignored: a misspelt `idle_lock` must not
/// silently leave the screen unlocked for five minutes.
public enum ConfigFile {
    public static let fileName = "config.toml"

    /// The settings in the file at `path`, or the defaults if there is no such file.
    public static func load(path: String) throws -> CentreSettings {
        guard FileManager.default.fileExists(atPath: path) else { return CentreSettings() }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw ConfigError(file: path, line: nil, message: "cannot read the file (is it UTF-8?)")
        }
        return try parse(text, file: path)
    }

    /// The settings a configuration text describes.
    public static func parse(_ text: String, file: String = fileName) throws -> CentreSettings {
        try refuseWhatTheParserCannotTake(text, file: file)
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ConfigError(file: file, line: error.source.begin.line, message: error.description)
        }
        let reader = ConfigReader(file: file, text: text)
        return try reader.settings(from: table)
    }
}

extension ConfigFile {
    /// Text that the TOML parser (toml++ 3.4 inside TOMLKit) traps on instead of refusing is refused here first,
    /// with its line. Fuzzing found toml++ asserting (and so stopping Varde) on a section header without a name
    /// (`[` alone on a line, `[#`, `[=`) and on a date-time cut short (`1979-05-27T:`). None of it is TOML that
    /// Varde reads, so it is refused by what it is: a header without a name; a date or time, which no setting
    /// takes (times of day are text, "08:00"); control characters, which TOML allows nowhere but tab and line
    /// ends (a NUL would also end the C string TOMLKit hands on, silently dropping the rest of the file).
    static func refuseWhatTheParserCannotTake(_ text: String, file: String) throws {
        let scalars = Array(text.unicodeScalars)
        var line = 1
        var index = 0
        var atLineStart = true
        func refuse(_ message: String) -> ConfigError { ConfigError(file: file, line: line, message: message) }
        func at(_ offset: Int) -> Unicode.Scalar? { index + offset < scalars.count ? scalars[index + offset] : nil }
        func isDigit(_ scalar: Unicode.Scalar?) -> Bool { scalar.map { ("0"..."9").contains($0) } ?? false }
        func three(_ quote: Unicode.Scalar) -> Bool { at(0) == quote && at(1) == quote && at(2) == quote }
        /// Skips a string from its opening quote(s) to after its closing ones, counting lines.
        func skipString(_ quote: Unicode.Scalar) throws {
            let multiLine = three(quote)
            index += multiLine ? 3 : 1
            while let scalar = at(0) {
                if scalar == "\n" {
                    line += 1
                    if !multiLine { return } // toml++ refuses the unfinished string itself
                } else if isControl(scalar) {
                    throw refuse("a control character (U+\(String(scalar.value, radix: 16, uppercase: true))), which TOML does not allow")
                } else if scalar == "\\" && quote == "\"" {
                    if at(1) == "\n" { line += 1 }
                    index += 2
                    continue
                } else if multiLine ? three(quote) : scalar == quote {
                    index += multiLine ? 3 : 1
                    while multiLine, at(0) == quote { index += 1 } // up to two quotes may end the text itself
                    return
                }
                index += 1
            }
        }
        while let scalar = at(0) {
            if isControl(scalar) {
                throw refuse("a control character (U+\(String(scalar.value, radix: 16, uppercase: true))), which TOML does not allow")
            }
            switch scalar {
            case "\n":
                line += 1
                atLineStart = true
                index += 1
                continue
            case " ", "\t", "\r":
                index += 1
                continue
            case "#":
                while let next = at(0), next != "\n" {
                    if isControl(next) { throw refuse("a control character in a comment, which TOML does not allow") }
                    index += 1
                }
                continue
            case "\"", "'":
                try skipString(scalar)
                atLineStart = false
                continue
            case "[" where atLineStart:
                var name = index + 1
                if name < scalars.count, scalars[name] == "[" { name += 1 }
                while name < scalars.count, scalars[name] == " " || scalars[name] == "\t" { name += 1 }
                guard name < scalars.count, startsAKey(scalars[name]) else { throw refuse("a section needs a name, e.g. [privacy]") }
            case ":":
                throw refuse("dates and times are not settings here; write a time of day as text, e.g. \"08:00\"")
            default:
                // A date: four digits and a dash, then a digit (not inside a bare word).
                if isDigit(scalar), isDigit(at(1)), isDigit(at(2)), isDigit(at(3)), at(4) == "-", isDigit(at(5)),
                   index == 0 || !isBareKeyCharacter(scalars[index - 1]) {
                    throw refuse("dates and times are not settings here; write a date as text, e.g. \"2026-11-22\"")
                }
            }
            atLineStart = false
            index += 1
        }
    }

    /// What TOML allows nowhere: C0 controls but tab, line feed and carriage return; DEL.
    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar != "\t" && scalar != "\n" && scalar != "\r") || scalar.value == 0x7F
    }

    private static func isBareKeyCharacter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "_" || scalar == "-"
    }

    /// Whether a key (bare or quoted) starts here, or the `]` that toml++ refuses by itself.
    private static func startsAKey(_ scalar: Unicode.Scalar) -> Bool {
        isBareKeyCharacter(scalar) || scalar == "\"" || scalar == "'" || scalar == "]"
    }
}

/// A configuration file Varde will not use, with where and why.
public struct ConfigError: Error, CustomStringConvertible, Equatable {
    public var file: String
    public var line: Int?
    public var message: String

    public var description: String {
        line.map { "\(file):\($0): \(message)" } ?? "\(file): \(message)"
    }
}
