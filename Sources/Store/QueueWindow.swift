import Foundation
import VardeDomain

/// What narrows the queue. Zone, claimant and municipality are answered by SQL; the words are
/// matched against each row's text as the console shows it (`QueueRowText`).
public struct QueueFilter: Sendable, Equatable {
    /// Only this zone (`:sone rød`).
    public var zone: Zone?
    /// Only the alerts this nurse has claimed (`:mine`).
    public var owner: String?
    /// Only this municipality, folded (`TextFolding.fold`): by name or kommunenummer.
    public var municipality: String?
    /// The filter's words, folded; empty for none.
    public var words = ""
    /// `!` before the words: the rows that do not hold them.
    public var inverted = false
    /// The language the rows' text is matched in (the finding's words are the console's).
    public var language = ""

    public init(zone: Zone? = nil, owner: String? = nil, municipality: String? = nil, words: String = "",
                inverted: Bool = false, language: String = "") {
        self.zone = zone
        self.owner = owner
        self.municipality = municipality
        self.words = words
        self.inverted = inverted
        self.language = language
    }

    /// Nothing narrows the queue.
    public var isEmpty: Bool { zone == nil && owner == nil && municipality == nil && words.isEmpty }
}

/// Where an alert sits in the queue's order: worst zone first, longest waiting first, then its id.
public struct QueueKey: Sendable, Hashable {
    public var zone: Zone
    public var raisedAt: Double
    public var alertID: Int64

    public init(zone: Zone, raisedAt: Double, alertID: Int64) {
        self.zone = zone
        self.raisedAt = raisedAt
        self.alertID = alertID
    }

    public init(_ entry: QueueEntry) {
        self.init(zone: entry.zone, raisedAt: entry.raisedAt.timeIntervalSince1970, alertID: entry.alertID)
    }

    /// Before `other` in the queue.
    public func precedes(_ other: QueueKey) -> Bool {
        if zone != other.zone { return zone > other.zone }
        if raisedAt != other.raisedAt { return raisedAt < other.raisedAt }
        return alertID < other.alertID
    }
}

/// Which row the console's selection is on: kept by its alert, so that rows arriving above it do not move it.
public enum QueueAnchor: Sendable, Equatable {
    case first
    case last
    /// `offset` rows after (negative: before) the alert's place; when the alert is gone, its place is
    /// taken by the row that now follows it.
    case key(QueueKey, offset: Int)
}

/// The queue's part of the console's read: the rows around the selection, and the figures.
public struct QueueWindowRequest: Sendable, Equatable {
    public var filter = QueueFilter()
    public var anchor = QueueAnchor.first
    /// Rows read before and after the selected one (a screen's height each way covers every scroll).
    public var margin = 60
    /// Per zone: alerts raised at or before this time are overdue (computed from the service hours).
    public var overdueCutoffs: [Zone: Double] = [:]
    /// Red alerts raised since then are read in full, whatever the filter (the new-red banner).
    public var redSince: Double = .infinity

    public init() {}
}

/// How many rows, per zone, and how many of them are overdue.
public struct QueueFigures: Sendable, Equatable {
    public var red = 0
    public var yellow = 0
    public var green = 0
    public var overdue = 0

    public init(red: Int = 0, yellow: Int = 0, green: Int = 0, overdue: Int = 0) {
        self.red = red
        self.yellow = yellow
        self.green = green
        self.overdue = overdue
    }

    public var total: Int { red + yellow + green }

    public subscript(zone: Zone) -> Int {
        get {
            switch zone {
            case .red: red
            case .yellow: yellow
            case .green: green
            }
        }
        set {
            switch zone {
            case .red: red = newValue
            case .yellow: yellow = newValue
            case .green: green = newValue
            }
        }
    }
}

/// The rows of the queue the console shows, where they lie in it, and its figures.
public struct QueueWindow: Sendable, Equatable {
    /// Rows in queue order; `rows[0]` is at place `start`.
    public var rows: [QueueEntry] = []
    public var start = 0
    /// The place of the selected row and its key, nil when no row passes the filter.
    public var selected: Int?
    public var selectedKey: QueueKey?
    /// The filtered queue's figures, and the whole queue's (the lock screen, "12/131" of how many).
    public var shown = QueueFigures()
    public var all = QueueFigures()
    /// Red alerts raised since the request's `redSince`, in queue order, whatever the filter.
    public var recentRed: [QueueEntry] = []
    /// Per zone, when the oldest alert not yet overdue was raised: once it is overdue the figures are old.
    public var nextOverdue: [Zone: Double] = [:]

    public init() {}

    /// The row at place `position`, when it was read.
    public func row(at position: Int) -> QueueEntry? {
        let index = position - start
        return rows.indices.contains(index) ? rows[index] : nil
    }

    /// The selected row.
    public var selectedRow: QueueEntry? { selected.flatMap(row(at:)) }
}

extension QueueWindow {
    /// The window over rows held in memory (fixtures and tests of drawing), in the order given: every
    /// row the filter keeps, with the filter applied in Swift as SQL applies it to the cache's rows.
    public static func local(_ entries: [QueueEntry], _ request: QueueWindowRequest, rowText: QueueRowText) -> QueueWindow {
        let filter = request.filter
        let needle = Array(filter.words.utf8)
        func keeps(_ entry: QueueEntry) -> Bool {
            if let zone = filter.zone, entry.zone != zone { return false }
            if let owner = filter.owner, entry.owner != owner { return false }
            if let wanted = filter.municipality, entry.municipality.number != wanted,
               TextFolding.fold(entry.municipality.name) != wanted { return false }
            guard !needle.isEmpty else { return true }
            return TextFolding.contains(Array(TextFolding.fold(rowText(entry, filter.language)).utf8), needle) != filter.inverted
        }
        func figures(_ rows: [QueueEntry]) -> QueueFigures {
            var figures = QueueFigures()
            for entry in rows {
                figures[entry.zone] += 1
                if entry.raisedAt.timeIntervalSince1970 <= request.overdueCutoffs[entry.zone] ?? -.infinity { figures.overdue += 1 }
            }
            return figures
        }
        var window = QueueWindow()
        window.rows = filter.isEmpty ? entries : entries.filter(keeps)
        window.all = figures(entries)
        window.shown = filter.isEmpty ? window.all : figures(window.rows)
        window.recentRed = entries.filter { $0.zone == .red && $0.raisedAt.timeIntervalSince1970 >= request.redSince }
        for zone in Zone.allCases {
            let cutoff = request.overdueCutoffs[zone] ?? -.infinity
            window.nextOverdue[zone] = entries.filter { $0.zone == zone && $0.raisedAt.timeIntervalSince1970 > cutoff }
                .map(\.raisedAt.timeIntervalSince1970).min()
        }
        guard !window.rows.isEmpty else { return window }
        let selected: Int
        switch request.anchor {
        case .first: selected = 0
        case .last: selected = window.rows.count - 1
        case .key(let key, let offset):
            // The alert's row, or the first row after its place where it is gone.
            let place = window.rows.firstIndex { $0.alertID == key.alertID }
                ?? window.rows.firstIndex { key.precedes(QueueKey($0)) } ?? window.rows.count - 1
            selected = min(max(0, place + offset), window.rows.count - 1)
        }
        window.selected = selected
        window.selectedKey = QueueKey(window.rows[selected])
        return window
    }
}
