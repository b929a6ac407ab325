import Foundation
import VardeDomain
import VardeStore

/// What the cache says about a replay case's patient after a pass, in the corpus's vocabulary:
/// the open alert's zone (`red`, `yellow`, `routine` for a green routine item, `none`), its basis
/// and marks, the quarantine, the stored measurements and the Observation cursor.
struct ReplayState {
    var zone: String
    var basis: String?
    var marks: Set<String>
    var quarantined: [Quarantined]
    var measurements: [String: HomeMeasurement]
    var cursor: String?

    /// One quarantined resource as the corpus compares it.
    struct Quarantined {
        var resourceID: String?
        var reason: String
        var raw: String?
        var summary: String { "\(resourceID ?? "?"): \(reason)" }
    }

    static func read(_ cache: CacheDatabase, server: String, patientID: String) throws -> ReplayState {
        let alert = try cache.patientRecord(patientID, since: .distantPast)?.openAlert
        let zone = switch alert?.zone {
        case .red?: "red"
        case .yellow?: "yellow"
        case .green?: "routine"
        case nil: "none"
        }
        let measurements = try cache.allMeasurements().filter { $0.patientID == patientID }
        return ReplayState(
            zone: zone, basis: alert.map { $0.basis.rawValue }, marks: alert.map(marks(of:)) ?? [],
            quarantined: try cache.quarantined().map {
                Quarantined(resourceID: $0.resourceID, reason: $0.reason, raw: field("raw", of: $0))
            },
            measurements: Dictionary(measurements.map { ($0.id, $0) }, uniquingKeysWith: { $1 }),
            cursor: try cache.cursor(server: server, resource: "Observation"))
    }

    /// The alert's marks (`suspectedError`, `unapprovedPlan`). Read by name until main's `Alert.marks`
    /// lands on this branch, so that the harness compiles before and after.
    static func marks(of alert: Alert) -> Set<String> {
        guard let value = Mirror(reflecting: alert).children.first(where: { $0.label == "marks" })?.value else {
            // Before marks existed a suspected error was its own basis.
            return alert.basis == .suspectedError ? ["suspectedError"] : []
        }
        return Set(Mirror(reflecting: value).children.map { String(describing: $0.value) })
    }

    /// A stored property read by name (nil when absent or nil).
    static func field(_ name: String, of value: Any) -> String? {
        guard let child = Mirror(reflecting: value).children.first(where: { $0.label == name })?.value else { return nil }
        if let text = child as? String { return text }
        let optional = Mirror(reflecting: child)
        guard optional.displayStyle == .optional, let some = optional.children.first?.value else { return nil }
        return some as? String ?? String(describing: some)
    }
}
