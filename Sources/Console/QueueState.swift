import Foundation
import VardeDomain
import VardeStore

/// What the queue screen shows: the window of rows the cache last gave, the selection, the filters,
/// the clock, the connection. The rows themselves are read by the cache around the selection
/// (`QueueWindowRequest`); moving, filtering and scrolling change the request.
public struct QueueState: Sendable {
    /// The rows around the selection and the queue's figures, as last read.
    public private(set) var window = QueueWindow()
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
    /// The selected row's place in the (filtered) queue, and the first row on screen.
    public var selected = 0
    public var top = 0
    /// Which row the next read selects: the selected alert, moved by what the operator did since.
    public private(set) var anchor = QueueAnchor.first
    /// Per zone, the `raisedAt` at or before which an alert is overdue now (see `refreshCutoffs`).
    public private(set) var overdueCutoffs: [Zone: Double] = [:]
    public var now: Date
    public var sync: SyncState?
    /// The console's own sync is filling the cache for the first time (nothing has succeeded yet).
    public var firstSync = false
    public var language: Language
    /// Rows given in memory rather than read from a cache (fixtures and tests of drawing).
    private var local: [QueueEntry]?

    /// When the console started and when the newest measurement arrived: the header says when data is stale.
    public var freshness: DataFreshness
    /// Stored measurements with a code Varde does not know, kept as "other" (the status line counts them).
    public var otherMeasurements = 0

    /// With `entries`, the queue holds those rows in memory (in the order given) instead of reading a cache.
    public init(entries: [QueueEntry]? = nil, now: Date, sync: SyncState? = nil, language: Language = .nb) {
        freshness = DataFreshness(startedAt: now)
        self.now = now
        self.sync = sync
        self.language = language
        if let entries { update(entries) }
    }

    /// A queue row's words as the filter searches them: patient, municipality and finding, or for a
    /// patient who blocked the operator only the words the row shows.
    public static let rowText: QueueRowText = { entry, code in
        let f = code == Language.en.rawValue ? rowFormatting.en : rowFormatting.nb
        if entry.isBlocked { return f.strings.blockedPatient }
        return "\(entry.patientName) \(entry.municipality.name) \(entry.municipality.number) " + f.finding(entry)
    }

    /// Made once: a catalogue copied per row costs more than the row's words.
    private static let rowFormatting = (nb: Formatting(.nb), en: Formatting(.en))

    /// What the next read of the queue asks for: the filter, the anchor, `margin` rows each way.
    public func request(margin: Int, redSince: Date) -> QueueWindowRequest {
        var request = QueueWindowRequest()
        let inverted = filter.hasPrefix("!")
        let words = Self.fold(String(inverted ? filter.dropFirst() : Substring(filter)).trimmingCharacters(in: .whitespaces))
        request.filter = QueueFilter(zone: zoneFilter, owner: onlyMine ? (me ?? "") : nil, municipality: municipalityFilter.map(Self.fold),
                                     words: words, inverted: inverted && !words.isEmpty, language: words.isEmpty ? "" : language.rawValue)
        request.anchor = anchor
        request.margin = margin
        request.overdueCutoffs = overdueCutoffs
        request.redSince = redSince.timeIntervalSince1970
        return request
    }

    /// Takes in a read of the window. A read asked for before the operator moved on keeps her place:
    /// the rows are taken, the selection stays where she put it.
    public mutating func take(_ fresh: QueueWindow, askedWith asked: QueueAnchor) {
        window = fresh
        if asked == anchor {
            selected = fresh.selected ?? 0
            // From now on the selection is its alert: rows arriving above it do not move it.
            if let key = fresh.selectedKey { anchor = .key(key, offset: 0) }
        } else if case .key(let key, 0) = anchor, let index = fresh.rows.firstIndex(where: { $0.alertID == key.alertID }) {
            selected = fresh.start + index
        }
        selected = min(selected, max(0, count - 1))
    }

    /// Replaces the rows held in memory (fixtures and tests), keeping the same alert selected if it is still there.
    public mutating func update(_ entries: [QueueEntry]) {
        local = entries
        relocal()
    }

    /// Reads the rows held in memory again as the cache would give them.
    private mutating func relocal() {
        guard let local else { return }
        if overdueCutoffs.isEmpty { refreshCutoffs(force: true) }
        let asked = anchor
        take(QueueWindow.local(local, request(margin: local.count, redSince: .distantFuture), rowText: Self.rowText), askedWith: asked)
    }

    /// How many rows pass the filter (only those around the selection are read; see `window`).
    public var count: Int { window.shown.total }

    /// The rows read, in queue order (all of them for rows held in memory).
    public var entries: [QueueEntry] { window.rows }

    /// The row at a place, if it was read.
    public func row(at position: Int) -> QueueEntry? { window.row(at: position) }

    /// The selected row, if it was read.
    public var selectedEntry: QueueEntry? { window.row(at: selected) }

    public mutating func setOnlyMine(_ mine: Bool) {
        onlyMine = mine
        filterChanged()
    }

    /// Shows only one zone (nil: all).
    public mutating func setZoneFilter(_ zone: Zone?) {
        zoneFilter = zone
        filterChanged()
    }

