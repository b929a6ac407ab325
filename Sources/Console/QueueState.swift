import Foundation
import VardeDomain
import VardeStore

/// What the queue screen shows: the entries, the selection, the clock, the connection.
public struct QueueState: Sendable {
    public var entries: [QueueEntry] = []
    public var selected = 0
    public var top = 0
    public var now: Date
    public var sync: SyncState?
    public var language: Language

    public init(entries: [QueueEntry] = [], now: Date, sync: SyncState? = nil, language: Language = .nb) {
        self.entries = entries
        self.now = now
        self.sync = sync
        self.language = language
    }

    /// Replaces the entries, keeping the same alert selected if it is still there.
    public mutating func update(_ fresh: [QueueEntry]) {
        let selectedID = entries.indices.contains(selected) ? entries[selected].alertID : nil
        entries = fresh
        if let selectedID, let index = fresh.firstIndex(where: { $0.alertID == selectedID }) {
            selected = index
        }
        selected = min(selected, max(0, entries.count - 1))
    }

    public mutating func move(by delta: Int) {
        guard !entries.isEmpty else { return }
        selected = min(max(0, selected + delta), entries.count - 1)
    }

    public mutating func moveTo(_ index: Int) {
        guard !entries.isEmpty else { return }
        selected = min(max(0, index), entries.count - 1)
    }

    /// Scrolls so that the selection is among the `visibleRows` rows shown.
    public mutating func scroll(visibleRows: Int) {
        guard visibleRows > 0 else { return }
        if selected < top { top = selected }
        if selected >= top + visibleRows { top = selected - visibleRows + 1 }
        top = max(0, min(top, max(0, entries.count - visibleRows)))
    }

    public var counts: QueueCounts {
        QueueCounts(red: entries.filter { $0.zone == .red }.count, yellow: entries.filter { $0.zone == .yellow }.count)
    }
}
