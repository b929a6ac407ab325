import ArgumentParser
import Foundation
import VardeConsole
import VardeService
import VardeTerminal

/// The rules every command's options follow. A broken rule is a usage error (exit 2) whose one line
/// names the option and the rule.
enum OptionRules {
    /// The largest screen `varde render` draws, and the smallest (the smallest golden screen).
    static let smallestSize = (width: 60, height: 20)
    static let largestSize = (width: 500, height: 200)

    /// A TCP port: 0 (any free one) to 65535.
    static func port(_ value: Int, _ option: String) throws {
        guard (0...65535).contains(value) else {
            throw ValidationError("\(option) must be a port from 0 to 65535 (0 picks a free one), not \(value)")
        }
    }

    /// A share of requests, pages or resources: 0 to 1.
    static func fraction(_ value: Double, _ option: String) throws {
        guard value.isFinite, (0...1).contains(value) else {
            throw ValidationError("\(option) must be a fraction from 0 to 1 (0.05 is 5 %), not \(value)")
        }
    }

    /// A whole number in a range, such as a count of patients.
    static func whole(_ value: Int, _ option: String, _ range: ClosedRange<Int>) throws {
        guard range.contains(value) else {
            throw ValidationError("\(option) must be a whole number from \(range.lowerBound) to \(range.upperBound), not \(value)")
        }
    }

    /// A number in a range, such as a speed or a number of days.
    static func number(_ value: Double, _ option: String, _ range: ClosedRange<Double>, above lower: Bool = false) throws {
        guard value.isFinite, range.contains(value), !(lower && value == range.lowerBound) else {
            let bounds = lower ? "above \(format(range.lowerBound)) and at most \(format(range.upperBound))"
                               : "from \(format(range.lowerBound)) to \(format(range.upperBound))"
            throw ValidationError("\(option) must be a number \(bounds), not \(value)")
        }
    }

    /// A server's base URL: http or https, with a host.
    static func serviceURL(_ text: String, _ option: String) throws {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
              let host = url.host, !host.isEmpty else {
            throw ValidationError("\(option) must be an http:// or https:// address with a host, such as https://fhir.example.no/r4; not '\(text)'")
        }
    }

    /// The operator's language.
    static func language(_ code: String) throws {
        guard Language(rawValue: code) != nil else {
            throw ValidationError("--lang must be nb (Norwegian bokmål) or en (English), not '\(code)'")
        }
    }

    /// A theme that exists in the theme folders (or the built-in default).
    static func theme(_ name: String) throws {
        let names = themeNames()
        guard names.contains(name) else {
            throw ValidationError("--theme must be one of \(names.sorted().joined(separator: ", ")); not '\(name)'")
        }
    }

    /// The themes in the theme folders, and `default`.
    static func themeNames() -> Set<String> {
        var names: Set<String> = ["default"]
        for folder in Themes.folders() {
            do {
                let files = try FileManager.default.contentsOfDirectory(atPath: folder)
                names.formUnion(files.filter { $0.hasSuffix(".theme") }.map { String($0.dropLast(".theme".count)) })
            } catch {
                continue // a folder that cannot be read offers no themes; the others still do
            }
        }
        return names
    }

    /// A FHIR resource id, as patients are named: 1 to 64 of A–Z, a–z, 0–9, '-' and '.'.
    static func resourceID(_ text: String, _ option: String) throws {
        guard isResourceID(text) else {
            throw ValidationError("\(option) must be a FHIR id (1 to 64 letters A–Z, digits, '-' or '.'), such as pas-00017")
        }
    }

    static func isResourceID(_ text: String) -> Bool {
        (1...64).contains(text.unicodeScalars.count) && text.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "."
        }
    }

    /// An operator's identity: 1 to 64 characters, no control characters.
    static func operatorID(_ text: String, _ option: String) throws {
        guard isOperatorID(text) else { throw ValidationError("\(option) must be 1 to 64 characters without control characters") }
    }

    static func isOperatorID(_ text: String) -> Bool {
        (1...64).contains(text.count) && !text.unicodeScalars.contains(where: Sanitiser.isDangerous)
    }

    /// A FHIR instant, such as 2026-11-22T12:00:00Z.
    static func instant(_ text: String, _ option: String) throws {
        guard FHIRDateTime.parse(text) != nil else {
            throw ValidationError("\(option) must be a FHIR instant, such as 2026-11-22T12:00:00Z; not '\(text)'")
        }
    }

    /// A screen size `WIDTHxHEIGHT` between the smallest and the largest.
    static func size(_ text: String) throws -> (width: Int, height: Int) {
        let parts = text.lowercased().split(separator: "x", omittingEmptySubsequences: false).map { Int($0) }
        let (small, large) = (smallestSize, largestSize)
        guard parts.count == 2, let width = parts[0], let height = parts[1],
              (small.width...large.width).contains(width), (small.height...large.height).contains(height) else {
            throw ValidationError("--size must be WIDTHxHEIGHT from \(small.width)x\(small.height) to \(large.width)x\(large.height), "
                                  + "such as 80x24; not '\(text)'")
        }
        return (width, height)
    }

    private static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
