import Foundation
import VardeDomain
import VardeStore
import VardeTerminal

/// The only code that writes to the cache or starts background work for the console. Each effect
/// comes back as a result; a failure carries the cache's own words, never swallowed.
public final class EffectRunner: @unchecked Sendable {
    private let cache: CacheDatabase
    private let viewer: Viewer
    /// The machine name written in the access log; nil: patients are read without logging (tests).
    private let workstation: String?
    /// Background work (the caseload) runs on a queue of its own; headless, it runs in place.
    private let inBackground: Bool
    /// What every access is logged as, whatever the tab (`varde render` logs `render`); nil: the tab.
    private let accessAs: AccessKind?
    private let lock = NSLock()
    private var finished: [EffectResult] = []

    public init(cache: CacheDatabase, viewer: Viewer, workstation: String?, inBackground: Bool, accessAs: AccessKind? = nil) {
        self.accessAs = accessAs
        self.cache = cache
        self.viewer = viewer
        self.workstation = workstation
        self.inBackground = inBackground
    }

    /// Results of background work that finished since the last call.
    public func takeFinished() -> [EffectResult] {
        lock.lock()
        defer { lock.unlock() }
        let results = finished
        finished = []
        return results
    }

    /// Carries out an effect: its result now, or nil when it will come from `takeFinished` (or is quitting).
    public func run(_ effect: Effect, context: ConsoleContext) -> EffectResult? {
        let now = context.now
        do {
            switch effect {
            case .handle(let alertID, let step):
                return .handled(alertID: alertID, step: step, try cache.handle(alertID: alertID, step, by: context.nurse, at: now))
            case .openPatient(let patientID, let tab):
                let since = now.addingTimeInterval(-90 * 86_400)
                let record = try workstation.map {
                    try cache.openPatient(patientID, for: viewer, what: accessAs ?? Self.accessKind(tab), workstation: $0, at: now, since: since)
                } ?? cache.patientRecord(patientID, for: viewer, since: since)
                return .patientOpened(patientID: patientID, tab: tab, record)
            case .recordAccess(let patientID, let tab):
                guard let workstation else { return .done }
                try cache.recordAccess(AccessRecord(at: now, operatorID: context.nurse, patientID: patientID,
                                                    what: accessAs ?? Self.accessKind(tab), workstation: workstation))
                return .done
            case .markMessagesSeen(let patientID):
                // Without a workstation nobody is looking (the golden screens): nothing is recorded as seen.
                guard workstation != nil else { return .done }
                try cache.markMessagesSeen(of: patientID, at: now)
                return .done
            case .loadDraft(let patientID, let reply):
                let draft = try cache.draft(for: patientID)
                return .draftLoaded(patientID: patientID, reply: reply, text: draft?.text, inResponseTo: draft?.inResponseTo)
            case .saveDraft(let patientID, let text, let inResponseTo):
                try cache.saveDraft(for: patientID, text: text, inResponseTo: inResponseTo, at: now)
                return .done
            case .sendMessage(let patientID, let text, let inResponseTo):
                let message = try cache.queueMessage(to: patientID, text: text, by: context.nurse, inResponseTo: inResponseTo, at: now)
                return .messageQueued(id: message.id)
            case .retryMessage(let id):
                try cache.retryMessage(id: id)
                return .messageRetried(id: id)
            case .computeCaseload(let now):
                let (cache, settings) = (cache, context.settings)
                let work: @Sendable () -> EffectResult = {
                    do {
                        return .caseloadComputed(try cache.caseload(
                            since: now.addingTimeInterval(-Self.caseloadPeriod), now: now, hours: settings.serviceHours,
                            targets: settings.responseTargets, staffing: settings.staffing, municipalities: settings.municipalities))
                    } catch {
                        return .failed(effect, reason: CacheDatabase.reason(error))
                    }
                }
                guard inBackground else { return work() }
                DispatchQueue.global(qos: .userInitiated).async { [weak self] in self?.deliver(work()) }
                return nil
            case .loadTheme(let name):
                let loaded = try Themes.load(name, folders: context.themeFolders)
                let noColour = ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false
                return .themeLoaded(name: name, noColour ? loaded.withoutColour : loaded)
            case .listPatients(let search, let sort, let refresh):
                let rows = try search.map { CacheDatabase.sorted(try cache.findPatients($0, for: viewer), by: sort) }
                    ?? cache.patientList(for: viewer, sortedBy: sort)
                return .patientsListed(search: search, sort: sort, refresh: refresh, rows)
            case .handover(let since):
                return .handoverReady(try cache.handover(since: since, until: now, for: viewer))
            case .readContacts(let patientID, let panel):
                return .contactsRead(patientID: patientID, panel: panel, try cache.contacts(of: patientID, for: viewer))
            case .revealNationalID(let patientID):
                // Never shown unlogged: without a workstation to log it on, the number stays masked.
                guard let workstation else { return .failed(effect, reason: "no workstation to log the showing on") }
                return .nationalIDRevealed(patientID: patientID,
                                           try cache.revealNationalID(of: patientID, for: viewer, workstation: workstation, at: now))
            case .composeNote(let alertID, let outcome, let remark, let correcting):
                return .noteFactsRead(try noteDraft(alertID: alertID, outcome: outcome, remark: remark, correcting: correcting,
                                                    context: context))
            case .composeFreeNote(let patientID):
                guard let record = try cache.patientRecord(patientID, for: viewer, since: now) else { return .noteFactsRead(nil) }
                return .noteFactsRead(NoteDraft(patientID: patientID, patientName: record.patient.listName, alertKey: nil,
                                                facts: NoteFacts(written: now, nurse: context.nurse)))
            case .saveJournalNote(let note):
                return .journalNoteSaved(try cache.queueJournalNote(note, for: viewer))
            case .retryJournalNote(let id):
                try cache.retryJournalNote(id: id)
                return .journalNoteRetried(id: id)
            case .readResolvedAlerts(let patientID, let correcting):
                var calendar = Calendar(identifier: .gregorian)
                calendar.timeZone = context.settings.serviceHours.timeZone
                return .resolvedAlertsRead(patientID: patientID, correcting: correcting,
                                           try cache.resolvedAlerts(of: patientID, for: viewer, since: calendar.startOfDay(for: now)))
            case .amend(let alertID, let amendment):
                return .amended(alertID: alertID, amendment, try cache.amend(alertID: alertID, amendment, by: context.nurse, at: now,
                                                                              timeZone: context.settings.serviceHours.timeZone))
            case .exportHandover(let report, let format):
                let text = HandoverExport.render(report, format: format, language: context.language)
                return .handoverExported(path: try HandoverFile.write(text, format: format, cachePath: cache.path, until: report.until,
                                                                      timeZone: context.settings.serviceHours.timeZone))
            case .quit, .repaint, .bell, .copy:
                return nil // the loop's: quitting, and the terminal it owns
            }
        } catch {
            return .failed(effect, reason: CacheDatabase.reason(error))
        }
    }

