import Foundation
import VardeService
import VardeStore

/// How far a page may move a sync cursor: never past the server's own clock (its HTTP `Date`, else ours)
/// plus a small tolerance. One resource stamped in the year 9999 would otherwise move the cursor there,
/// and every later sync would ask for newer data, get none, and report success.
struct CursorCeiling {
    /// Clocks of servers and workstations differ by a little; more than this is a wrong stamp.
    static let tolerance: TimeInterval = 5 * 60
    let limit: Date

    init(serverDate: Date?, fallback: Date) {
        limit = (serverDate ?? fallback).addingTimeInterval(Self.tolerance)
    }

    /// The newer of `current` and `candidate` (a `meta.lastUpdated` in the server's spelling), leaving out a
    /// candidate stamped in the future, which it counts in `future` (the resource itself is still stored).
    func newer(_ current: (Date, String)?, _ candidate: String?, future: inout Int) -> (Date, String)? {
        guard let candidate, let date = FHIRDateTime.parse(candidate) else { return current }
        guard date <= limit else { future += 1; return current }
        guard let current else { return (date, candidate) }
        return date > current.0 ? (date, candidate) : current
    }
}

extension EntryProblem {
    /// The quarantine row for this problem.
    func quarantined(server: String, at now: Date, defaultType: String? = nil) -> QuarantinedResource {
        QuarantinedResource(server: server, resourceType: resourceType ?? defaultType, resourceID: resourceID,
                            reason: reason, receivedAt: now, raw: raw)
    }
}
