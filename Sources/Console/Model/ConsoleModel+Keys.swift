import Foundation
import VardeDomain
import VardeStore
import VardeTerminal

/// Keys: first the lock, then the top layer's own typing, then its commands, then the commands
/// that work everywhere; a key that does nothing says why in the status line.
extension ConsoleModel {
    mutating func press(_ key: Key) -> [Effect] {
        if key == .resize { return [] } // a resize is not the operator coming back
        if idleLock.isLocked {
            // Ctrl-l repaints the lock screen too; every other key goes to the PIN.
            if context.keymap.command(for: key, in: .global)?.id == .redraw { return [.repaint] }
            _ = idleLock.press(Self.lockInput(key), now: context.now)
            return []
        }
        _ = idleLock.press(.other, now: context.now)
        if let typed = withTop({ layer, model in layer.type(key, &model) }) { return typed }
        let place = stack.last?.context ?? .queue
        guard let command = context.keymap.command(for: key, in: place) else {
            say(unbound(key, in: place))
            return []
        }
        switch withTop({ layer, model in layer.perform(command.id, &model) }) {
        case .ran(let effects): return effects
        case .refused(let reason):
            say(reason)
            return []
        case .notHere: return everywhere(command)
        }
    }

    static func lockInput(_ key: Key) -> IdleLock.Input {
        switch key {
        case .character(let c) where c.isNumber: .digit(c)
        case .backspace: .erase
        case .enter: .confirm
        default: .other
        }
    }

    /// The commands no layer carries out itself: they work on every screen.
    mutating func everywhere(_ command: ConsoleCommand) -> [Effect] {
        switch command.id {
        case .quit: return (dirtyDraft().map { [$0] } ?? []) + [.quit]
        case .help: push(HelpLayer(over: stack.last?.context ?? .queue))
        case .palette: push(PaletteLayer())
        case .lock: idleLock.lock()
        case .redraw: return [.repaint]
        case .showNewRed: showNewRed()
        default:
            if let open = ScreenDirectory.opener(command.id) { return open(&self) }
            say(unbound(command, in: stack.last?.context ?? .queue))
        }
        return []
    }

    /// Goes to the oldest unseen red alert: back to the queue, every filter off, the row selected.
    mutating func showNewRed() {
        guard let alert = redWatch.unseen.first else {
            say(words.noNewRed)
            return
        }
        redWatch.seen(alertID: alert.alertID)
        popToQueue()
        if !queue.keeps(alert) {
            queue.clearFilters()
            queue.setOnlyMine(false)
        }
        queue.select(alert)
    }

    /// Why a key does nothing here: what it does elsewhere, or that it does nothing at all.
    func unbound(_ key: Key, in place: CommandContext) -> String {
        if let elsewhere = context.keymap.commands.first(where: { $0.keys.contains(key) }) {
            return unbound(elsewhere, in: place)
        }
        return words.nothingHere.replacingOccurrences(of: "%@", with: KeyLabel.of(key))
    }

    func unbound(_ command: ConsoleCommand, in place: CommandContext) -> String {
        let key = command.keyNames.first ?? command.id.rawValue
        let places = ([command.context] + command.alsoIn).map { CommandRegistry.place($0, context.language) }
        return words.onlyIn.replacingOccurrences(of: "%1", with: key)
            .replacingOccurrences(of: "%2", with: command.description(context.language))
            .replacingOccurrences(of: "%3", with: places.joined(separator: ", "))
    }

    // MARK: - Opening a patient

    /// The selected row, if there is one.
    var selectedEntry: QueueEntry? {
        queue.selectedEntry
    }

    /// Opens the selected patient; the store logs the access in the same write that reads the record.
    mutating func openSelected(tab: PatientTab, compose: Bool = false) -> [Effect] {
        guard let entry = selectedEntry else {
            say(words.noRow)
            return []
        }
        if entry.isBlocked {
            say(refusal(.blocked))
            return []
        }
        let opening = entry.basis == .message && entry.trigger == nil && tab == .trends ? .messages : tab
        composeOnOpen = compose ? entry.patientID : nil
        return [.openPatient(patientID: entry.patientID, tab: opening)]
    }

    /// Opens a patient by their id (`varde render --patient`, and the palette).
    public mutating func openPatient(_ patientID: String, tab: PatientTab) -> [Effect] {
        [.openPatient(patientID: patientID, tab: tab)]
    }

    /// A handling step on an alert, from the queue or from the patient view.
    mutating func step(_ step: HandlingStep, alertID: Int64) -> [Effect] {
        [.handle(alertID: alertID, step: step)]
    }

    /// Opens the resolve box for an alert, saying first what resolving would leave behind.
    mutating func startResolving(alertID: Int64, patientName: String, patientID: String, unread: Int, isBlocked: Bool,
                                 owner: String?, messageItem: Bool) {
        if isBlocked {
            say(refusal(.blocked))
            return
        }
        if let owner, owner != context.nurse {
            say(refusal(.claimedBy(owner)))
            return
        }
        var resolving = Resolving(alertID: alertID, patientName: patientName)
        if unread > 0 { resolving.warning = words.unreadWarning(unread, messageItem: messageItem) }
        push(ResolveLayer(resolving: resolving))
    }
}
