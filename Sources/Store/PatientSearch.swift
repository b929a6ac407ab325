import Foundation
import GRDB
import VardeDomain

/// One followed patient as the patient list and `:pasient` show them.
public struct PatientListRow: Sendable, Equatable {
    public var patient: Patient
    public var municipalityName: String
    /// The newest measurement's time (corrected ones left out), nil if none has come.
    public var lastMeasurement: Date?
    public var plan: PlanStatus
    /// Scheduled measurements that have not come (the open missing-measurement alert's kinds).
    public var missing: [MeasurementKind]
    /// The patient's open alert, if any.
    public var openAlert: OpenAlertSummary?

    public init(patient: Patient, municipalityName: String, lastMeasurement: Date?, plan: PlanStatus,
                missing: [MeasurementKind], openAlert: OpenAlertSummary?) {
        self.patient = patient
        self.municipalityName = municipalityName
        self.lastMeasurement = lastMeasurement
        self.plan = plan
        self.missing = missing
        self.openAlert = openAlert
    }
}

/// Whether a patient has a self-care plan and whether the GP has approved it.
public enum PlanStatus: Int, Sendable, Equatable, Comparable {
    case none = 0, notApproved = 1, approved = 2
    public static func < (a: PlanStatus, b: PlanStatus) -> Bool { a.rawValue < b.rawValue }
}

/// A patient's open alert as a list row shows it.
public struct OpenAlertSummary: Sendable, Equatable {
    public var alertID: Int64
    public var zone: Zone
    public var basis: Judgement.Basis
    public var owner: String?

    public init(alertID: Int64, zone: Zone, basis: Judgement.Basis, owner: String?) {
        self.alertID = alertID
        self.zone = zone
        self.basis = basis
        self.owner = owner
    }
}

/// How the patient list is ordered.
public enum PatientListSort: String, Sendable, CaseIterable {
    /// Municipality name, then patient name.
    case municipality
    /// Longest since the last measurement first (none at all first of all).
    case lastMeasurement
    /// No plan first, then plans waiting for the GP, then approved.
    case planStatus
    /// Most missing measurements first.
    case missingMeasurements
    /// Red, yellow, then routine open alerts first; patients without an open alert last.
    case openAlert
}

extension CacheDatabase {
    /// Every followed patient the viewer may see (blocked and out-of-tenancy patients left out), ordered.
    public func patientList(for viewer: Viewer = .unrestricted, sortedBy sort: PatientListSort = .municipality) throws -> [PatientListRow] {
        let rows = try reader.read { db in try Self.patientRows(db, for: viewer) }
        return Self.sorted(rows, by: sort)
    }

