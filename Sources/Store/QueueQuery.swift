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
    /// The SQL that feeds the queue: open alerts, red before yellow, longest waiting first. Patients
    /// outside the viewer's municipalities are left out; a patient who has blocked the viewer comes
    /// back as an anonymous row (zone, waited, owner: no name, number, municipality or values).
    static func queueSQL(for viewer: Viewer) -> (sql: String, arguments: StatementArguments) {
        let outside = Privacy.outsideTenancySQL("p", for: viewer)
        let blocked = "EXISTS(\(Privacy.blockSQL(patient: "a.patientID")))"
        let sql = """
            SELECT 0 AS blocked, a.id AS alertID, a.zone, a.raisedAt, a.openedAt, a.patientID, a.basis, a.owner,
                   p.familyName, p.givenName, p.municipalityNumber, m.name AS municipalityName,
                   o.id, o.patientID AS oPatientID, o.kind, o.code, o.codeDisplay, o.value, o.secondValue,
                   o.unit, o.effective, o.lastUpdated, o.status, o.sourceIdentifier,
                   tm.text AS messageText, a.missing, a.marks, o.comparator, p.birthDate, p.diagnoses,
                   (SELECT COUNT(*) FROM message u WHERE u.patientID = a.patientID AND u.direction = 'fromPatient'
                      AND u.seenByCentre IS NULL) AS unreadMessages
            FROM alert a
            LEFT JOIN observation o ON o.id = a.triggerMeasurementID
            LEFT JOIN message tm ON tm.id = a.triggerMessageID
            LEFT JOIN patient p ON p.id = a.patientID
            LEFT JOIN municipality m ON m.number = p.municipalityNumber
            WHERE a.status = 'open' AND NOT \(outside.sql) AND NOT \(blocked)
            UNION ALL
            SELECT 1, a.id, a.zone, a.raisedAt, a.openedAt, NULL, NULL, a.owner, NULL, NULL, NULL, NULL,
                   NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, '[]', NULL, NULL, NULL, 0
            FROM alert a
            LEFT JOIN patient p ON p.id = a.patientID
            WHERE a.status = 'open' AND NOT \(outside.sql) AND \(blocked)
            ORDER BY zone DESC, raisedAt ASC, alertID ASC
            """
        return (sql, outside.arguments + [viewer.operatorID] + outside.arguments + [viewer.operatorID])
    }

    /// The queue as `viewer` may see it (the unrestricted viewer is for headless tools and tests).
    public func queue(for viewer: Viewer = .unrestricted) throws -> [QueueEntry] {
        try reader.read { db in try Self.fetchQueue(db, for: viewer) }
    }

    /// Reads the queue inside an existing read (used by observations of the database).
    public static func fetchQueue(_ db: Database, for viewer: Viewer) throws -> [QueueEntry] {
        let (sql, arguments) = queueSQL(for: viewer)
        return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
            let raisedAt = Date(timeIntervalSince1970: row["raisedAt"])
            if row["blocked"] as Bool {
                return QueueEntry.blocked(alertID: row["alertID"], zone: Zone(rawValue: row["zone"]) ?? .yellow,
                                          raisedAt: raisedAt, owner: row["owner"])
            }
            let measurementID: String? = row["id"]
            let trigger = measurementID.map { _ in HomeMeasurement(
                id: row["id"], patientID: row["oPatientID"],
                kind: MeasurementKind(rawValue: row["kind"]) ?? .other, code: row["code"],
                codeDisplay: row["codeDisplay"], value: row["value"], secondValue: row["secondValue"],
                unit: row["unit"], effective: Date(timeIntervalSince1970: row["effective"]),
                lastUpdated: Date(timeIntervalSince1970: row["lastUpdated"]),
                status: MeasurementStatus(rawValue: row["status"]) ?? .unknown, sourceIdentifier: row["sourceIdentifier"],
                comparator: (row["comparator"] as String?).flatMap(ValueComparator.init(rawValue:))) }
            let family: String? = row["familyName"]
            let given: String? = row["givenName"]
            let patientID: String = row["patientID"]
            let number: String = row["municipalityNumber"] ?? ""
            var entry = QueueEntry(
                alertID: row["alertID"], zone: Zone(rawValue: row["zone"]) ?? .yellow,
                patientID: patientID,
                patientName: family.map { "\($0), \(given ?? "")" } ?? patientID,
                municipality: Municipality(number: number, name: row["municipalityName"] ?? number),
                trigger: trigger, raisedAt: raisedAt,
                basis: Judgement.Basis(rawValue: row["basis"] ?? "") ?? .defaultLimits, owner: row["owner"],
                message: row["messageText"], unreadMessages: row["unreadMessages"],
                missing: (row["missing"] as String?)?.split(separator: ",").compactMap { MeasurementKind(rawValue: String($0)) } ?? [],
                escalated: (row["openedAt"] as Double) < (row["raisedAt"] as Double))
            entry.marks = FindingMarks.decode(row["marks"])
            entry.birthDate = row["birthDate"]
            let diagnoses: String = row["diagnoses"] ?? ""
            entry.diagnoses = Diagnosis.allCases.filter { diagnoses.contains("\"\($0.rawValue)\"") }
            return entry
        }
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
