import Foundation

/// One step of handling an alert, as a nurse takes it.
public enum HandlingStep: Equatable, Sendable, Codable {
    case claim
    case release
    case resolve(HandlingOutcome, note: String)
}

/// Why a step cannot be taken; said to the nurse in plain words.
public enum HandlingRefusal: Error, Equatable, Sendable {
    /// Another nurse has it ("allerede tatt av <navn>").
    case claimedBy(String)
    case notOpen
    case notYours
    /// The patient has blocked this nurse: a colleague must take it.
    case blocked
}

/// The rules of the shared queue: a nurse claims before acting, only the owner releases or resolves,
/// and nobody takes over a colleague's alert without them releasing it. Pure and table-tested.
public enum Handling {
    public static func apply(_ step: HandlingStep, to alert: Alert, by nurse: String) -> Result<Alert, HandlingRefusal> {
        guard alert.status == .open else { return .failure(.notOpen) }
        var next = alert
        switch step {
        case .claim:
            if let owner = alert.owner, owner != nurse { return .failure(.claimedBy(owner)) }
            next.owner = nurse
        case .release:
            guard alert.owner == nurse else { return .failure(alert.owner.map { .claimedBy($0) } ?? .notYours) }
            next.owner = nil
        case .resolve(let outcome, let note):
            if let owner = alert.owner, owner != nurse { return .failure(.claimedBy(owner)) }
            next.owner = nurse
            next.status = .resolved
            next.outcome = outcome
            next.note = note
        }
        return .success(next)
    }
}
