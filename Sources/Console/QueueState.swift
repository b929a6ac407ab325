import Foundation
import VardeDomain
import VardeStore

/// What the queue screen shows: the entries, the selection, the clock, the connection.
public struct QueueState: Sendable {
    /// The rows shown: every open alert that passes the filter.
    public private(set) var entries = QueueRows([])
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
    /// How long the message stays once it is on screen.
    public var messageSeconds: TimeInterval = 4
    public var selected = 0
    public var top = 0
    public var now: Date
    public var sync: SyncState?
    /// The console's own sync is filling the cache for the first time (nothing has succeeded yet).
    public var firstSync = false
    public var language: Language
    /// Each row's filter text, folded once rather than on every update.
    var foldedText = FoldedText()

    /// When the console started and when the newest measurement arrived: the header says when data is stale.
    public var freshness: DataFreshness
    /// Stored measurements with a code Varde does not know, kept as "other" (the status line counts them).
    public var otherMeasurements = 0

    public init(entries: [QueueEntry] = [], now: Date, sync: SyncState? = nil, language: Language = .nb) {
        self.entries = QueueRows(entries)
        allEntries = entries
        freshness = DataFreshness(startedAt: now)
        self.now = now
        self.sync = sync
        self.language = language
    }

    /// Replaces the entries, keeping the same alert selected if it is still there.
    public mutating func update(_ fresh: [QueueEntry]) {
        let selectedID = entries.indices.contains(selected) ? entries.alertID(at: selected) : nil
        allEntries = fresh
        let municipality = municipalityFilter.map(Self.fold)
        let narrowed = zoneFilter != nil || onlyMine || municipality != nil
        let matching = filter.isEmpty ? nil : Self.apply(filter, to: fresh, language: language, folded: &foldedText)
        if !narrowed {
            entries = QueueRows(fresh, kept: matching)
        } else {
            // Index loops read one field in place; closures over elements would copy every (large) row.
            let (zone, onlyMine, me) = (zoneFilter, onlyMine, me)
            // Folding is slow and a queue names a few hundred municipalities: each name is folded once.
            var isMunicipality: [String: Bool] = [:]
            func inMunicipality(_ index: Int) -> Bool {
                guard let municipality else { return true }
                if fresh[index].municipality.number == municipality { return true }
                let name = fresh[index].municipality.name
                if let known = isMunicipality[name] { return known }
                let matches = Self.fold(name) == municipality
                isMunicipality[name] = matches
                return matches
            }
            func keeps(_ index: Int) -> Bool {
                (zone == nil || fresh[index].zone == zone)
                    && (!onlyMine || (fresh[index].owner != nil && fresh[index].owner == me)) && inMunicipality(index)
            }
            entries = QueueRows(fresh, kept: matching.map { $0.filter(keeps) } ?? fresh.indices.filter(keeps))
        }
        if let selectedID, let index = entries.indices.first(where: { entries.alertID(at: $0) == selectedID }) {
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

    /// Shows `text` in the status line for a few seconds, counted from when it is first drawn: on a
    /// slow link or a busy machine the frame that carries it may come late.
    public mutating func say(_ text: String, for seconds: TimeInterval = 4) {
        message = text
        messageSeconds = seconds
        messageUntil = .distantFuture
    }

    /// A frame with the message went out at `time`: from now it has its few seconds.
    public mutating func messageDrawn(at time: Date) {
        if message != nil, messageUntil == .distantFuture { messageUntil = time.addingTimeInterval(messageSeconds) }
    }

    /// Sets the filter and shows only the matching rows.
    public mutating func setFilter(_ text: String) {
        filter = text
        let current = allEntries
        update(current)
    }

    /// Case and accents ignored, and ø/æ typed as o/ae match too (any keyboard finds Bodø).
    public static func fold(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .replacingOccurrences(of: "ø", with: "o").replacingOccurrences(of: "æ", with: "ae")
    }

    /// The places of the rows whose patient, municipality or finding contain the filter (folded), or
    /// with `!` do not; nil when the filter holds no words and keeps every row.
    static func apply(_ filter: String, to entries: [QueueEntry], language: Language, folded: inout FoldedText) -> [Int]? {
        let inverted = filter.hasPrefix("!")
        let needle = fold(String(inverted ? filter.dropFirst() : Substring(filter)).trimmingCharacters(in: .whitespaces))
        guard !needle.isEmpty else { return nil }
        // The catalogue is only touched for rows not folded before: copying it per row costs more than the search.
        return folded.places(in: entries, containing: Array(needle.utf8), inverted: inverted, language: language) { entry in
            entry.isBlocked ? fold(language.strings.blockedPatient) : fold("\(entry.patientName) \(entry.municipality.name) \(entry.municipality.number) "
                 + Formatting(language).finding(entry))
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
    /// Resources the sync set aside (shown in the status line; `:karantene` lists them).
    public var quarantined = 0
    public var targets = ResponseTargets()

    /// Whether the queue on screen can be trusted to be current (checked on every frame: no database read).
    public var staleness: Staleness {
        StalenessRule.judge(now: now, startedAt: freshness.startedAt, lastSync: sync?.lastSuccessAt,
                            lastArrival: freshness.lastArrival, limits: freshness.limits, hours: serviceHours)
    }

    public func isOverdue(_ entry: QueueEntry) -> Bool {
        targets.isOverdue(zone: entry.zone == .green ? nil : entry.zone, raisedAt: entry.raisedAt, now: now, hours: serviceHours)
    }

    /// Inside each zone the rows run from longest waiting, and waiting longer never makes an alert
    /// less overdue: the overdue rows of a zone are a prefix of it, found by bisection rather than by
    /// asking the calendar about every one of fifty thousand rows.
    public var overdueCount: Int {
        // Rows are read where they lie among all alerts: a row at a time through the collection costs more.
        let all = entries.all
        var total = 0
        var start = 0
        while start < entries.count {
            let zone = all[entries.place(start)].zone
            var end = start
            while end < entries.count, all[entries.place(end)].zone == zone { end += 1 }
            if end - start > 64, Self.isSortedByRaisedAt(entries, start..<end) {
                var low = start, high = end
                while low < high {
                    let mid = (low + high) / 2
                    if isOverdue(all[entries.place(mid)]) { low = mid + 1 } else { high = mid }
                }
                total += low - start
            } else {
                for position in start..<end where isOverdue(all[entries.place(position)]) { total += 1 }
            }
            start = end
        }
        return total
    }

    public var counts: QueueCounts {
        let all = entries.all
        var counts = QueueCounts()
        for position in entries.indices {
            switch all[entries.place(position)].zone {
            case .red: counts.red += 1
            case .yellow: counts.yellow += 1
            case .green: break
            }
        }
        return counts
    }

    /// Whether the bisection's premise holds (the queue's own order guarantees it; hand-made lists may not).
    static func isSortedByRaisedAt(_ entries: QueueRows, _ range: Range<Int>) -> Bool {
        let all = entries.all
        guard var previous = range.first.map({ all[entries.place($0)].raisedAt }) else { return true }
        for position in range.dropFirst() {
            let raisedAt = all[entries.place(position)].raisedAt
            if previous > raisedAt { return false }
            previous = raisedAt
        }
        return true
    }
}
