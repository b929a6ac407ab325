import Foundation
import VardeDomain
import VardeStore
import VardeTerminal

/// The messages tab's keys: writing, sending, replying, templates, resending.
extension ConsoleApp {
    var composing: Bool {
        if case .patient(let patient) = stack.last, patient.tab == .messages, patient.compose != nil { return true }
        return false
    }

    /// Opens the editor with the patient's draft, if there is one.
    func startComposing(reply: Bool) {
        guard case .patient(let patient) = stack.last else { return }
        let id = patient.record.patient.id
        let draft: (text: String, inResponseTo: String?)?
        do {
            draft = try cache.draft(for: id)
        } catch {
            // An editor opened empty would overwrite the draft it could not read: it stays closed.
            state.say(CacheDatabase.reason(error))
            return
        }
        let answering = reply ? patient.record.messages.last { $0.direction == .fromPatient }?.id : nil
        updatePatient {
            $0.tab = .messages
            $0.threadScroll = 0
            $0.compose = ComposeEditor(text: draft?.text ?? "", width: ComposeView.textWidth(terminalWidth),
                                       inResponseTo: answering ?? draft?.inResponseTo)
        }
        messagesShown()
    }

    func editCompose(_ key: Key) {
        guard case .patient(var patient) = stack.last, var editor = patient.compose else { return }
        let m = MessageStrings.of(state.language)
        patient.composeRefusal = nil
        if let templates = patient.templates {
            if case .character(let c) = key, let digit = c.wholeNumberValue, templates.prefix(9).indices.contains(digit - 1) {
                let p = patient.record.patient
                editor.insert(templates[digit - 1].filled(givenName: p.givenName, fullName: "\(p.givenName) \(p.familyName)"))
                patient.templates = nil
            } else if key == .escape {
                patient.templates = nil
            }
        } else {
            switch key {
            case .escape:
                patient.compose = nil
                stack[stack.count - 1] = .patient(patient)
                draftChanged = true
                saveDraft(editor, patientID: patient.record.patient.id)
                if !editor.text.isEmpty { state.say(m.draftKept) }
                return
            case .control("s"):
                if MessageText.refusal(editor.text) == .empty {
                    patient.composeRefusal = m.empty
                } else {
                    send(editor, to: patient.record.patient.id)
                    patient.compose = nil
                    stack[stack.count - 1] = .patient(patient)
                    reloadPatient()
                    return
                }
            case .control("t"): patient.templates = settings.replyTemplates
            case .control("w"): editor.deleteWordBack()
            case .control("a"), .home: editor.rowStart()
            case .control("e"), .end: editor.rowEnd()
            case .enter: editor.insert("\n")
            case .backspace: editor.backspace()
            case .delete: editor.deleteForward()
            case .left: editor.left()
            case .right: editor.right()
            case .up: editor.up()
            case .down: editor.down()
            case .controlLeft: editor.wordLeft()
            case .controlRight: editor.wordRight()
            case .character(let c): editor.insert(String(c))
            default: break
            }
        }
        if case .tooLong(let leftOut)? = editor.refusal {
            patient.composeRefusal = m.tooLong.replacingOccurrences(of: "%d", with: String(leftOut))
        }
        if editor != patient.compose { draftChanged = true }
        patient.compose = editor
        stack[stack.count - 1] = .patient(patient)
    }

    /// Into the outbox, before anything touches the network; the sync loop delivers it.
    private func send(_ editor: ComposeEditor, to patientID: String) {
        do {
            try cache.queueMessage(to: patientID, text: editor.text, by: nurse, inResponseTo: editor.inResponseTo, at: state.now)
            draftChanged = false
            state.say(MessageStrings.of(state.language).queued)
        } catch {
            state.say("\(error)")
        }
    }

    /// Saves what is being written, once per batch of keys (a paste is one batch).
    func saveDraft() {
        guard draftChanged, case .patient(let patient) = stack.last, let editor = patient.compose else { return }
        saveDraft(editor, patientID: patient.record.patient.id)
    }

    private func saveDraft(_ editor: ComposeEditor, patientID: String) {
        guard draftChanged else { return }
        draftChanged = false
        do {
            try cache.saveDraft(for: patientID, text: editor.text, inResponseTo: editor.inResponseTo, at: state.now)
        } catch {
            state.say("\(error)")
        }
    }

    func resendFailed() {
        guard case .patient(let patient) = stack.last else { return }
        let m = MessageStrings.of(state.language)
        guard let failed = patient.record.messages.last(where: { $0.status == .failed }) else {
            state.say(m.nothingToRetry)
            return
        }
        do {
            try cache.retryMessage(id: failed.id)
            state.say(m.retried)
        } catch {
            state.say(CacheDatabase.reason(error))
        }
        reloadPatient()
    }

    /// The messages tab is on screen: the patient's messages count as opened at this workstation.
    func messagesShown() {
        guard case .patient(let patient) = stack.last, patient.tab == .messages,
              patient.record.messages.contains(where: { $0.direction == .fromPatient && $0.seenByCentre == nil })
        else { return }
        let unseen = patient.record.messages.filter { $0.direction == .fromPatient && $0.seenByCentre == nil }.map(\.id)
        updatePatient { $0.newMessages.formUnion(unseen) }
        do {
            try cache.markMessagesSeen(of: patient.record.patient.id, at: state.now)
        } catch {
            state.say(CacheDatabase.reason(error))
        }
        reloadPatient()
    }
}
