import Foundation
import VardeStore
import VardeTerminal

/// The console's reads of the cache that are failing now, and why. A failure is never swallowed:
/// the first one is drawn at once, in the red style, on every screen, until the read succeeds again.
public struct DataPathHealth: Sendable, Equatable {
    /// A part of the cache the console reads, in the order their failures are shown.
    public enum Part: Int, CaseIterable, Comparable, Sendable {
        case queue, syncState, measurements, outbox, quarantine, notices

        public static func < (a: Part, b: Part) -> Bool { a.rawValue < b.rawValue }
    }

    /// Why each failing part failed, in SQLite's words.
    public private(set) var failures: [Part: String] = [:]

    public init() {}

    /// Records how the last read of `part` went: nil means it succeeded.
    public mutating func set(_ part: Part, failure: String?) {
        failures[part] = failure
    }

    /// Runs a read of `part`, recording its failure or its success; nil when it failed.
    public mutating func read<T>(_ part: Part, _ body: () throws -> T) -> T? {
        do {
            let value = try body()
            failures[part] = nil
            return value
        } catch {
            failures[part] = CacheDatabase.reason(error)
            return nil
        }
    }

    public var isHealthy: Bool { failures.isEmpty }

    /// "KØEN OPPDATERES IKKE: no such table: alert · prøver igjen (+1)", or nil when every read works.
    public func notice(_ language: Language) -> String? {
        guard let part = failures.keys.min(), let reason = failures[part] else { return nil }
        let s = FreshnessStrings.of(language)
        let more = failures.count > 1 ? " (+\(failures.count - 1))" : ""
        return "⚠ \(s.failed[part] ?? "\(part)"): \(Sanitiser.inert(reason)) · \(s.retrying)\(more)"
    }

    /// Draws the notice over row `y`, the whole width, in the red style.
    static func draw(_ notice: String, over buffer: inout ScreenBuffer, y: Int) {
        let style = Style(.banner, bold: true)
        buffer.fill(row: y, style: style)
        buffer.put(DisplayWidth.fit(" \(notice) ", buffer.width), x: 0, y: y, style: style)
    }
}
