import Foundation

/// A change to an alert after it was resolved: reopened the same day, or its note corrected. Each is
/// a new step in the alert's history; nothing earlier is rewritten.
public enum Amendment: Equatable, Sendable {
    /// The alert is open again, claimed by the nurse who reopened it.
    case reopen(reason: String)
    /// The resolution's note, replaced by a corrected one (the old one stays in the history).
    case correctNote(String)
}

/// Why an amendment cannot be made; said to the nurse in plain words.
public enum AmendmentRefusal: Error, Equatable, Sendable {
    /// Only a resolved alert can be reopened or have its note corrected.
    case notResolved
    /// Reopening and correcting are for the day it was resolved (Norwegian time); later, write a new note.
    case notSameDay
    /// The patient already has another open alert: handle that one.
    case patientHasOpenAlert
    /// The patient has blocked this nurse.
    case blocked
    /// Only the nurse who resolved it corrects its note.
    case resolvedBy(String)
}

/// The rules of amending a resolved alert. Pure and table-tested.
public enum Amending {
    public static func apply(_ amendment: Amendment, to alert: Alert, resolvedAt: Date?, resolvedBy: String?,
                             by nurse: String, now: Date,
                             timeZone: TimeZone = TimeZone(identifier: "Europe/Oslo") ?? .current) -> Result<Alert, AmendmentRefusal> {
        guard alert.status == .resolved, let resolvedAt else { return .failure(.notResolved) }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        guard calendar.isDate(resolvedAt, inSameDayAs: now) else { return .failure(.notSameDay) }
        var next = alert
        switch amendment {
        case .reopen:
            next.status = .open
            next.owner = nurse
            next.outcome = nil
            next.note = nil
        case .correctNote(let note):
            if let resolvedBy, resolvedBy != nurse { return .failure(.resolvedBy(resolvedBy)) }
            next.note = note
        }
        return .success(next)
    }
}
