import Foundation
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
        if let last = state.sync?.lastSuccessAt {
            let age = state.now.timeIntervalSince(last)
            stale = age > staleAfter
            left += " · " + f.strings.syncedAgo.replacingOccurrences(of: "%@", with: f.age(age))
        } else {
            left += " · \(f.strings.neverSynced)"
        }
        let used = buffer.put(" \(left) ", x: 0, y: y, style: stale ? Style(.warning) : bar)
        // The connection always shows; the count and the hints only as far as they fit.
        if let line = state.paletteLine {
            buffer.put(DisplayWidth.fit(":\(line)▏", buffer.width - used - 1), x: used + 1, y: y, style: Style(.accent, reverse: true))
            return
        }
        if let message = state.message, state.now < state.messageUntil {
            let text = " \(message) "
            let x = max(used + 1, buffer.width - DisplayWidth.of(text))
            buffer.put(DisplayWidth.fit(text, buffer.width - x), x: x, y: y, style: Style(.warning))
            return
        }
        if state.editingFilter || !state.filter.isEmpty {
            let text = " /\(state.filter)\(state.editingFilter ? "▏" : "") (\(state.entries.count)/\(state.allEntries.count)) "
            let x = max(used + 1, buffer.width - DisplayWidth.of(text))
            buffer.put(text, x: x, y: y, style: Style(.accent, reverse: true), maxWidth: buffer.width - x)
            return
        }
        let candidates = ["\(state.entries.count) \(f.strings.openAlerts) │ \(f.strings.hints) ", "\(f.strings.hints) "]
        guard let right = candidates.first(where: { used + 1 + DisplayWidth.of($0) <= buffer.width }) else { return }
        buffer.put(right, x: buffer.width - DisplayWidth.of(right), y: y, style: bar)
    }
}
