import Foundation
import GRDB
import VardeDomain

/// Counts the status line shows.
public struct QueueCounts: Sendable, Equatable {
    public var red = 0
    public var yellow = 0
    public init(red: Int = 0, yellow: Int = 0) {
        self.red = red
        self.yellow = yellow
    }
}

/// Sizes of the cache, for summaries and tests.
public struct CacheCounts: Sendable, Equatable {
    public var patients: Int
    public var measurements: Int
    public var openAlerts: Int
    public var municipalities: Int
}

extension CacheDatabase {
    /// The columns of a queue row, for the open alerts `condition` keeps (its arguments follow the
    /// viewer's operator id). A patient who has blocked the viewer comes back as an anonymous row
    /// (zone, waited, owner: no name, number, municipality or values).
    static func queueRowSQL(where condition: String) -> String {
        """
        SELECT EXISTS(\(Privacy.blockSQL(patient: "a.patientID"))) AS blocked, a.id AS alertID, a.zone, a.raisedAt,
               a.openedAt, a.patientID, a.basis, a.owner,
               p.familyName, p.givenName, p.municipalityNumber, m.name AS municipalityName,
               o.id, o.patientID AS oPatientID, o.kind, o.code, o.codeDisplay, o.value, o.secondValue,
               o.unit, o.effective, o.lastUpdated, o.status, o.sourceIdentifier,
               tm.text AS messageText, a.missing, a.marks, o.comparator,
               (SELECT COUNT(*) FROM message u WHERE u.patientID = a.patientID AND u.direction = 'fromPatient'
                  AND u.seenByCentre IS NULL) AS unreadMessages, p.birthDate, p.diagnoses, a.textSeq, a.wordsSeq
        FROM alert a
        LEFT JOIN observation o ON o.id = a.triggerMeasurementID
        LEFT JOIN message tm ON tm.id = a.triggerMessageID
        LEFT JOIN patient p ON p.id = a.patientID
        LEFT JOIN municipality m ON m.number = p.municipalityNumber
        WHERE \(condition)
        """
    }

    /// The queue as `viewer` may see it (the unrestricted viewer is for headless tools and tests).
    public func queue(for viewer: Viewer = .unrestricted) throws -> [QueueEntry] {
        try reader.read { db in try Self.fetchQueue(db, for: viewer) }
    }

    /// Every open alert the viewer may see, in queue order: red before yellow, longest waiting first.
    /// The console reads only its window (`QueueWindowRead`); this is for tools, exports and tests.
    public static func fetchQueue(_ db: Database, for viewer: Viewer) throws -> [QueueEntry] {
        let outside = Privacy.outsideTenancySQL("p", for: viewer)
        let sql = queueRowSQL(where: "a.status = 'open' AND NOT \(outside.sql)") + " ORDER BY a.zone DESC, a.raisedAt ASC, a.id ASC"
        var entries: [QueueEntry] = []
        let rows = try Row.fetchCursor(db, sql: sql, arguments: [viewer.operatorID] + outside.arguments)
        while let row = try rows.next() { entries.append(queueEntry(row)) }
        return entries
    }

    /// The column of `queueRowSQL` with the alert's `textSeq` (what the row memo checks).
    static let queueRowSeqColumn = 31
    /// The column with the alert's `wordsSeq` (what the words filter's folded texts are checked by).
    static let queueRowWordsSeqColumn = 32

    /// One row of `queueRowSQL`. Columns are read by position: by name, a lookup per column and row
    /// costs more than the query itself.
    static func queueEntry(_ row: Row) -> QueueEntry {
        let raisedAt = Date(timeIntervalSince1970: row[3])
        let zone = Zone(rawValue: row[2]) ?? .yellow
        if row[0] as Bool {
            return QueueEntry.blocked(alertID: row[1], zone: zone, raisedAt: raisedAt, owner: row[7])
        }
        let measurementID: String? = row[12]
        let trigger = measurementID.map { id in HomeMeasurement(
            id: id, patientID: row[13],
            kind: MeasurementKind(rawValue: row[14]) ?? .other, code: row[15],
            codeDisplay: row[16], value: row[17], secondValue: row[18],
            unit: row[19], effective: Date(timeIntervalSince1970: row[20]),
            lastUpdated: Date(timeIntervalSince1970: row[21]),
            status: MeasurementStatus(rawValue: row[22]) ?? .unknown, sourceIdentifier: row[23],
            comparator: (row[27] as String?).flatMap(ValueComparator.init(rawValue:))) }
        let family: String? = row[8]
        let given: String? = row[9]
        let patientID: String = row[5]
        let number: String = row[10] ?? ""
        var entry = QueueEntry(
            alertID: row[1], zone: zone,
            patientID: patientID,
            patientName: family.map { "\($0), \(given ?? "")" } ?? patientID,
            municipality: Municipality(number: number, name: row[11] ?? number),
            trigger: trigger, raisedAt: raisedAt,
            basis: Judgement.Basis(rawValue: row[6] ?? "") ?? .defaultLimits, owner: row[7],
            message: row[24], unreadMessages: row[28],
            missing: (row[25] as String?)?.split(separator: ",").compactMap { MeasurementKind(rawValue: String($0)) } ?? [],
            escalated: (row[4] as Double) < (row[3] as Double))
        entry.marks = FindingMarks.decode(row[26])
        entry.birthDate = row[29]
        // A JSON list of codes: the quoted words, split without Foundation's string search (per row and frame).
        let diagnoses: String = row[30] ?? ""
        if diagnoses.utf8.count > 2 {
            let quoted = Set(diagnoses.split(separator: "\""))
            entry.diagnoses = Diagnosis.allCases.filter { quoted.contains(Substring($0.rawValue)) }
        }
        return entry
    }

    public func counts() throws -> CacheCounts {
        try reader.read { db in
            CacheCounts(
                patients: try Patient.fetchCount(db),
                measurements: try HomeMeasurement.fetchCount(db),
                openAlerts: try Alert.filter(Column("status") == "open").fetchCount(db),
                municipalities: try Municipality.fetchCount(db))
        }
    }

    /// The checksum of every stored measurement (see `MeasurementChecksum`).
    public func measurementChecksum() throws -> String {
        try reader.read { db in MeasurementChecksum.of(try HomeMeasurement.fetchAll(db)) }
    }
}

extension CacheDatabase {
    /// Every stored measurement (for exports and tests; the console reads narrower queries).
    public func allMeasurements() throws -> [HomeMeasurement] {
        try reader.read { db in try HomeMeasurement.order(Column("id")).fetchAll(db) }
    }
}

/// An alert's marks as stored (the JSON array GRDB writes for `Alert.marks`).
enum FindingMarks {
    static func decode(_ text: String?) -> Set<FindingMark> {
        guard let text, text.count > 2 else { return [] }
        return Set(FindingMark.allCases.filter { text.contains("\"\($0.rawValue)\"") })
    }
}
