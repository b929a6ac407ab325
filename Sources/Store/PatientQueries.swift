import Foundation
import GRDB
import VardeDomain

/// Everything the patient view shows, read in one go.
public struct PatientRecord: Sendable, Equatable {
    public var patient: Patient
    public var municipality: Municipality?
    public var plan: SelfCarePlan?
    /// Measurements in the period asked for, oldest first, corrected ones left out.
    public var measurements: [HomeMeasurement]
    public var openAlert: Alert?
    /// Every handling step on the patient's alerts, oldest first.
    public var history: [HistoryEntry] = []
    /// The thread with the patient, oldest first.
    public var messages: [PatientMessage] = []

    public init(patient: Patient, municipality: Municipality?, plan: SelfCarePlan?, measurements: [HomeMeasurement],
                openAlert: Alert?, history: [HistoryEntry] = [], messages: [PatientMessage] = []) {
        self.messages = messages
        self.patient = patient
        self.municipality = municipality
        self.plan = plan
        self.measurements = measurements
        self.openAlert = openAlert
        self.history = history
    }
}

extension CacheDatabase {
    /// The patient with their plan and the measurements taken from `since` to `until`; nil if not
    /// cached, blocked for the viewer or outside their municipalities. Reads without logging: a
    /// console opens patients through `openPatient`, which logs the access.
    public func patientRecord(_ patientID: String, for viewer: Viewer = .unrestricted, since: Date,
                              until: Date = .distantFuture) throws -> PatientRecord? {
        try reader.read { db in try Self.patientRecord(db, patientID, for: viewer, since: since, until: until) }
    }

    static func patientRecord(_ db: Database, _ patientID: String, for viewer: Viewer, since: Date,
                              until: Date) throws -> PatientRecord? {
        guard let patient = try Patient.fetchOne(db, key: patientID), try maySee(patient, viewer, db) else { return nil }
        let measurements = try Self.measurements(db, of: patientID, from: since, to: until)
        return PatientRecord(
            patient: patient, municipality: try Municipality.fetchOne(db, key: patient.municipalityNumber),
            plan: try Self.fetchPlan(patientID, db), measurements: measurements,
            openAlert: try Alert.filter(Column("patientID") == patientID && Column("status") == "open").fetchOne(db),
            history: try Row.fetchAll(db, sql: "SELECT at, who, what FROM alert_history WHERE patientID = ? ORDER BY at, id",
                                      arguments: [patientID])
                .map { HistoryEntry(at: Date(timeIntervalSince1970: $0["at"]), who: $0["who"], what: $0["what"]) },
            messages: try Self.thread(of: patientID, db))
    }
}
