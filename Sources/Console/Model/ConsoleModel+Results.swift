import Foundation
import VardeDomain
import VardeStore
import VardeTerminal

/// What effects came to: shown in the operator's words, success only when it was one.
extension ConsoleModel {
    mutating func finish(_ result: EffectResult) -> [Effect] {
        switch result {
        case .done:
            return []
        case .handled(let alertID, .resolve(let outcome, let note), .success):
            // What was done is written once: the note for the patient record opens for review.
            return [.composeNote(alertID: alertID, outcome: outcome, remark: note, correcting: false)]
        case .handled(_, _, .success):
            return []
        case .handled(_, _, .failure(let refused)):
            say(refusal(refused))
            return []
        case .patientOpened(let patientID, let tab, let record):
            guard let record else {
                // The same words whether the patient is unknown, blocked or outside the operator's municipalities.
                composeOnOpen = nil
                say(refusal(.blocked))
                return []
            }
            redWatch.seen(patientID: patientID)
            if let index = patientLayerIndex { stack.removeSubrange(index...) }
            var patient = PatientLayer(record: record, tab: tab, context: context)
            var effects = patient.shown(&self) + [.readContacts(patientID: patientID, panel: false)]
            push(patient)
            if composeOnOpen == patientID {
                composeOnOpen = nil
                effects.append(.loadDraft(patientID: patientID, reply: false))
            }
            return effects
        case .draftLoaded(let patientID, let reply, let text, let inResponseTo):
            guard let index = patientLayerIndex, var patient = stack[index] as? PatientLayer, patient.patientID == patientID else {
                return []
            }
            patient.openEditor(text: text, inResponseTo: inResponseTo, reply: reply, width: context.width)
            stack[index] = patient
            return []
        case .messageQueued(let id):
            sending = nil
            draftDirty = false
            awaitingDelivery.append(id)
            say(MessageStrings.of(context.language).queued)
            return []
        case .messageRetried(let id):
            awaitingDelivery.append(id)
            say(MessageStrings.of(context.language).retried)
            return []
        case .caseloadComputed(let report):
            caseloadRefreshing = false
            if openingCaseload {
                openingCaseload = false
                if top(CaseloadLayer.self) == nil { push(CaseloadLayer(state: CaseloadState(report: report, language: context.language))) }
                return []
            }
            if let index = stack.lastIndex(where: { $0 is CaseloadLayer }), var caseload = stack[index] as? CaseloadLayer,
               report.now > caseload.state.report.now {
                caseload.state.report = report
                caseload.state.selected = min(caseload.state.selected, max(0, caseload.state.rows.count - 1))
                stack[index] = caseload
            }
            return []
        case .themeLoaded(let name, let theme):
            context.theme = theme
            say(context.language.strings.themeSwitched.replacingOccurrences(of: "%@", with: name))
            return [.repaint] // every cell in the new colours, not only those that change later
        case .patientsListed(let search, let sort, let refresh, let rows):
            if refresh, var list = top(PatientListLayer.self) {
                list.show(rows, search: search, sort: sort)
                stack[stack.count - 1] = list
                return []
            }
            if let search, rows.isEmpty {
                say(context.language.strings.noSuchPatient.replacingOccurrences(of: "%@", with: search))
                return []
            }
            if search != nil, rows.count == 1 { return [.openPatient(patientID: rows[0].patient.id, tab: .trends)] }
            push(PatientListLayer(rows: rows, search: search, sort: sort))
            return []
        case .handoverReady(let report):
            if var handover = top(HandoverLayer.self) {
                handover.report = report
                stack[stack.count - 1] = handover
            } else {
                push(HandoverLayer(report: report))
            }
            return []
        case .contactsRead(let patientID, let panel, let card):
            guard let card else {
                if panel { say(refusal(.blocked)) }
                return []
            }
            guard let index = patientLayerIndex, var patient = stack[index] as? PatientLayer, patient.patientID == patientID else { return [] }
            patient.state.contacts = card.contacts
            stack[index] = patient
            if panel, top(ContactLayer.self) == nil {
                push(ContactLayer(card: card, municipality: patient.state.record.municipality?.name))
            }
            return []
        case .nationalIDRevealed(let patientID, let number):
            guard var panel = top(ContactLayer.self), panel.card.patient.id == patientID else { return [] }
            guard let number else {
                say(refusal(.blocked))
                return []
            }
            panel.revealed = number
            stack[stack.count - 1] = panel
            return []
        case .noteFactsRead(let draft):
            guard let draft else {
                say(refusal(.blocked))
                return []
            }
            push(JournalNoteLayer(draft: draft, text: composedNote(draft), width: context.width))
            return []
        case .journalNoteSaved(let note):
            change(JournalNoteLayer.self) { layer in
                layer.saving = false
                layer.saved = note
                layer.scroll = 0
            }
            say(note == nil ? refusal(.blocked) : NoteStrings.of(context.language).saved)
            return []
        case .journalNoteRetried:
            say(NoteStrings.of(context.language).resent)
            return []
        case .resolvedAlertsRead(let patientID, let correcting, let alerts):
            guard let index = patientLayerIndex, let patient = stack[index] as? PatientLayer, patient.patientID == patientID else { return [] }
            guard !alerts.isEmpty else {
                say(NoteStrings.of(context.language).noneToday)
                return []
            }
            if top(AmendLayer.self) == nil {
                queue.message = nil // the box has its own line of keys; an older message would sit under it
                push(AmendLayer(alerts: alerts, correcting: correcting, patientName: patient.state.record.patient.listName))
            }
            return []
        case .amended(let alertID, let amendment, let result):
            return amended(alertID: alertID, amendment, result)
        case .handoverExported(let path):
            // Under the home folder as `~/…`, so that the whole path fits the status line more often.
            let home = NSHomeDirectory()
            let shown = path.hasPrefix(home + "/") ? "~" + path.dropFirst(home.count) : path
            queue.say(NoteStrings.of(context.language).exported.replacingOccurrences(of: "%@", with: shown), for: 10)
            return []
        case .failed(let effect, let reason):
            return failed(effect, reason: reason)
        }
    }

