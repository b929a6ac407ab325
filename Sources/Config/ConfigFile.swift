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
        try TOMLShape.check(text, file: file) // toml++ traps on some malformed text: refuse it first
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

/// A configuration file Varde will not use, with where and why.
public struct ConfigError: Error, CustomStringConvertible, Equatable {
    public var file: String
    public var line: Int?
    public var message: String

    public var description: String {
        line.map { "\(file):\($0): \(message)" } ?? "\(file): \(message)"
    }
}
