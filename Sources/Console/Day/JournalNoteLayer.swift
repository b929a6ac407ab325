import Foundation
import VardeDomain
import VardeStore
import VardeTerminal

/// The journal note on the stack: composed after resolving an alert (or correcting its note), or a free
/// note (`:notat`). The nurse edits it; Ctrl-s puts it into the outbox (the sync delivers it once),
/// Ctrl-y copies it through OSC 52, Esc asks before throwing away an edited note. Once saved it shows
/// where it is on its way to the service, read from the snapshot; `r` sends a refused note again.
struct JournalNoteLayer: ConsoleLayer {
    /// The longest note kept (typing beyond it is refused and said).
    static let limit = 50_000

    var draft: NoteDraft
    /// The text as composed, to tell an edited note from an untouched one.
    let composed: String
    var editor: ComposeEditor
    /// The note as the outbox holds it, once saved (its status and refusal from the latest snapshot).
    var saved: JournalNote?
    var saving = false
    var confirmingDiscard = false
    var scroll = 0
    /// Said in the box's lower edge until the next key (a refusal of the editor).
    var notice: String?
    var context: CommandContext { .note }

    init(draft: NoteDraft, text: String, width: Int) {
        self.draft = draft
        composed = text
        editor = ComposeEditor(text: text, width: JournalNoteView.textWidth(width), limit: Self.limit)
    }

    var edited: Bool { editor.text != composed }

    static let commands: [LayerCommand<JournalNoteLayer>] = [
        LayerCommand(.saveNote, unavailable: { n, m in n.whyNotSave(m) }) { n, m in
            n.saving = true
            m.say(NoteStrings.of(m.context.language).saving)
            return [.saveJournalNote(JournalNote(patientID: n.draft.patientID, alertKey: n.draft.alertKey, author: m.context.nurse,
                                                 written: m.context.now, text: n.editor.text, replaces: n.draft.replaces))]
        },
        LayerCommand(.copyNote) { n, m in
            let s = NoteStrings.of(m.context.language)
            guard let sequence = Clipboard.osc52(n.editor.text) else {
                let bytes = n.editor.text.utf8.count
                m.say(bytes == 0 ? s.empty : s.tooLongToCopy.replacingOccurrences(of: "%1", with: String((bytes + 999) / 1000))
                    .replacingOccurrences(of: "%2", with: String(Clipboard.maximumBytes / 1000)))
                return []
            }
            m.say(DayStrings.of(m.context.language).copied)
            return [.copy(sequence)]
        },
        LayerCommand(.resendNote, unavailable: { n, m in
            n.saved?.status == .failed ? nil : NoteStrings.of(m.context.language).onlyRefused
        }) { n, _ in
            guard let id = n.saved?.id else { return [] }
            return [.retryJournalNote(id: id)]
        },
        LayerCommand(.noteDown) { n, m in
            n.scroll = min(n.scroll + 1, JournalNoteView.lastScroll(n.editor.text, width: m.context.width, height: m.context.height))
            return []
        },
        LayerCommand(.noteUp) { n, _ in n.scroll = max(0, n.scroll - 1); return [] },
        LayerCommand(.leaveNote) { n, m in
            if n.saved == nil, !n.saving, n.edited {
                n.confirmingDiscard = true
                m.queue.message = nil // the question takes the status line
                return []
            }
            if n.saved == nil, !n.saving { m.say(NoteStrings.of(m.context.language).closedUnsaved) }
            m.closeCurrent = true
            return []
        },
    ]

    func whyNotSave(_ model: ConsoleModel) -> String? {
        let s = NoteStrings.of(model.context.language)
        if saved != nil { return s.alreadySaved }
        if saving { return s.saving }
        if editor.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return s.empty }
        if draft.isFree, !edited { return s.unchanged }
        return nil
    }

    /// Editing keys go to the text until the note is saved; the note's own commands (Ctrl-s, Ctrl-y,
    /// Esc, as the keymap names them) go to the keymap. A key that does nothing here says so.
    mutating func type(_ key: Key, _ model: inout ConsoleModel) -> [Effect]? {
        let s = NoteStrings.of(model.context.language)
        if confirmingDiscard {
            switch key {
            case .character("j"), .character("J"), .character("y"), .character("Y"):
                model.say(s.discarded)
                model.closeCurrent = true
            case .character("n"), .character("N"), .escape: confirmingDiscard = false
            default: model.say(s.discardHelp)
            }
            return []
        }
        guard saved == nil, !saving else { return nil }
        if let command = model.context.keymap.command(for: key, in: .note), [.saveNote, .copyNote, .leaveNote].contains(command.id) {
            return nil
        }
        notice = nil
        editor.width = JournalNoteView.textWidth(model.context.width)
        if !editor.edit(key) {
            model.say(s.notForThisKey.replacingOccurrences(of: "%@", with: KeyLabel.of(key)))
            return []
        }
        if case .tooLong(let leftOut)? = editor.refusal {
            notice = s.tooLong.replacingOccurrences(of: "%d", with: String(leftOut))
        }
        return []
    }

    func ask(_ request: inout ConsoleReadRequest) {
        if let saved { request.journalNoteIDs.append(saved.id) }
    }

    mutating func take(_ snapshot: ConsoleSnapshot, _ model: inout ConsoleModel) -> [Effect] {
        if saved == nil, draft.replaces != nil, case .success(let record?)? = snapshot.read.patient,
           let open = record.openAlert, open.key == draft.alertKey, let owner = open.owner, owner != model.context.nurse {
            // A colleague reopened the alert first: the correction did not reach the service.
            notice = NoteStrings.of(model.context.language).correctionOverruled.replacingOccurrences(of: "%@", with: owner)
        }
        guard let id = saved?.id, case .success(let notes) = snapshot.read.journalNotes,
              let stored = notes.first(where: { $0.id == id }) else { return [] }
        saved = stored
        return []
    }

    func render(_ model: ConsoleModel, below: ScreenBuffer?) -> ScreenBuffer {
        let (width, height, language, now) = (model.context.width, model.context.height, model.context.language, model.context.now)
        let s = NoteStrings.of(language)
        if let saved {
            return JournalNoteView.render(text: saved.text, patientName: draft.patientName, freeNote: draft.isFree,
                                          delivery: .saved(saved.status, failure: saved.failure), notice: notice, scroll: scroll,
                                          width: width, height: height, language: language, now: now)
                .withHints(saved.status == .failed ? s.failedHints : s.savedHints, width: width, height: height)
        }
        var drawn = editor
        drawn.width = JournalNoteView.textWidth(width)
        return JournalNoteView.render(editor: drawn, patientName: draft.patientName, freeNote: draft.isFree, notice: notice,
                                      hints: confirmingDiscard ? s.discardPrompt : nil, width: width, height: height,
                                      language: language, now: now)
    }
}

extension ScreenBuffer {
    /// The buffer with its last row (the key hints) replaced.
    func withHints(_ hints: String, width: Int, height: Int) -> ScreenBuffer {
        guard width >= QueueScreen.minimumSize.width, height >= QueueScreen.minimumSize.height else { return self }
        var buffer = self
        buffer.fill(row: height - 1, style: Style(.statusBar))
        buffer.put(DisplayWidth.fit(hints, width), x: 0, y: height - 1, style: Style(.statusBar))
        return buffer
    }
}
