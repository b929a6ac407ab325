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
    /// The effect failed; `reason` in the cache's (or the file's) own words.
    case failed(Effect, reason: String)
    /// Nothing to report (a write that worked and shows itself in the next snapshot).
    case done
}