    /// Shows only one municipality's rows (nil or empty: all).
    public mutating func setMunicipalityFilter(_ name: String?) {
        municipalityFilter = name.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
        filterChanged()
    }

    /// Removes the text filter, the municipality and the zone (not `:mine`, which is a way of working).
    public mutating func clearFilters() {
        filter = ""
        zoneFilter = nil
        municipalityFilter = nil
        filterChanged()
    }

    /// Sets the filter and shows only the matching rows.
    public mutating func setFilter(_ text: String) {
        filter = text
        filterChanged()
    }

    /// The selection stays on its alert where the new filter keeps it (on the row after its place where not).
    private mutating func filterChanged() {
        if let entry = selectedEntry { anchor = .key(QueueKey(entry), offset: 0) }
        relocal()
    }

    /// The language changed: the words filter matches the findings in the new words.
    public mutating func languageChanged() { relocal() }

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

    /// Case and accents ignored, and ø/æ typed as o/ae match too (any keyboard finds Bodø).
    public static func fold(_ text: String) -> String { TextFolding.fold(text) }

    /// Moves the selection; the next read brings the rows around it (at once where they were read already).
    public mutating func move(by delta: Int) {
        guard count > 0 else { return }
        moveTo(selected + delta)
    }

    public mutating func moveTo(_ index: Int) {
        guard count > 0 else { return }
        let target = min(max(0, index), count - 1)
        if target == 0 {
            anchor = .first
        } else if target == count - 1 {
            anchor = .last
        } else if let row = window.row(at: target) {
            anchor = .key(QueueKey(row), offset: 0)
        } else if case .key(let key, let offset) = anchor {
            anchor = .key(key, offset: offset + target - selected)
        } else if let row = window.rows.first {
            anchor = .key(QueueKey(row), offset: target - window.start)
        }
        selected = target
        relocal()
    }

    /// Selects this alert (the new-red banner's `!`); the next read finds its place.
    public mutating func select(_ entry: QueueEntry) {
        anchor = .key(QueueKey(entry), offset: 0)
        if let index = window.rows.firstIndex(where: { $0.alertID == entry.alertID }) { selected = window.start + index }
        relocal()
    }

    /// Whether the filters keep this row (the same test the cache's read makes).
    public func keeps(_ entry: QueueEntry) -> Bool {
        let window = QueueWindow.local([entry], request(margin: 1, redSince: .distantFuture), rowText: Self.rowText)
        return window.shown.total == 1
    }

    /// Scrolls so that the selection is among the `visibleRows` rows shown.
    public mutating func scroll(visibleRows: Int) {
        guard visibleRows > 0 else { return }
        if selected < top { top = selected }
        if selected >= top + visibleRows { top = selected - visibleRows + 1 }
        top = max(0, min(top, max(0, count - visibleRows)))
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

    /// Whether the row is past its response target: by the zone's cut-off when there is one (the same the
    /// read counted by, and no calendar walk per row and frame), else by the calendar.
    public func isOverdue(_ entry: QueueEntry) -> Bool {
        if let cutoff = overdueCutoffs[entry.zone] { return entry.raisedAt.timeIntervalSince1970 <= cutoff }
        return targets.isOverdue(zone: entry.zone == .green ? nil : entry.zone, raisedAt: entry.raisedAt, now: now, hours: serviceHours)
    }

    /// Computes each zone's overdue cut-off for `now` when it has moved past the next row's (or when
    /// `force`d): between, the figures the last read gave stay true and nothing is read again.
    public mutating func refreshCutoffs(force: Bool = false) {
        let stale = force || overdueCutoffs.isEmpty || window.nextOverdue.contains { zone, raisedAt in
            isOverdue(zone: zone, raisedAt: raisedAt)
        }
        guard stale else { return }
        var cutoffs: [Zone: Double] = [:]
        for zone in Zone.allCases { cutoffs[zone] = cutoff(zone) }
        overdueCutoffs = cutoffs
        relocal()
    }

    private func isOverdue(zone: Zone, raisedAt: Double) -> Bool {
        targets.isOverdue(zone: zone == .green ? nil : zone, raisedAt: Date(timeIntervalSince1970: raisedAt), now: now, hours: serviceHours)
    }

    /// The latest `raisedAt` that is overdue now (waiting longer never makes an alert less overdue):
    /// found by doubling back from now, then bisection to a millisecond.
    func cutoff(_ zone: Zone) -> Double {
        let end = now.timeIntervalSince1970
        var step = 60.0
        while !isOverdue(zone: zone, raisedAt: end - step) {
            step *= 2
            if step > 800 * 86_400 { return -.infinity }
        }
        var low = end - step, high = end - step / 2
        if isOverdue(zone: zone, raisedAt: high) { low = high; high = end + 1 }
        while high - low > 0.001 {
            let mid = (low + high) / 2
            if isOverdue(zone: zone, raisedAt: mid) { low = mid } else { high = mid }
        }
        return low
    }

    /// Counts the header shows: the filtered queue's.
    public var counts: QueueCounts { QueueCounts(red: window.shown.red, yellow: window.shown.yellow) }
    public var overdueCount: Int { window.shown.overdue }
}
