import Foundation
import VardeDomain
import VardeTerminal

/// Remembers which red alerts the operator has been shown, so that a red alert arriving while she
/// works (new, or escalated from yellow) stays in a banner until she has seen it: by `!`, which
/// jumps to it, or by opening that patient.
public struct RedAlertWatch: Sendable, Equatable {
    private var known: Set<Int64> = []
    /// Red alerts not yet seen, oldest first.
    public private(set) var unseen: [QueueEntry] = []
    /// Alerts that turned red before this are the shift's starting point, not news, even when the
    /// first sync of an empty cache brings them in after the console opened.
    public let newsSince: Date

    public init(startedAt: Date = .distantPast, grace: TimeInterval = 15 * 60) {
        newsSince = startedAt.addingTimeInterval(-grace)
    }

    /// Takes in the queue as it is now: a red alert not seen before, that turned red recently, is
    /// news until seen. Resolved ones drop out.
    public mutating func observe(_ entries: [QueueEntry]) {
        let red = entries.filter { $0.zone == .red }
        for entry in red where !known.contains(entry.alertID) {
            known.insert(entry.alertID)
            if entry.raisedAt >= newsSince { unseen.append(entry) }
        }
        let open = Dictionary(red.map { ($0.alertID, $0) }) { a, _ in a }
        unseen = unseen.compactMap { open[$0.alertID] }
    }

    /// The operator has seen this alert (opened the patient, or jumped to it).
    public mutating func seen(alertID: Int64) {
        unseen.removeAll { $0.alertID == alertID }
    }

    /// The operator has acknowledged every red alert in the banner at once.
    public mutating func seenAll() {
        unseen.removeAll()
    }

    /// The operator has seen every alert of this patient.
    public mutating func seen(patientID: String) {
        unseen.removeAll { $0.patientID == patientID }
    }

    /// Draws the banner over row `y`: the oldest unseen red alert, how many more, and the key.
    public func draw(_ buffer: inout ScreenBuffer, y: Int, language: Language) {
        guard let first = unseen.first else { return }
        let f = Formatting(language)
        let more = unseen.count > 1 ? " (+\(unseen.count - 1))" : ""
        // A patient who has blocked this operator stays anonymous here too.
        let text = " " + f.strings.newRedAlert
            .replacingOccurrences(of: "%1", with: first.isBlocked ? f.strings.blockedPatient : first.patientName)
            .replacingOccurrences(of: " · %2", with: first.isBlocked ? "" : " · " + first.municipality.name)
            .replacingOccurrences(of: " · %3", with: first.isBlocked ? "" : " · " + f.finding(first)) + more + " "
        buffer.fill(row: y, style: Style(.banner, bold: true))
        buffer.put(DisplayWidth.fit(text, buffer.width), x: 0, y: y, style: Style(.banner, bold: true))
    }
}