    /// Patients the viewer may see whose name, fødselsnummer, kommunenummer or municipality contains
    /// every word of `query`, accent-blind as the queue filter (Grønli = gronli, spaces in a number
    /// ignored); in name order, at most `limit`.
    public func findPatients(_ query: String, for viewer: Viewer = .unrestricted, limit: Int = 50) throws -> [PatientListRow] {
        let trimmed = query.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return [] }
        let digits = trimmed.filter { !$0.isWhitespace }
        let isNumber = !digits.isEmpty && digits.allSatisfy(\.isNumber)
        return try reader.read { db in
            // Names and numbers first (cheap), the rest only for the patients found.
            let hidden = Privacy.hiddenPatientSQL("p", for: viewer)
            let candidates = try Row.fetchAll(db, sql: """
                SELECT p.id, p.givenName, p.familyName, p.nationalID, p.municipalityNumber, COALESCE(m.name, '') AS municipalityName
                FROM patient p LEFT JOIN municipality m ON m.number = p.municipalityNumber WHERE NOT \(hidden.sql)
                """, arguments: hidden.arguments)
            let found: [(name: String, id: String)] = candidates.compactMap { row in
                let number: String = row["nationalID"], municipality: String = row["municipalityNumber"]
                let given: String = row["givenName"], family: String = row["familyName"]
                let matches = isNumber ? number.hasPrefix(digits) || municipality == digits
                    : SearchFolding.matches(trimmed, in: "\(given) \(family) \(row["municipalityName"] as String) \(municipality)")
                return matches ? (SearchFolding.fold("\(family), \(given)"), row["id"]) : nil
            }
            let ids = found.sorted { ($0.name, $0.id) < ($1.name, $1.id) }.prefix(limit).map(\.id)
            guard !ids.isEmpty else { return [] }
            let rows = try Self.patientRows(db, for: viewer, only: ids)
            return Array(rows.sorted { (SearchFolding.fold($0.patient.listName), $0.patient.id) < (SearchFolding.fold($1.patient.listName), $1.patient.id) }
                .prefix(limit))
        }
    }

    static func patientRows(_ db: Database, for viewer: Viewer, only ids: [String]? = nil) throws -> [PatientListRow] {
        let hidden = Privacy.hiddenPatientSQL("p", for: viewer)
        let only = ids.map { " AND p.id IN (\($0.map { _ in "?" }.joined(separator: ",")))" } ?? ""
        let sql = """
            SELECT p.*, m.name AS municipalityName,
                   (SELECT MAX(o.effective) FROM observation o WHERE o.patientID = p.id AND o.status != 'entered-in-error') AS lastMeasurement,
                   (SELECT CASE WHEN json_extract(c.plan, '$.approval') IS NOT NULL THEN 2 ELSE 1 END
                      FROM care_plan c WHERE c.patientID = p.id) AS planStatus,
                   a.id AS alertID, a.zone AS alertZone, a.basis AS alertBasis, a.owner AS alertOwner, a.missing AS alertMissing
            FROM patient p
            LEFT JOIN municipality m ON m.number = p.municipalityNumber
            LEFT JOIN alert a ON a.patientID = p.id AND a.status = 'open'
            WHERE NOT \(hidden.sql)\(only)
            """
        return try Row.fetchAll(db, sql: sql, arguments: hidden.arguments + StatementArguments(ids ?? [])).map { row in
            let patient = try Patient(row: row)
            let last: Double? = row["lastMeasurement"]
            let alertID: Int64? = row["alertID"]
            let missing = (row["alertMissing"] as String?)?.split(separator: ",").compactMap { MeasurementKind(rawValue: String($0)) } ?? []
            return PatientListRow(
                patient: patient, municipalityName: row["municipalityName"] ?? patient.municipalityNumber,
                lastMeasurement: last.map(Date.init(timeIntervalSince1970:)),
                plan: PlanStatus(rawValue: row["planStatus"] ?? 0) ?? .none, missing: missing,
                openAlert: alertID.map {
                    OpenAlertSummary(alertID: $0, zone: Zone(rawValue: row["alertZone"]) ?? .yellow,
                                     basis: Judgement.Basis(rawValue: row["alertBasis"] ?? "") ?? .defaultLimits, owner: row["alertOwner"])
                })
        }
    }

    static func sorted(_ rows: [PatientListRow], by sort: PatientListSort) -> [PatientListRow] {
        let name = { (row: PatientListRow) in SearchFolding.fold(row.patient.listName) }
        switch sort {
        case .municipality:
            return rows.sorted { (SearchFolding.fold($0.municipalityName), name($0), $0.patient.id) < (SearchFolding.fold($1.municipalityName), name($1), $1.patient.id) }
        case .lastMeasurement:
            return rows.sorted {
                let a = $0.lastMeasurement?.timeIntervalSince1970 ?? -.infinity, b = $1.lastMeasurement?.timeIntervalSince1970 ?? -.infinity
                return a != b ? a < b : (name($0), $0.patient.id) < (name($1), $1.patient.id)
            }
        case .planStatus:
            return rows.sorted { ($0.plan.rawValue, name($0), $0.patient.id) < ($1.plan.rawValue, name($1), $1.patient.id) }
        case .missingMeasurements:
            return rows.sorted { (-$0.missing.count, name($0), $0.patient.id) < (-$1.missing.count, name($1), $1.patient.id) }
        case .openAlert:
            let rank = { (row: PatientListRow) -> Int in
                guard let alert = row.openAlert else { return 0 }
                return 1 + alert.zone.rawValue
            }
            return rows.sorted { (-rank($0), name($0), $0.patient.id) < (-rank($1), name($1), $1.patient.id) }
        }
    }
}
