import Foundation
import VardeDomain
import VardeStore
import VardeTerminal

/// Something the model asks for that touches the world: a write to the cache, background work, a
/// theme file, quitting. Only the `EffectRunner` carries these out; what they come to returns as
/// an `EffectResult` event.
public enum Effect: Sendable, Equatable {
    case handle(alertID: Int64, step: HandlingStep)
    /// Reads the record and logs the access in one write.
    case openPatient(patientID: String, tab: PatientTab)
    /// A tab switch shows other parts of the record: logged as an access of its own.
    case recordAccess(patientID: String, tab: PatientTab)
    case markMessagesSeen(patientID: String)
    case loadDraft(patientID: String, reply: Bool)
    case saveDraft(patientID: String, text: String, inResponseTo: String?)
    case sendMessage(patientID: String, text: String, inResponseTo: String?)
    case retryMessage(id: String)
    /// Worked out on a background queue: a large centre's figures take long enough to stall the keys.
    case computeCaseload(now: Date)
    case loadTheme(String)
    /// Every patient the operator may see (`search` nil), or those a search finds; `refresh`: the
    /// list on screen asked (a single hit is listed, not opened).
    case listPatients(search: String?, sort: PatientListSort, refresh: Bool)
    /// The shift handover since a time, until now.
    case handover(since: Date)
    /// Whom to call about a patient (read without logging: the patient view's opening was logged).
    /// `panel`: for the contact panel (`K`), else for the patient view's header.
    case readContacts(patientID: String, panel: Bool)
    /// The whole fødselsnummer, read and written to the access log in one transaction.
    case revealNationalID(patientID: String)
    /// What a journal note about a resolved alert is written from (its alert, trigger, plan and message),
    /// read for the note editor; `correcting`: the note replaces the alert's newest note.
    case composeNote(alertID: Int64, outcome: HandlingOutcome?, remark: String, correcting: Bool)
    /// What a free note about a patient starts from (`:notat`).
    case composeFreeNote(patientID: String)
    /// The note into the outbox, from which the sync delivers it to the service once.
    case saveJournalNote(JournalNote)
    /// A note the service refused, back in the outbox.
    case retryJournalNote(id: String)
    /// The patient's alerts resolved today, for reopening (`o`) or correcting (`e`) one.
    case readResolvedAlerts(patientID: String, correcting: Bool)
    /// Reopens a resolved alert or corrects its note (a new history step and a Task update with If-Match).
    case amend(alertID: Int64, Amendment)
    /// The handover written to a file (`text` or `md`) in the Varde folder.
    case exportHandover(HandoverReport, format: String)
    /// An OSC 52 sequence to the terminal (the note copied to the clipboard). Carried out by the loop
    /// that owns the terminal.
    case copy(String)
    /// The terminal forgets what it shows and writes every cell of the next frame (Ctrl-l, a new
    /// theme). Carried out by the loop that owns the terminal, not by the runner.
    case repaint
    /// The terminal's bell: a red alert arrived that the operator has not seen (`[console] bell`).
    /// Carried out by the loop that owns the terminal.
    case bell
    case quit
}

/// What an effect came to.
public enum EffectResult: Sendable {
    case handled(alertID: Int64, step: HandlingStep, Result<Alert, HandlingRefusal>)
    /// Nil record: the patient is not (or no longer) there for this operator.
    case patientOpened(patientID: String, tab: PatientTab, PatientRecord?)
    case draftLoaded(patientID: String, reply: Bool, text: String?, inResponseTo: String?)
    case messageQueued(id: String)
    case messageRetried(id: String)
    case caseloadComputed(CaseloadReport)
    case themeLoaded(name: String, Theme)
    case patientsListed(search: String?, sort: PatientListSort, refresh: Bool, [PatientListRow])
    case handoverReady(HandoverReport)
    /// Nil card or number: the patient is not (or no longer) there for this operator.
    case contactsRead(patientID: String, panel: Bool, ContactCard?)
    case nationalIDRevealed(patientID: String, String?)
    /// Nil: the patient is not (or no longer) there for this operator.
    case noteFactsRead(NoteDraft?)
    /// Nil: the patient is not (or no longer) there for this operator; nothing was saved.
    case journalNoteSaved(JournalNote?)
    case journalNoteRetried(id: String)
    case resolvedAlertsRead(patientID: String, correcting: Bool, [ResolvedAlert])
    case amended(alertID: Int64, Amendment, Result<Alert, AmendmentRefusal>)
    case handoverExported(path: String)
    /// The effect failed; `reason` in the cache's (or the file's) own words.
    case failed(Effect, reason: String)
    /// Nothing to report (a write that worked and shows itself in the next snapshot).
    case done
}
