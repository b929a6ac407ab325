import Foundation
import GRDB
import VardeDomain

extension CacheDatabase {
    /// Stores the contacts a page of Patients named, replacing what was there for those patients. A GP
    /// named by reference keeps the Practitioner already read.
    public func storeContacts(_ contacts: [PatientContacts]) throws {
        guard !contacts.isEmpty else { return }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        try writer.write { db in
            // Prepared once for the page: parsing the upsert again for every patient was most of the time an
            // initial sync spent on its patients.
            let upsert = try db.cachedStatement(sql: """
                INSERT INTO patient_contact(patientID, phone, nextOfKin, practitionerID, gpDisplay) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT(patientID) DO UPDATE SET phone = excluded.phone, nextOfKin = excluded.nextOfKin,
                    practitionerID = excluded.practitionerID, gpDisplay = excluded.gpDisplay
                """)
            for contact in contacts {
                let kin = String(decoding: try encoder.encode(contact.nextOfKin), as: UTF8.self)
                let gp = contact.generalPractitioner
                try upsert.execute(arguments: [contact.patientID, contact.phone, kin,
                                               gp.flatMap { $0.practitionerID.isEmpty ? nil : $0.practitionerID }, gp?.name])
            }
        }
    }

    /// Practitioners the cached patients name as GP that must be read from the service: never read,
    /// read with a problem more than an hour ago (it may be there now), or read more than a week ago
    /// (a GP's phone changes too).
    public func unreadPractitionerIDs(now: Date = Date()) throws -> [String] {
        try reader.read { db in
            try String.fetchAll(db, sql: """
                SELECT c.id FROM (SELECT DISTINCT practitionerID AS id FROM patient_contact
                                  INDEXED BY patient_contact_practitioner WHERE practitionerID IS NOT NULL) c
                WHERE NOT EXISTS(
                    SELECT 1 FROM practitioner p WHERE p.id = c.id
                    AND p.readAt > (CASE WHEN p.problem IS NULL THEN ? ELSE ? END))
                ORDER BY c.id
                """, arguments: [now.timeIntervalSince1970 - 7 * 86_400, now.timeIntervalSince1970 - 3600])
        }
    }

    /// Keeps a Practitioner as read (name and phone), or why it could not be read.
    public func storePractitioner(id: String, name: String?, phone: String?, problem: String?, at now: Date) throws {
        try writer.write { db in
            try db.execute(sql: """
                INSERT INTO practitioner(id, name, phone, problem, readAt) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET name = excluded.name, phone = excluded.phone, problem = excluded.problem,
                    readAt = excluded.readAt
                """, arguments: [id, name, phone, problem, now.timeIntervalSince1970])
        }
    }

    /// Whom to call about the patient, or nil when the viewer may not see the patient (blocked, or
    /// outside their municipalities) or nothing is cached. Reads without logging: contacts are shown
    /// inside a patient view whose opening was logged.
    public func contacts(of patientID: String, for viewer: Viewer = .unrestricted) throws -> ContactCard? {
        try reader.read { db in
            guard let patient = try Patient.fetchOne(db, key: patientID), try Self.maySee(patient, viewer, db) else { return nil }
            let row = try Row.fetchOne(db, sql: """
                SELECT c.phone, c.nextOfKin, c.practitionerID, c.gpDisplay, p.name, p.phone AS gpPhone, p.problem
                FROM patient_contact c LEFT JOIN practitioner p ON p.id = c.practitionerID WHERE c.patientID = ?
                """, arguments: [patientID])
            var contacts = PatientContacts(patientID: patientID)
            var problem: String?
            if let row {
                contacts.phone = row["phone"]
                contacts.nextOfKin = try JSONDecoder().decode([NextOfKin].self, from: Data((row["nextOfKin"] as String).utf8))
                let id: String? = row["practitionerID"]
                let display: String? = row["gpDisplay"]
                if id != nil || display != nil {
                    contacts.generalPractitioner = GeneralPractitioner(practitionerID: id ?? "",
                                                                       name: row["name"] ?? display, phone: row["gpPhone"])
                }
                problem = row["problem"]
            }
            return ContactCard(patient: patient, contacts: contacts, gpProblem: problem)
        }
    }

    /// Shows a patient's whole fødselsnummer to a viewer: the showing is written to the access log in
    /// the same transaction that reads the number. Nil (and nothing logged) when the viewer may not see
    /// the patient.
    public func revealNationalID(of patientID: String, for viewer: Viewer, workstation: String, at now: Date) throws -> String? {
        try writer.write { db in
            guard let patient = try Patient.fetchOne(db, key: patientID), try Self.maySee(patient, viewer, db) else { return nil }
            try Self.insert(AccessRecord(at: now, operatorID: viewer.operatorID, patientID: patientID, what: .nationalID,
                                         workstation: workstation), db)
            return patient.nationalID
        }
    }
}

/// What the contact panel shows: the patient (fødselsnummer masked until asked for) and whom to call.
public struct ContactCard: Sendable, Equatable {
    public var patient: Patient
    public var contacts: PatientContacts
    /// Why the GP's Practitioner could not be read from the service, if it could not.
    public var gpProblem: String?

    public init(patient: Patient, contacts: PatientContacts, gpProblem: String? = nil) {
        self.patient = patient
        self.contacts = contacts
        self.gpProblem = gpProblem
    }
}
