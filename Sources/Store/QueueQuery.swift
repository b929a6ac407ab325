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
    /// The SQL that feeds the queue: open alerts, red before yellow, longest waiting first.
    static let queueSQL = """
        SELECT a.id AS alertID, a.zone, a.raisedAt, a.openedAt, a.patientID, a.basis, a.owner,
               p.familyName, p.givenName, p.municipalityNumber, m.name AS municipalityName,
               o.id, o.patientID AS oPatientID, o.kind, o.code, o.codeDisplay, o.value, o.secondValue,
               o.unit, o.effective, o.lastUpdated, o.status, o.sourceIdentifier,
               tm.text AS messageText, a.missing,
               (SELECT COUNT(*) FROM message u WHERE u.patientID = a.patientID AND u.direction = 'fromPatient'
                  AND u.seenByCentre IS NULL) AS unreadMessages
        FROM alert a
        LEFT JOIN observation o ON o.id = a.triggerMeasurementID
        LEFT JOIN message tm ON tm.id = a.triggerMessageID
        LEFT JOIN patient p ON p.id = a.patientID
        LEFT JOIN municipality m ON m.number = p.municipalityNumber
        WHERE a.status = 'open'
        ORDER BY a.zone DESC, a.raisedAt ASC, a.id ASC
        """

    public func queue() throws -> [QueueEntry] {
        try reader.read(Self.fetchQueue)
    }

    /// Reads the queue inside an existing read (used by observations of the database).
    public static func fetchQueue(_ db: Database) throws -> [QueueEntry] {
        try Row.fetchAll(db, sql: queueSQL).map { row in
            let measurementID: String? = row["id"]
            let trigger = measurementID.map { _ in HomeMeasurement(
                id: row["id"], patientID: row["oPatientID"],
                kind: MeasurementKind(rawValue: row["kind"]) ?? .other, code: row["code"],
                codeDisplay: row["codeDisplay"], value: row["value"], secondValue: row["secondValue"],
                unit: row["unit"], effective: Date(timeIntervalSince1970: row["effective"]),
                lastUpdated: Date(timeIntervalSince1970: row["lastUpdated"]),
                status: MeasurementStatus(rawValue: row["status"]) ?? .unknown, sourceIdentifier: row["sourceIdentifier"]) }
            let family: String? = row["familyName"]
            let given: String? = row["givenName"]
            let patientID: String = row["patientID"]
            let number: String = row["municipalityNumber"] ?? ""
            return QueueEntry(
                alertID: row["alertID"], zone: Zone(rawValue: row["zone"]) ?? .yellow,
                patientID: patientID,
                patientName: family.map { "\($0), \(given ?? "")" } ?? patientID,
                municipality: Municipality(number: number, name: row["municipalityName"] ?? number),
                trigger: trigger, raisedAt: Date(timeIntervalSince1970: row["raisedAt"]),
                basis: Judgement.Basis(rawValue: row["basis"] ?? "") ?? .defaultLimits, owner: row["owner"],
                message: row["messageText"], unreadMessages: row["unreadMessages"],
                missing: (row["missing"] as String?)?.split(separator: ",").compactMap { MeasurementKind(rawValue: String($0)) } ?? [],
                escalated: (row["openedAt"] as Double) < (row["raisedAt"] as Double))
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
