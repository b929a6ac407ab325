import Foundation
import GRDB
import VardeDomain

/// What the console asks the cache for in one read: only the parts it shows now.
public struct ConsoleReadRequest: Sendable, Equatable {
    /// Who looks: blocks and tenancy apply to every part.
    public var viewer: Viewer
    /// Which rows of the queue, under which filter, and the cut-offs its overdue figure counts by.
    public var queue = QueueWindowRequest()
    /// The names of the municipalities with open alerts (the palette completes them).
    public var municipalityNames = false
    /// The patient whose record is open, if any.
    public var patientID: String?
    /// How far back the open patient's measurements go.
    public var patientSince: Date
    /// The quarantine's rows (only while `:karantene` is on screen; the count is always read).
    public var quarantineRows = false
    /// Notices newer than this id.
    public var noticesAfter: Int64 = 0
    /// The previous reading of the arrivals, so that only new rows are counted.
    public var arrivalsAfter: MeasurementArrivals?
    /// Messages written here whose delivery a status line waits for.
    public var messageIDs: [String] = []
    /// Journal notes saved here whose way to the service the screen shows.
    public var journalNoteIDs: [String] = []

    public init(viewer: Viewer, patientID: String? = nil, patientSince: Date = .distantPast) {
        self.viewer = viewer
        self.patientID = patientID
        self.patientSince = patientSince
    }
}

/// A part of the console's read that failed, in SQLite's words.
public struct CacheReadFailure: Error, Sendable, Equatable, CustomStringConvertible {
    public let reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}

/// A colleague's step that overruled one of ours ("taken:kari").
public struct CacheNotice: Sendable, Equatable {
    public var id: Int64
    public var text: String
}

/// Everything the console shows from the cache, read in one transaction. Each part carries its
/// own failure, so that a broken table stops only what it feeds.
public struct ConsoleRead: Sendable {
    public typealias Part<T> = Result<T, CacheReadFailure>
    public var queue: Part<QueueWindow>
    /// Nil when not asked for.
    public var municipalityNames: Part<[String]>?
    public var sync: Part<SyncState?>
    public var outbox: Part<Int>
    public var quarantineCount: Part<Int>
    /// Nil when not asked for.
    public var quarantined: Part<[QuarantinedResource]>?
    public var notices: Part<[CacheNotice]>
    public var arrivals: Part<MeasurementArrivals>
    /// Nil when no patient is open; `.success(nil)` when the patient may no longer be seen.
    public var patient: Part<PatientRecord?>?
    /// The status of each asked-for message that is still stored.
    public var messageStatuses: Part<[String: MessageStatus]>
    /// The asked-for journal notes that are stored, with where each is on its way to the service.
    public var journalNotes: Part<[JournalNote]> = .success([])

    /// Every part failed for the same reason (the read could not even start).
    public static func failed(_ reason: String, _ request: ConsoleReadRequest) -> ConsoleRead {
        let failure = CacheReadFailure(reason)
        return ConsoleRead(queue: .failure(failure), municipalityNames: request.municipalityNames ? .failure(failure) : nil, sync: .failure(failure), outbox: .failure(failure),
                           quarantineCount: .failure(failure), quarantined: request.quarantineRows ? .failure(failure) : nil,
                           notices: .failure(failure), arrivals: .failure(failure),
                           patient: request.patientID == nil ? nil : .failure(failure), messageStatuses: .failure(failure),
                           journalNotes: .failure(failure))
    }
}

/// The console's own connection to the cache file: one read for everything on screen, and a cheap
/// question, asked as often as the loop likes, whether anything was committed since the last read.
/// Watching the database's change counter from our side puts no work inside the sync's commits.
public final class ConsoleReader: @unchecked Sendable {
    private let connection: any DatabaseReader
    /// True when the connection is the cache's own (an in-memory cache): its own writes count too.
    private let shared: Bool
    /// How a queue row reads, for the words filter.
    private let rowText: QueueRowText
    private let memo = QueueTextMemo()
    private let rows = QueueRowMemo()
    /// One read at a time: the memo is shared between them.
    private let reading = NSLock()

