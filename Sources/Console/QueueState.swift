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
    /// How long the message stays once it is on screen.
    public var messageSeconds: TimeInterval = 4
    public var selected = 0
    public var top = 0
    public var now: Date
    public var sync: SyncState?
    public var language: Language
    /// Each row's filter text, folded once rather than on every update.
    var foldedText = FoldedText()

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
        let narrowed = zoneFilter != nil || onlyMine || municipality != nil
        let matching = filter.isEmpty ? fresh : Self.apply(filter, to: fresh, language: language, folded: &foldedText)
        entries = !narrowed ? matching : matching.filter { entry in
            (zoneFilter == nil || entry.zone == zoneFilter)
                && (!onlyMine || (entry.owner != nil && entry.owner == me))
                && (municipality.map { Self.fold(entry.municipality.name) == $0 || entry.municipality.number == $0 } ?? true)
        }
        // Index loops read one field in place; closures over elements would copy every (large) row.
        if let selectedID, let index = entries.indices.first(where: { entries[$0].alertID == selectedID }) {
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

    static func apply(_ filter: String, to entries: [QueueEntry], language: Language) -> [QueueEntry] {
        var folded = FoldedText()
        return apply(filter, to: entries, language: language, folded: &folded)
    }

    /// The rows whose patient, municipality or finding contain the filter (folded), or with `!` do not.
    static func apply(_ filter: String, to entries: [QueueEntry], language: Language, folded: inout FoldedText) -> [QueueEntry] {
        let inverted = filter.hasPrefix("!")
        let needle = fold(String(inverted ? filter.dropFirst() : Substring(filter)).trimmingCharacters(in: .whitespaces))
        guard !needle.isEmpty else { return entries }
        folded.prepare(language: language, count: entries.count)
        let needleBytes = Array(needle.utf8)
        // The catalogue is only touched for rows not folded before: copying it per row costs more than the search.
        let make = { (entry: QueueEntry) in
            entry.isBlocked ? fold(language.strings.blockedPatient) : fold("\(entry.patientName) \(entry.municipality.name) \(entry.municipality.number) "
                 + Formatting(language).finding(entry))
        }
        var result: [QueueEntry] = []
        result.reserveCapacity(entries.count)
        for index in entries.indices {
            let haystack = folded.text(for: entries, index, make)
            if FoldedText.contains(haystack, needleBytes) != inverted { result.append(entries[index]) }
        }
        return result
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

    public func isOverdue(_ entry: QueueEntry) -> Bool {
        targets.isOverdue(zone: entry.zone == .green ? nil : entry.zone, raisedAt: entry.raisedAt, now: now, hours: serviceHours)
    }

    /// Inside each zone the rows run from longest waiting, and waiting longer never makes an alert
    /// less overdue: the overdue rows of a zone are a prefix of it, found by bisection rather than by
    /// asking the calendar about every one of fifty thousand rows.
    public var overdueCount: Int {
        var total = 0
        var start = 0
        while start < entries.count {
            let zone = entries[start].zone
            var end = start
            while end < entries.count, entries[end].zone == zone { end += 1 }
            if end - start > 64, Self.isSortedByRaisedAt(entries, start..<end) {
                var low = start, high = end
                while low < high {
                    let mid = (low + high) / 2
                    if isOverdue(entries[mid]) { low = mid + 1 } else { high = mid }
                }
                total += low - start
            } else {
                total += entries[start..<end].reduce(0) { $0 + (isOverdue($1) ? 1 : 0) }
            }
            start = end
        }
        return total
    }

    public var counts: QueueCounts {
        var counts = QueueCounts()
        for index in entries.indices {
            switch entries[index].zone {
            case .red: counts.red += 1
            case .yellow: counts.yellow += 1
            case .green: break
            }
        }
        return counts
    }

    /// Whether the bisection's premise holds (the queue's own order guarantees it; hand-made lists may not).
    static func isSortedByRaisedAt(_ entries: [QueueEntry], _ range: Range<Int>) -> Bool {
        var index = range.lowerBound + 1
        while index < range.upperBound {
            if entries[index - 1].raisedAt > entries[index].raisedAt { return false }
            index += 1
        }
        return true
    }
}

/// Folded filter texts per alert, reused while the row is unchanged and the language the same.
struct FoldedText: Sendable {
    private var language: Language?
    private var byAlert: [Int64: Cached] = [:]

    /// What the folded text was made from: the row's words, and what could change them. A class, so
    /// that a lookup costs one reference count rather than one per field.
    private final class Cached: @unchecked Sendable {
        let name: String
        let municipality: String
        let trigger: String?
        let message: String?
        let missing: Int
        let text: [UInt8]

        init(name: String, municipality: String, trigger: String?, message: String?, missing: Int, text: [UInt8]) {
            self.name = name
            self.municipality = municipality
            self.trigger = trigger
            self.message = message
            self.missing = missing
            self.text = text
        }
    }

    mutating func prepare(language: Language, count: Int) {
        if self.language != language || byAlert.count > 2 * count + 1024 { byAlert.removeAll(keepingCapacity: true) }
        self.language = language
    }

    /// Row `index`'s folded text as UTF-8 bytes, made by `make` only when the row's words changed.
    /// Fields are read in place: copying fifty thousand rows would cost more than the search.
    mutating func text(for entries: [QueueEntry], _ index: Int, _ make: (QueueEntry) -> String) -> [UInt8] {
        let id = entries[index].alertID
        if let cached = byAlert[id], cached.name == entries[index].patientName,
           cached.municipality == entries[index].municipality.number, cached.trigger == entries[index].trigger?.id,
           cached.message == entries[index].message, cached.missing == entries[index].missing.count {
            return cached.text
        }
        let entry = entries[index]
        let text = Array(make(entry).utf8)
        byAlert[id] = Cached(name: entry.patientName, municipality: entry.municipality.number, trigger: entry.trigger?.id,
                             message: entry.message, missing: entry.missing.count, text: text)
        return text
    }

    /// Substring search on UTF-8 bytes: both sides are folded the same way, and UTF-8 never matches
    /// in the middle of a character, so this equals `String.contains` here at a fraction of its cost.
    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        guard haystack.count >= needle.count else { return false }
        let first = needle[0]
        for start in 0...(haystack.count - needle.count) where haystack[start] == first {
            var index = 1
            while index < needle.count, haystack[start + index] == needle[index] { index += 1 }
            if index == needle.count { return true }
        }
        return false
    }
}
