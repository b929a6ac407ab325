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
    /// Text that the TOML parser (toml++ 3.4 inside TOMLKit) does not refuse but traps on, or reads only in part,
    /// is refused here with its line: a section header whose name does not start right after `[` or `[[`
    /// (`[` alone, `[#`, `[=`: toml++ asserts, found by fuzzing) and a NUL character (TOMLKit hands the parser a
    /// C string, which would end there and silently drop the rest of the file; TOML allows no NUL anyway).
    static func refuseWhatTheParserCannotTake(_ text: String, file: String) throws {
        var inMultiLineString = false
        // Split on the scalar: "\r\n" is one Character, so a String split on "\n" would not split CRLF files.
        let lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { Substring($0) }
        for (index, raw) in lines.enumerated() {
            if raw.utf8.contains(0) {
                throw ConfigError(file: file, line: index + 1, message: "the line holds a NUL character, which TOML does not allow")
            }
            if !inMultiLineString, let header = sectionName(raw), !startsAKey(header) {
                throw ConfigError(file: file, line: index + 1, message: "a section needs a name, e.g. [privacy]")
            }
            // A line with an odd number of \"\"\" or ''' opens or closes a multi-line string.
            let delimiters = raw.components(separatedBy: "\"\"\"").count - 1 + raw.components(separatedBy: "'''").count - 1
            if delimiters % 2 == 1 { inMultiLineString.toggle() }
        }
    }

    /// What follows `[` or `[[` (and blanks) on a line that opens a section header, as toml++ reads it; nil for other lines.
    private static func sectionName(_ line: Substring) -> Substring? {
        func blanks(_ text: Substring) -> Substring { text.drop { $0 == " " || $0 == "\t" } }
        let line = blanks(line)
        guard line.first == "[" else { return nil }
        let afterFirst = line.dropFirst()
        // `[[` only when contiguous; toml++ itself refuses `[ [`.
        return afterFirst.first == "[" ? blanks(afterFirst.dropFirst()) : blanks(afterFirst)
    }

    /// Whether a key (bare or quoted) or the `]` that toml++ refuses by itself starts the text.
    private static func startsAKey(_ text: Substring) -> Bool {
        guard let first = text.unicodeScalars.first else { return false }
        return ("a"..."z").contains(first) || ("A"..."Z").contains(first) || ("0"..."9").contains(first)
            || first == "_" || first == "-" || first == "\"" || first == "'" || first == "]"
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
