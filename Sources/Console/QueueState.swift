import Foundation
import VardeDomain
import VardeStore

/// What the queue screen shows: the entries, the selection, the clock, the connection.
public struct QueueState: Sendable {
    /// The rows shown: every open alert that passes the filter.
    public private(set) var entries: [QueueEntry] = []
    /// Every open alert, before the filter.
    public private(set) var allEntries: [QueueEntry] = []
    /// The live filter (`/`): matches patient, municipality or measurement; a leading `!` inverts.
    public private(set) var filter = ""
    /// True while the operator types the filter.
    public var editingFilter = false
    /// The operator at this workstation (whose claims are "mine").
    public var me: String?
    /// Only the operator's own claims (`:mine`).
    public private(set) var onlyMine = false
    /// Only this zone (`:sone rød`), or every zone.
    public private(set) var zoneFilter: Zone?
    /// Only this municipality (`:kommune Bodø`, by name or kommunenummer), or every municipality.
    public private(set) var municipalityFilter: String?
    /// The `:` palette line while the operator types it; nil when the palette is closed.
    public var paletteLine: String?
    /// A short confirmation or problem shown in the status line until `messageUntil`.
    public var message: String?
    public var messageUntil = Date.distantPast
    public var selected = 0
    public var top = 0
    public var now: Date
    public var sync: SyncState?
    public var language: Language

    public init(entries: [QueueEntry] = [], now: Date, sync: SyncState? = nil, language: Language = .nb) {
        self.entries = entries
        allEntries = entries
        self.now = now
        self.sync = sync
        self.language = language
    }

    /// Replaces the entries, keeping the same alert selected if it is still there.
    public mutating func update(_ fresh: [QueueEntry]) {
        let selectedID = entries.indices.contains(selected) ? entries[selected].alertID : nil
        allEntries = fresh
        let municipality = municipalityFilter.map(Self.fold)
        entries = Self.apply(filter, to: fresh, language: language).filter { zoneFilter == nil || $0.zone == zoneFilter }
            .filter { !onlyMine || ($0.owner != nil && $0.owner == me) }
            .filter { entry in municipality.map { Self.fold(entry.municipality.name) == $0 || entry.municipality.number == $0 } ?? true }
        if let selectedID, let index = entries.firstIndex(where: { $0.alertID == selectedID }) {
            selected = index
        }
        selected = min(selected, max(0, entries.count - 1))
    }

    public mutating func setOnlyMine(_ mine: Bool) {
        onlyMine = mine
        let current = allEntries
        update(current)
    }

    /// Shows only one zone (nil: all).
    public mutating func setZoneFilter(_ zone: Zone?) {
        zoneFilter = zone
        let current = allEntries
        update(current)
    }

    /// Shows only one municipality's rows (nil or empty: all).
    public mutating func setMunicipalityFilter(_ name: String?) {
        municipalityFilter = name.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
        let current = allEntries
        update(current)
    }

    /// Removes the text filter, the municipality and the zone (not `:mine`, which is a way of working).
    public mutating func clearFilters() {
        filter = ""
        zoneFilter = nil
        municipalityFilter = nil
        let current = allEntries
        update(current)
    }

    /// True when anything narrows the queue.
    public var isFiltered: Bool { !filter.isEmpty || zoneFilter != nil || municipalityFilter != nil || onlyMine }

    /// Shows `text` in the status line for a few seconds.
    public mutating func say(_ text: String, for seconds: TimeInterval = 4) {
        message = text
        messageUntil = now.addingTimeInterval(seconds)
    }

    /// Sets the filter and shows only the matching rows.
    public mutating func setFilter(_ text: String) {
        filter = text
        let current = allEntries
        update(current)
    }

    /// Case and accents ignored, and ø/æ typed as o/ae match too (any keyboard finds Bodø).
    static func fold(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .replacingOccurrences(of: "ø", with: "o").replacingOccurrences(of: "æ", with: "ae")
    }

    static func apply(_ filter: String, to entries: [QueueEntry], language: Language) -> [QueueEntry] {
        let inverted = filter.hasPrefix("!")
        let needle = fold(String(inverted ? filter.dropFirst() : Substring(filter)).trimmingCharacters(in: .whitespaces))
        guard !needle.isEmpty else { return entries }
        let f = Formatting(language)
        return entries.filter { entry in
            let haystack = fold("\(entry.patientName) \(entry.municipality.name) \(entry.municipality.number) "
                                + f.finding(entry))
            return haystack.contains(needle) != inverted
        }
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

    /// When the centre is staffed and how soon alerts must be answered (counted in service hours).
    public var serviceHours = ServiceHours()
    /// Messages written here that the server has not stored yet.
    public var outbox = 0
    public var targets = ResponseTargets()

    public func isOverdue(_ entry: QueueEntry) -> Bool {
        targets.isOverdue(zone: entry.zone == .green ? nil : entry.zone, raisedAt: entry.raisedAt, now: now, hours: serviceHours)
    }

    public var overdueCount: Int { entries.filter(isOverdue).count }

    public var counts: QueueCounts {
        QueueCounts(red: entries.filter { $0.zone == .red }.count, yellow: entries.filter { $0.zone == .yellow }.count)
    }
}
