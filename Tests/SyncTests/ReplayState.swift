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
            zone: zone, basis: alert.map { $0.basis.rawValue }, marks: Set(alert?.marks.map(\.rawValue) ?? []),
            quarantined: try cache.quarantined().map {
                Quarantined(resourceID: $0.resourceID, reason: $0.reason, raw: $0.raw)
            },
            measurements: Dictionary(measurements.map { ($0.id, $0) }, uniquingKeysWith: { $1 }),
            cursor: try cache.cursor(server: server, resource: "Observation"))
    }
}