    /// Changes the topmost layer of a type where it is on the stack (an effect's result for a screen
    /// that may no longer be on top).
    mutating func change<L: ConsoleLayer>(_ type: L.Type, _ body: (inout L) -> Void) {
        guard let index = stack.lastIndex(where: { $0 is L }), var layer = stack[index] as? L else { return }
        body(&layer)
        stack[index] = layer
    }

    /// The note as composed from its facts, with what the centre wrote to the patient among the actions;
    /// a free note ends on an empty remark for the nurse to write.
    func composedNote(_ draft: NoteDraft) -> String {
        let s = NoteStrings.of(context.language)
        var facts = draft.facts
        if draft.messagesSent > 0 { facts.actions.append(s.wroteToPatient.replacingOccurrences(of: "%d", with: String(draft.messagesSent))) }
        let text = JournalNoteComposer.compose(facts, language: context.language)
        return draft.isFree ? text + "\n\(DayStrings.of(context.language).noteRemark): " : text
    }

    /// A reopening or correction written (or refused, in words that name the colleague who has it).
    mutating func amended(alertID: Int64, _ amendment: Amendment, _ result: Result<Alert, AmendmentRefusal>) -> [Effect] {
        let s = NoteStrings.of(context.language)
        switch result {
        case .success:
            if let index = stack.lastIndex(where: { $0 is AmendLayer }) { stack.remove(at: index) }
            if case .correctNote(let text) = amendment {
                say(s.corrected)
                return [.composeNote(alertID: alertID, outcome: nil, remark: text, correcting: true)]
            }
            say(s.reopened)
            return []
        case .failure(let refusal):
            let reason = amendmentRefusal(refusal)
            change(AmendLayer.self) { layer in
                layer.pending = false
                layer.notice = reason
            }
            say(reason)
            return []
        }
    }

