import Foundation
import VardeDomain
import VardeStore
import VardeTerminal

/// The message editor inside the patient view: every key goes to it while it is open.
extension PatientLayer {
    /// Opens the editor with the patient's draft, if there is one.
    mutating func openEditor(text: String?, inResponseTo draftAnswering: String?, reply: Bool, width: Int) {
        let answering = reply ? state.record.messages.last { $0.direction == .fromPatient }?.id : nil
        state.tab = .messages
        state.threadScroll = 0
        state.compose = ComposeEditor(text: text ?? "", width: ComposeView.textWidth(width),
                                      inResponseTo: answering ?? draftAnswering)
    }

    mutating func type(_ key: Key, _ model: inout ConsoleModel) -> [Effect]? {
        guard var editor = state.compose else { return nil }
        let m = MessageStrings.of(model.context.language)
        state.composeRefusal = nil
        if let templates = state.templates {
            if case .character(let c) = key, let digit = c.wholeNumberValue, templates.prefix(9).indices.contains(digit - 1) {
                let p = state.record.patient
                editor.insert(templates[digit - 1].filled(givenName: p.givenName, fullName: "\(p.givenName) \(p.familyName)"))
                state.templates = nil
            } else if key == .escape {
                state.templates = nil
            }
        } else {
            switch key {
            case .escape:
                state.compose = nil
                model.draftDirty = false
                if !editor.text.isEmpty { model.say(m.draftKept) }
                return [.saveDraft(patientID: patientID, text: editor.text, inResponseTo: editor.inResponseTo)]
            case .control("s"):
                if MessageText.refusal(editor.text) == .empty {
                    state.composeRefusal = m.empty
                } else {
                    // The editor closes; it comes back with the text if the outbox cannot take it.
                    model.sending = (patientID, editor)
                    state.compose = nil
                    // Answered: what was new in the thread has been read.
                    state.newMessages = []
                    return [.sendMessage(patientID: patientID, text: editor.text, inResponseTo: editor.inResponseTo)]
                }
            case .control("t"): state.templates = model.context.settings.replyTemplates
            default: _ = editor.edit(key)
            }
        }
        if case .tooLong(let leftOut)? = editor.refusal {
            state.composeRefusal = m.tooLong.replacingOccurrences(of: "%d", with: String(leftOut))
        }
        if editor != state.compose { model.draftDirty = true }
        state.compose = editor
        return []
    }
}
