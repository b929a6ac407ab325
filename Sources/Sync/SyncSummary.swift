import Foundation

/// What one sync run did, printed by `varde sync` as one line.
public struct SyncSummary: Sendable, Equatable {
    public var fetched = 0
    public var stored = 0
    public var quarantined = 0
    public var alertsOpened = 0
    public var alertsEscalated = 0
    public var alertsWithdrawn = 0
    /// Measurements that arrived again from a second source and were recognised.
    public var duplicates = 0
    /// Handling steps delivered to the server, and steps a colleague's earlier step overruled.
    public var delivered = 0
    public var conflicts = 0
    /// Messages the server stored from this workstation's outbox, and new messages from patients.
    public var messagesSent = 0
    public var messagesFailed = 0
    public var messagesFromPatients = 0
    /// Journal notes the service stored (as DocumentReference) and notes it refused for good.
    public var notesDelivered = 0
    public var notesFailed = 0
    /// GPs read from the service (Practitioner by id) for the contact panel.
    public var practitionersRead = 0
    /// Resources stamped later than the server's own clock: stored, but the cursor did not follow them.
    public var futureStamped = 0
    /// Routine items opened for devices that sent physically impossible values.
    public var deviceChecks = 0
    public var pages = 0
    public var duration: TimeInterval = 0

    public init() {}

    public var line: String {
        "fetched \(fetched), stored \(stored), duplicates \(duplicates), quarantined \(quarantined), "
            + "delivered \(delivered), conflicts \(conflicts), "
            + "messages sent \(messagesSent), failed \(messagesFailed), from patients \(messagesFromPatients), "
            + (notesDelivered + notesFailed > 0 ? "notes delivered \(notesDelivered), failed \(notesFailed), " : "")
            + "alerts opened \(alertsOpened), escalated \(alertsEscalated), withdrawn \(alertsWithdrawn), "
            + (futureStamped > 0 ? "stamped in the future \(futureStamped), " : "")
            + (deviceChecks > 0 ? "devices to check \(deviceChecks), " : "")
            + "pages \(pages), "
            + String(format: "%.2f s", duration)
    }
}