    func amendmentRefusal(_ refusal: AmendmentRefusal) -> String {
        let s = NoteStrings.of(context.language)
        switch refusal {
        case .notResolved:
            // Most often a colleague got there first: say who has it now.
            let owner = patientLayerIndex.flatMap { (stack[$0] as? PatientLayer)?.state.record.openAlert?.owner }
            guard let owner, owner != context.nurse else { return s.notResolved + "." }
            return "\(s.notResolved): \(s.reopenedBy.replacingOccurrences(of: "%@", with: owner))."
        case .notSameDay: return s.notSameDay
        case .patientHasOpenAlert: return s.patientHasOpenAlert
        case .blocked: return self.refusal(.blocked)
        case .resolvedBy(let nurse): return s.resolvedBy.replacingOccurrences(of: "%@", with: nurse)
        }
    }

    private mutating func failed(_ effect: Effect, reason: String) -> [Effect] {
        let w = words
        switch effect {
        case .handle(_, let step):
            say(w.failure(step.isResolve ? w.cannotResolve : w.cannotHandle, reason))
        case .openPatient:
            composeOnOpen = nil
            say(w.failure(w.cannotOpen, reason))
        case .recordAccess:
            say(w.failure(w.cannotLog, reason))
        case .markMessagesSeen:
            say(w.failure(w.cannotMarkSeen, reason))
        case .loadDraft:
            // An editor opened empty would overwrite the draft it could not read: it stays closed.
            say(w.failure(w.cannotReadDraft, reason))
        case .saveDraft:
            draftDirty = true
            say(w.failure(w.cannotSaveDraft, reason))
        case .sendMessage:
            // Nothing was lost: the editor comes back with the text.
            if let sending, let index = patientLayerIndex, var patient = stack[index] as? PatientLayer,
               patient.patientID == sending.patientID {
                patient.state.compose = sending.editor
                stack[index] = patient
            }
            sending = nil
            say(w.failure(w.cannotSend, reason))
        case .retryMessage:
            say(w.failure(w.cannotRetry, reason))
        case .computeCaseload:
            caseloadRefreshing = false
            openingCaseload = false
            say(w.failure(w.cannotCaseload, reason))
        case .loadTheme(let name):
            say(w.failure(w.cannotTheme.replacingOccurrences(of: "%@", with: name), reason))
        case .listPatients:
            say(w.failure(w.cannotList, reason))
        case .handover:
            say(w.failure(w.cannotHandover, reason))
        case .readContacts:
            say(w.failure(w.cannotContacts, reason))
        case .revealNationalID:
            say(w.failure(w.cannotReveal, reason))
        case .composeNote, .composeFreeNote:
            say(w.failure(NoteStrings.of(context.language).cannotCompose, reason))
        case .saveJournalNote:
            // The editor stays with the text: nothing is lost, Ctrl-s tries again.
            change(JournalNoteLayer.self) { $0.saving = false }
            say(w.failure(NoteStrings.of(context.language).cannotSave, reason))
        case .retryJournalNote:
            say(w.failure(NoteStrings.of(context.language).cannotRetry, reason))
        case .readResolvedAlerts:
            say(w.failure(NoteStrings.of(context.language).cannotReadResolved, reason))
        case .amend:
            change(AmendLayer.self) { $0.pending = false }
            say(w.failure(NoteStrings.of(context.language).cannotAmend, reason))
        case .exportHandover:
            say(w.failure(NoteStrings.of(context.language).cannotExport, reason))
        case .quit, .repaint, .bell, .copy:
            break
        }
        return []
    }
}

extension HandlingStep {
    var isResolve: Bool {
        if case .resolve = self { return true }
        return false
    }
}