    /// What the note about a resolved alert is written from: the alert, the measurement that raised it,
    /// the plan that judged it and the message that opened it, read without logging (resolving was the access).
    private func noteDraft(alertID: Int64, outcome: HandlingOutcome?, remark: String, correcting: Bool,
                           context: ConsoleContext) throws -> NoteDraft? {
        guard let alert = try cache.alert(id: alertID),
              let record = try cache.patientRecord(alert.patientID, for: viewer, since: alert.openedAt.addingTimeInterval(-2 * 86_400))
        else { return nil }
        let previous = correcting ? try cache.journalNote(forAlert: alert.key) : nil
        let trigger = record.measurements.first { $0.id == alert.triggerMeasurementID }
        let message = alert.triggerMessageID.flatMap { id in record.messages.first { $0.id == id } }
        let facts = NoteFacts(alert: alert, trigger: trigger, plan: record.plan, message: message, nurse: context.nurse,
                              written: context.now, actions: [], outcome: outcome ?? alert.outcome, freeText: remark,
                              corrects: previous?.written)
        let sent = record.messages.filter { $0.direction == .toPatient && $0.written >= alert.openedAt }.count
        return NoteDraft(patientID: alert.patientID, patientName: record.patient.listName, alertKey: alert.key,
                         replaces: previous?.id, facts: facts, messagesSent: sent)
    }

    private func deliver(_ result: EffectResult) {
        lock.lock()
        finished.append(result)
        lock.unlock()
    }

    /// The period the caseload view covers.
    static let caseloadPeriod: TimeInterval = 7 * 86_400

    static func accessKind(_ tab: PatientTab) -> AccessKind {
        switch tab {
        case .trends: .trends
        case .plan: .plan
        case .messages: .messages
        case .history: .history
        }
    }
}
