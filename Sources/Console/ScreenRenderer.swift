import Foundation
import VardeDomain
import VardeStore
import VardeTerminal

/// Draws a named screen from the cache exactly as the console would: `varde render` and the
/// golden screens in `Screens/` both come from here.
public enum ScreenRenderer {
    public static let screens = ["queue", "patient", "trends", "plan", "messages", "compose", "history", "help", "quarantine",
                                 "caseload", "lock"]

    static let tabs: [String: PatientTab] = ["plan": .plan, "messages": .messages, "compose": .messages, "history": .history]

    /// Why a screen cannot be drawn.
    public struct Problem: Error, CustomStringConvertible {
        public let description: String
    }

    /// `patientID` picks the patient for patient screens; without it, the first patient in the queue
    /// the viewer may see. With a `workstation`, a patient screen is logged as an access (`varde render`).
    public static func render(_ screen: String, cache: CacheDatabase, now: Date, width: Int, height: Int,
                              language: Language, patientID: String? = nil,
                              settings: CentreSettings = CentreSettings(), viewer: Viewer = .unrestricted,
                              workstation: String? = nil) throws -> ScreenBuffer {
        let templates = settings.replyTemplates
        var state = QueueState(now: now, language: language)
        state.update(try cache.queue(for: viewer))
        state.sync = try cache.syncState()
        state.outbox = try cache.queuedMessageCount()
        state.quarantined = try cache.quarantineCount()
        // As the console would have it after its first second: started now, the newest measurement's
        // stamp the earliest it can have arrived.
        state.serviceHours = settings.serviceHours
        state.targets = settings.responseTargets
        state.freshness.limits = settings.staleness
        let arrivals = try cache.measurementArrivals()
        state.freshness.observe(arrivals, now: now)
        state.otherMeasurements = arrivals.otherCount
        switch screen {
        case "patient", "trends", "plan", "messages", "compose", "history":
            // Message screens show, unless told, the first patient in the queue who has written.
            let writer = ["messages", "compose"].contains(screen) ? firstWriter(in: state.entries) : nil
            let since = now.addingTimeInterval(-90 * 86_400)
            let id = patientID ?? writer ?? state.entries.first { !$0.isBlocked }?.patientID
            let record = try id.flatMap { id in
                try workstation.map { try cache.openPatient(id, for: viewer, what: .render, workstation: $0, at: now, since: since) }
                    ?? cache.patientRecord(id, for: viewer, since: since)
            }
            // The same words whether the patient is unknown, blocked or outside the operator's municipalities.
            guard let id, let record else { throw Problem(description: "no such patient in the local cache for this operator") }
            var patient = PatientState(record: record, tab: tabs[screen] ?? .trends, now: now, language: language)
            if screen == "compose" {
                // The patient's draft, or the first quick reply filled in, as the editor would start.
                let p = record.patient
                let text = try cache.draft(for: id)?.text
                    ?? templates.first?.filled(givenName: p.givenName, fullName: "\(p.givenName) \(p.familyName)") ?? ""
                patient.compose = ComposeEditor(text: text, width: ComposeView.textWidth(width),
                                                inResponseTo: record.messages.last { $0.direction == .fromPatient }?.id)
            }
            return PatientScreen.render(patient, width: width, height: height)
        case "caseload":
            let report = try cache.caseload(since: now.addingTimeInterval(-7 * 86_400), now: now, hours: settings.serviceHours,
                                            targets: settings.responseTargets, staffing: settings.staffing,
                                            municipalities: settings.municipalities)
            return CaseloadScreen.render(CaseloadState(report: report, language: language), width: width, height: height, now: now)
        case "quarantine":
            return QuarantineScreen.render(try cache.quarantined(), total: try cache.quarantineCount(), scroll: 0,
                                           width: width, height: height, language: language, now: now)
        case "help":
            var buffer = QueueScreen.render(&state, width: width, height: height)
            if width >= QueueScreen.minimumSize.width, height >= QueueScreen.minimumSize.height {
                HelpOverlay.draw(over: &buffer, context: .queue, language: language)
            }
            return buffer
        case "lock":
            var lock = IdleLock(settings: PrivacySettings(), now: now)
            lock.lock()
            return LockScreen.render(counts: state.counts, overdue: state.overdueCount, now: now, lock: lock,
                                     language: language, width: width, height: height, stale: state.staleness)
        default:
            return QueueScreen.render(&state, width: width, height: height)
        }
    }

    /// The first patient in the queue who has written to the centre.
    public static func firstWriter(in entries: some Sequence<QueueEntry>) -> String? {
        entries.first { !$0.isBlocked && ($0.basis == .message || $0.unreadMessages > 0) }?.patientID
    }
}
