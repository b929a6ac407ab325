import Foundation
import VardeDomain
import VardeStore
import VardeTerminal

/// The bottom line: connection and data age on the left, open alerts and key hints on the right.
enum StatusBar {
    /// Data older than this is shown as stale.
    static let staleAfter: TimeInterval = 60

    static func draw(_ buffer: inout ScreenBuffer, state: QueueState, f: Formatting, y: Int) {
        let bar = Style(.statusBar)
        buffer.fill(row: y, style: bar)
        var left: String
        var stale = true
        switch state.sync?.connection {
        case .online?: left = "● \(f.strings.online)"
        case .reconnecting?: left = "◌ \(f.strings.reconnecting)"
        case .offline?, nil: left = "○ \(f.strings.offline)"
        }
        if state.firstSync {
            // Not "offline, never synced" while the first sync is filling the queue.
            left = "◌ " + ModelStrings.of(state.language).firstSync
        } else if let last = state.sync?.lastSuccessAt {
            let age = state.now.timeIntervalSince(last)
            stale = age > staleAfter
            left += " · " + f.strings.syncedAgo.replacingOccurrences(of: "%@", with: f.age(age))
        } else {
            left += " · \(f.strings.neverSynced)"
        }
        if state.sync?.needsLogin == true {
            // The sync stopped for a new login: the console goes on from the cache, outboxes holding.
            left += " · ⚠ " + (state.language == .nb ? "logg inn på nytt (varde login)" : "log in again (varde login)")
            stale = true
        }
        if state.quarantined > 0 {
            left += " · ⚠ \(state.quarantined) " + (state.language == .nb ? "i karantene (:karantene)" : "quarantined (:quarantine)")
        }
        if let future = state.sync?.futureStamped, future > 0 {
            // The server stamps some resources later than its own clock: the sync cannot move past them.
            left += " · ⚠ \(future) " + (state.language == .nb ? "stemplet i fremtiden" : "stamped in the future")
        }
        if state.otherMeasurements > 0 {
            // Measurements with a code Varde does not know are kept, never silent.
            left += " · " + FreshnessStrings.of(state.language).other(state.otherMeasurements)
        }
        if state.outbox > 0 {
            // Undelivered messages are said plainly, most of all while the server cannot be reached.
            left += " · ✉ " + MessageStrings.of(state.language).outbox.replacingOccurrences(of: "%d", with: String(state.outbox))
            stale = stale || state.sync?.connection != .online
        }
        let used = buffer.put(" \(left) ", x: 0, y: y, style: stale ? Style(.warning) : bar)
        // The connection always shows; the count and the hints only as far as they fit.
        if drawPrompt(&buffer, state: state, after: used, y: y) { return }
        if state.editingFilter || state.isFiltered {
            let text = " \(filters(state, f)) (\(state.count)/\(state.window.all.total)) "
            let x = max(used + 1, buffer.width - DisplayWidth.of(text))
            buffer.put(text, x: x, y: y, style: Style(.accent, reverse: true), maxWidth: buffer.width - x)
            return
        }
        let candidates = ["\(state.count) \(f.strings.openAlerts) │ \(f.strings.hints) ", "\(f.strings.hints) "]
        guard let right = candidates.first(where: { used + 1 + DisplayWidth.of($0) <= buffer.width }) else { return }
        buffer.put(right, x: buffer.width - DisplayWidth.of(right), y: y, style: bar)
    }

    /// The palette line being typed, or a recent message, right of `after`; false when there is neither.
    @discardableResult
    static func drawPrompt(_ buffer: inout ScreenBuffer, state: QueueState, after used: Int, y: Int) -> Bool {
        if let line = state.paletteLine {
            buffer.put(DisplayWidth.fit(":\(line)▏", buffer.width - used - 1), x: used + 1, y: y, style: Style(.accent, reverse: true))
            return true
        }
        if let message = state.message, state.now < state.messageUntil {
            let text = " \(message) "
            let x = max(used + 1, buffer.width - DisplayWidth.of(text))
            buffer.put(DisplayWidth.fit(text, buffer.width - x), x: x, y: y, style: Style(.warning))
            return true
        }
        return false
    }

    /// What narrows the queue, in the words that set it: `/bodo · :sone rød · :mine`.
    static func filters(_ state: QueueState, _ f: Formatting) -> String {
        func verb(_ id: CommandID) -> String {
            let verbs = CommandRegistry.all.first { $0.id == id }?.verbs ?? []
            return ":" + ((state.language == .nb ? verbs.first : verbs.dropFirst().first ?? verbs.first) ?? id.rawValue)
        }
        var parts: [String] = []
        if state.editingFilter || !state.filter.isEmpty { parts.append("/\(state.filter)\(state.editingFilter ? "▏" : "")") }
        if let municipality = state.municipalityFilter { parts.append("\(verb(.municipality)) \(municipality)") }
        if let zone = state.zoneFilter {
            parts.append("\(verb(.zone)) \((zone == .red ? f.strings.red : f.strings.yellow).lowercased())")
        }
        if state.onlyMine { parts.append(verb(.mine)) }
        return parts.joined(separator: " · ")
    }
}