    /// A read-only connection of its own on a file cache; the cache's connection for an in-memory one.
    /// `rowText` gives a queue row's words as the console shows them (the words filter searches them).
    public init(cache: CacheDatabase, rowText: @escaping QueueRowText = { entry, _ in
        "\(entry.patientName) \(entry.municipality.name) \(entry.municipality.number)"
    }) {
        self.rowText = rowText
        if let path = cache.path {
            var config = Configuration()
            config.readonly = true
            config.busyMode = .timeout(5)
            config.prepareDatabase { db in try db.execute(sql: CacheDatabase.pageCachePragma) }
            do {
                connection = try DatabaseQueue(path: path, configuration: config)
                shared = false
                return
            } catch {
                // Nothing is lost: the cache's own connection serves, and its reads say what fails.
            }
        }
        connection = cache.reader
        shared = true
    }

    /// Changes whenever anything was committed to the cache, by this process or another.
    public func changeToken() throws -> Int64 {
        try connection.read { db in try token(db) }
    }

    private func token(_ db: Database) throws -> Int64 {
        let version = try Int64.fetchOne(db, sql: "PRAGMA data_version") ?? 0
        return shared ? version &* 1_000_003 &+ Int64(db.totalChangesCount) : version
    }

    /// Everything the request asks for, in one read transaction.
    public func read(_ request: ConsoleReadRequest) -> ConsoleRead {
        reading.lock()
        defer { reading.unlock() }
        do {
            return try connection.read { db in
                Self.read(request, db) { try QueueWindowRead(db: db, viewer: request.viewer, request: request.queue, memo: memo, rows: rows,
                                                             rowText: rowText).read() }
            }
        } catch {
            return .failed(CacheDatabase.reason(error), request)
        }
    }

    static func read(_ r: ConsoleReadRequest, _ db: Database, queue: () throws -> QueueWindow) -> ConsoleRead {
        func part<T>(_ body: () throws -> T) -> ConsoleRead.Part<T> {
            do { return .success(try body()) } catch { return .failure(CacheReadFailure(CacheDatabase.reason(error))) }
        }
        return ConsoleRead(
            queue: part(queue),
            municipalityNames: r.municipalityNames ? part { try municipalityNames(db, for: r.viewer) } : nil,
            sync: part { try SyncState.order(Column("lastAttemptAt").desc).fetchOne(db) },
            outbox: part { try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM message WHERE status = 'queued'") ?? 0 },
            quarantineCount: part { try QuarantinedResource.fetchCount(db) },
            quarantined: r.quarantineRows ? part {
                try QuarantinedResource.order(Column("receivedAt").desc, Column("id").desc).limit(500).fetchAll(db)
            } : nil,
            notices: part {
                try Row.fetchAll(db, sql: "SELECT id, text FROM notice WHERE id > ? ORDER BY id", arguments: [r.noticesAfter])
                    .map { CacheNotice(id: $0["id"], text: $0["text"]) }
            },
            arrivals: part { try CacheDatabase.measurementArrivals(db, after: r.arrivalsAfter) },
            patient: r.patientID.map { id in
                part { try CacheDatabase.patientRecord(db, id, for: r.viewer, since: r.patientSince, until: .distantFuture) }
            },
            messageStatuses: part {
                guard !r.messageIDs.isEmpty else { return [:] }
                let marks = r.messageIDs.map { _ in "?" }.joined(separator: ",")
                let rows = try Row.fetchAll(db, sql: "SELECT id, status FROM message WHERE id IN (\(marks))",
                                            arguments: StatementArguments(r.messageIDs))
                return Dictionary(rows.map { ($0["id"] as String, MessageStatus(rawValue: $0["status"]) ?? .queued) }) { a, _ in a }
            },
            journalNotes: part {
                guard !r.journalNoteIDs.isEmpty else { return [] }
                let marks = r.journalNoteIDs.map { _ in "?" }.joined(separator: ",")
                return try JournalNote.fetchAll(db, sql: "SELECT * FROM journal_note WHERE id IN (\(marks))",
                                                arguments: StatementArguments(r.journalNoteIDs))
            })
    }

    /// The names of the municipalities where the viewer has open alerts, sorted.
    static func municipalityNames(_ db: Database, for viewer: Viewer) throws -> [String] {
        let outside = Privacy.outsideTenancySQL("p", for: viewer)
        return try String.fetchAll(db, sql: """
            SELECT DISTINCT IFNULL(m.name, p.municipalityNumber) FROM alert a JOIN patient p ON p.id = a.patientID
            LEFT JOIN municipality m ON m.number = p.municipalityNumber
            WHERE a.status = 'open' AND p.municipalityNumber IS NOT NULL AND NOT \(outside.sql) ORDER BY 1
            """, arguments: outside.arguments)
    }
}
