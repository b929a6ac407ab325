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
            let words = SearchFolding.words(trimmed)
            let found: [(name: String, id: String)] = candidates.compactMap { row in
                let number: String = row["nationalID"], municipality: String = row["municipalityNumber"]
                let given: String = row["givenName"], family: String = row["familyName"]
                if isNumber {
                    return number.hasPrefix(digits) || municipality == digits ? (SearchFolding.fold("\(family), \(given)"), row["id"]) : nil
                }
                let name = SearchFolding.fold("\(family), \(given)")
                let text = name + " " + SearchFolding.fold("\(row["municipalityName"] as String) \(municipality)")
                return SearchFolding.matches(words, folded: text) ? (name, row["id"]) : nil
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
                   (SELECT CASE WHEN json_extract(c.plan, '$.approval') IS NOT NULL THEN 2 ELSE 1 END
                      FROM care_plan c WHERE c.patientID = p.id) AS planStatus,
                   a.id AS alertID, a.zone AS alertZone, a.basis AS alertBasis, a.owner AS alertOwner, a.missing AS alertMissing
            FROM patient p
            LEFT JOIN municipality m ON m.number = p.municipalityNumber
            LEFT JOIN alert a ON a.patientID = p.id AND a.status = 'open'
            WHERE NOT \(hidden.sql)\(only)
            """
        let lastByPatient = try lastMeasurements(db, of: ids)
        return try Row.fetchAll(db, sql: sql, arguments: hidden.arguments + StatementArguments(ids ?? [])).map { row in
            let patient = Self.patient(row)
            let last = lastByPatient[patient.id]
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

    /// A patient from a `patient` row, read column by column (Codable decoding costs more than the query).
    static func patient(_ row: Row) -> Patient {
        let diagnoses = (row["diagnoses"] as String? ?? "").split(whereSeparator: { "[]\", ".contains($0) })
            .compactMap { Diagnosis(rawValue: String($0)) }
        return Patient(id: row["id"], nationalID: row["nationalID"], givenName: row["givenName"], familyName: row["familyName"],
                       birthDate: row["birthDate"], gender: row["gender"], municipalityNumber: row["municipalityNumber"],
                       diagnoses: diagnoses, lastUpdated: Date(timeIntervalSince1970: row["lastUpdated"]))
    }

    /// The newest measurement per patient, corrected ones (entered-in-error) left out. For every patient
    /// at once, the newest is read from the index alone and only the few patients whose newest was
    /// withdrawn are read row by row (20 000 patients: about 0.4 s instead of 2 s).
    static func lastMeasurements(_ db: Database, of ids: [String]?) throws -> [String: Double] {
        var last: [String: Double] = [:]
        if let ids {
            guard !ids.isEmpty else { return [:] }
            for row in try Row.fetchAll(db, sql: """
                SELECT patientID, MAX(effective) AS last FROM observation
                WHERE patientID IN (\(ids.map { _ in "?" }.joined(separator: ","))) AND status != 'entered-in-error' GROUP BY patientID
                """, arguments: StatementArguments(ids)) {
                last[row["patientID"]] = row["last"]
            }
            return last
        }
        let newest = """
            SELECT patientID, MAX(effective) AS last FROM observation GROUP BY patientID
            """
        for row in try Row.fetchAll(db, sql: """
            SELECT l.patientID, l.last, EXISTS(SELECT 1 FROM observation o WHERE o.patientID = l.patientID AND o.effective = l.last
                                               AND o.status = 'entered-in-error') AS withdrawn
            FROM (\(newest)) l
            """) {
            let patientID: String = row["patientID"]
            if row["withdrawn"] as Bool {
                last[patientID] = try Double.fetchOne(db, sql: """
                    SELECT MAX(effective) FROM observation WHERE patientID = ? AND status != 'entered-in-error'
                    """, arguments: [patientID])
            } else {
                last[patientID] = row["last"]
            }
        }
        return last
    }

    public static func sorted(_ rows: [PatientListRow], by sort: PatientListSort) -> [PatientListRow] {
        // Each row's key is made once (folding inside the comparison would fold n·log n times).
        let keyed: [(key: [String], row: PatientListRow)] = rows.map { row in
            let name = SearchFolding.fold(row.patient.listName)
            let tail = [name, row.patient.id]
            switch sort {
            case .municipality:
                return ([SearchFolding.fold(row.municipalityName)] + tail, row)
            case .lastMeasurement:
                // Never measured first, then the longest silent; fixed-width numbers sort as text.
                let seconds = row.lastMeasurement.map { String(format: "1%014.3f", $0.timeIntervalSince1970) } ?? "0"
                return ([seconds] + tail, row)
            case .planStatus:
                return ([String(row.plan.rawValue)] + tail, row)
            case .missingMeasurements:
                return ([String(format: "%03d", 999 - min(999, row.missing.count))] + tail, row)
            case .openAlert:
                let rank = row.openAlert.map { 1 + $0.zone.rawValue } ?? 0
                return ([String(9 - rank)] + tail, row)
            }
        }
        return keyed.sorted { $0.key.lexicographicallyPrecedes($1.key) }.map(\.row)
    }
}
