import Foundation
import GRDB
import VardeDomain

/// Where a sync run has got to for one resource type on one server: `_lastUpdated` of the newest
/// resource stored. Saved in the same transaction as the resources, so a crash never skips data.
public struct SyncCursor: Sendable, Equatable {
    public var server: String
    public var resource: String
    public var value: String

    public init(server: String, resource: String, value: String) {
        self.server = server
        self.resource = resource
        self.value = value
    }
}

/// What one stored page did to the cache.
public struct IngestResult: Sendable, Equatable {
    public var stored = 0
    public var alertsOpened = 0
    public var alertsEscalated = 0
    public var alertsWithdrawn = 0
    /// Measurements already stored under another resource id (the same one from a second source).
    public var duplicates = 0
    /// Alerts renamed by a late upload measured before they opened (`Alert.named(byEarlier:)`).
    public var alertsRenamed = 0

    public init() {}
}

extension CacheDatabase {
    /// Stores patients (and the municipalities they name) and advances the cursor, atomically.
    @discardableResult
    public func storePatients(_ patients: [Patient], municipalities: [Municipality], cursor: SyncCursor?) throws -> Int {
        try writer.write { db in
            // A page names each municipality many times over: write each once, as last named.
            let municipality = try db.cachedStatement(sql: """
                INSERT INTO municipality(number, name) VALUES (?, ?) ON CONFLICT(number) DO UPDATE SET name = excluded.name
                """)
            municipality.useRawBindings()
            var seen = Set<String>()
            for named in municipalities.reversed() where seen.insert(named.number).inserted {
                municipality.resetForBinding()
                municipality.bind(text: named.number, at: 1)
                municipality.bind(text: named.name, at: 2)
                try municipality.execute()
            }
            let patient = try db.cachedStatement(sql: """
                INSERT INTO patient(id, nationalID, givenName, familyName, birthDate, gender, municipalityNumber,
                                    diagnoses, lastUpdated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET nationalID = excluded.nationalID, givenName = excluded.givenName,
                    familyName = excluded.familyName, birthDate = excluded.birthDate, gender = excluded.gender,
                    municipalityNumber = excluded.municipalityNumber, diagnoses = excluded.diagnoses,
                    lastUpdated = excluded.lastUpdated
                """)
            patient.useRawBindings()
            for p in patients {
                // The JSON array GRDB writes for a Codable column, and the bytes the ingest memo compares.
                let diagnoses = "[" + p.diagnoses.map { "\"\($0.rawValue)\"" }.joined(separator: ",") + "]"
                patient.resetForBinding()
                patient.bind(text: p.id, at: 1)
                patient.bind(text: p.nationalID, at: 2)
                patient.bind(text: p.givenName, at: 3)
                patient.bind(text: p.familyName, at: 4)
                patient.bind(text: p.birthDate, at: 5)
                patient.bind(text: p.gender, at: 6)
                patient.bind(text: p.municipalityNumber, at: 7)
                patient.bind(text: diagnoses, at: 8)
                patient.bind(double: p.lastUpdated.timeIntervalSince1970, at: 9)
                try patient.execute()
                memo.remember(diagnoses: p.diagnoses, of: p.id, json: Array(diagnoses.utf8))
            }
            if let cursor { try saveCursor(cursor, db) }
            return patients.count
        }
    }

    /// Stores measurements, runs triage on the ones not seen before, and advances the cursor, atomically.
    @discardableResult
    public func storeMeasurements(_ measurements: [HomeMeasurement], triage: Triage, now: Date,
                                  cursor: SyncCursor?) throws -> IngestResult {
        try writer.write { db in try storeMeasurements(measurements, triage: triage, now: now, cursor: cursor, db) }
    }

    /// `storeMeasurements` inside a transaction already open (one page of an `IngestBatch`).
    func storeMeasurements(_ measurements: [HomeMeasurement], triage: Triage, now: Date, cursor: SyncCursor?,
                           _ db: Database) throws -> IngestResult {
        var result = IngestResult()
        let statements = try MeasurementStatements(db, memo: memo)
        // Each measurement's patient's diagnoses and plan, by the measurement's index.
        let facts = try statements.triageFacts(of: measurements.map(\.patientID))
        // In time order, so that trends and escalations see earlier measurements first; a page
        // usually arrives in that order already.
        let order = measurements.indices.sorted {
            measurements[$0].effective < measurements[$1].effective || (measurements[$0].effective == measurements[$1].effective && $0 < $1)
        }
        for index in order {
            let measurement = measurements[index]
            // A copy is found by its business identifier when the insert meets it in the unique
            // index, otherwise (no identifier) by patient, kind, code, time and values beforehand.
            if measurement.sourceIdentifier == nil, try statements.isCopyFromAnotherSource(measurement) {
                result.duplicates += 1
                continue
            }
            // Whether a measurement stored before comes back changed (a new version: amended or withdrawn);
            // the same version sent again changes nothing.
            var amended = false
            if try !statements.insertIfNew(measurement, db) {
                if measurement.sourceIdentifier != nil, try statements.isCopyFromAnotherSource(measurement) {
                    result.duplicates += 1
                    continue
                }
                amended = try statements.differsFromStored(measurement) ?? true
                // The same version again (a search that overlaps the last one) is neither stored nor judged anew.
                guard amended else { continue }
                try statements.replace(measurement)
                result.stored += 1
                // Every version is judged: the alert it raised shows the worst finding that still stands.
                if let open = try statements.openAlert(of: measurement.patientID),
                   open.triggerMeasurementID == measurement.id {
                    switch try reevaluate(open, statements: statements, triage: triage, facts: facts[index], now: now, db) {
                    case .withdrawn: result.alertsWithdrawn += 1
                    case .changed, .unchanged: break
                    }
                    continue
                }
                guard measurement.status.counts else { continue }
            } else {
                result.stored += 1
            }
            // Older than the triage window, a measurement is history: it can neither open nor escalate.
            guard now.timeIntervalSince(measurement.effective) <= triage.window else { continue }
            let diagnoses = facts[index]?.diagnoses ?? [], plan = facts[index]?.plan
            let recentWeights = try weightsForTrend(measurement, diagnoses: diagnoses, statements)
            // Most measurements are green: only look up the open alert when triage could change it.
            guard let finding = triage.finding(measurement, diagnoses: diagnoses, plan: plan, recentWeights: recentWeights)
            else { continue }
            // An open alert as bad or worse already covers the patient (as `Triage.evaluate` decides):
            // its zone alone says so, without reading the whole alert.
            let open = try statements.openAlertZone(of: measurement.patientID)
            if let open, finding.zone <= open.zone {
                // Only a measurement from before the alert opened can give it an earlier name.
                if measurement.effective < open.openedAt, let open = try statements.openAlert(of: measurement.patientID),
                   let renamed = open.named(byEarlier: measurement, finding: finding) {
                    try rename(open, to: renamed, db)
                    result.alertsRenamed += 1
                }
                continue
            }
            // A new version of a finding a nurse has handled opens no new alert unless it is worse.
            if amended, let handled = try statements.handledZone(raisedBy: measurement.id), finding.zone <= handled { continue }
            switch triage.evaluate(measurement, diagnoses: diagnoses, plan: plan, recentWeights: recentWeights,
                                   openAlert: open == nil ? nil : try statements.openAlert(of: measurement.patientID), now: now) {
            case .none: break
            case .open(var alert):
                // Stored again (its row was lost to a damaged cache and fetched anew), a measurement that opened
                // an alert once does not open it twice: a nurse may have handled that one already. A new version
                // of it (amended, worse than what was handled) does.
                if !amended, try Self.hasOpenedAnAlert(alert.key, db) { break }
                try Self.insertOpened(&alert, db)
                result.alertsOpened += 1
            case .escalate(let alert):
                if let renamed = alert.named(byEarlier: measurement, finding: finding) {
                    try rename(alert, to: renamed, db)
                    result.alertsRenamed += 1
                } else {
                    try alert.update(db)
                }
                result.alertsEscalated += 1
            }
        }
        if let cursor { try saveCursor(cursor, db) }
        return result
    }

    /// The patient's earlier weights before a weight: three days for the heart-failure weight trend, a day
    /// for everyone else (a jump within a day is a suspected measurement error); empty for other kinds.
    func weightsForTrend(_ m: HomeMeasurement, diagnoses: [Diagnosis],
                                 _ statements: MeasurementStatements) throws -> [HomeMeasurement] {
        guard m.kind == .bodyWeight else { return [] }
        let within = diagnoses.contains(.heartFailure) ? WeightTrendRule.window : 86_400
        return try statements.weights(of: m.patientID, before: m.effective, within: within)
    }

    enum Reevaluation { case unchanged, changed, withdrawn }

    /// The open alert after the measurement that set it was amended or withdrawn: the worst finding that
    /// still stands since it opened, inside the triage window; withdrawn when none does.
    private func reevaluate(_ alert: Alert, statements: MeasurementStatements, triage: Triage,
                            facts known: MeasurementStatements.TriageFacts?, now: Date, _ db: Database) throws -> Reevaluation {
        let diagnoses = known?.diagnoses ?? [], plan = known?.plan
        var findings: [(HomeMeasurement, Judgement)] = []
        // What a nurse has handled does not stand again: only measurements since the patient's last resolved alert.
        let handledUntil = try Double.fetchOne(db, sql: "SELECT MAX(resolvedAt) FROM alert WHERE patientID = ? AND status = 'resolved'",
                                               arguments: [alert.patientID]).map(Date.init(timeIntervalSince1970:))
        let since = max(handledUntil ?? .distantPast, now.addingTimeInterval(-triage.window))
        for m in try statements.measurements(of: alert.patientID, since: since) {
            let weights = try weightsForTrend(m, diagnoses: diagnoses, statements)
            if let finding = triage.finding(m, diagnoses: diagnoses, plan: plan, recentWeights: weights) { findings.append((m, finding)) }
        }
        guard let updated = triage.reevaluate(alert, findings: findings, now: now) else {
            var withdrawn = alert
            withdrawn.status = .withdrawn
            try withdrawn.update(db)
            return .withdrawn
        }
        guard updated != alert else { return .unchanged }
        try updated.update(db)
        return .changed
    }

    static func hasOpenedAnAlert(_ key: String, _ db: Database) throws -> Bool {
        let statement = try db.cachedStatement(
            sql: "SELECT EXISTS (SELECT 1 FROM alert WHERE key = ?1) OR EXISTS (SELECT 1 FROM alert_alias WHERE key = ?1)")
        return try Bool.fetchOne(statement, arguments: [key]) ?? false
    }

    /// Gives an alert nobody has shared the name of its earliest finding (`Alert.named(byEarlier:)`); the old
    /// name stays as an alias, so a colleague's Task under it still finds the alert.
    private func rename(_ alert: Alert, to renamed: Alert, _ db: Database) throws {
        try renamed.update(db)
        try db.execute(sql: "INSERT OR REPLACE INTO alert_alias(key, alertID) VALUES (?, ?)", arguments: [alert.key, alert.id])
        try db.execute(sql: "UPDATE alert_history SET alertKey = ? WHERE alertKey = ?", arguments: [renamed.key, alert.key])
    }

    /// Moves a cursor on its own (for resources stored elsewhere, such as Tasks).
    public func saveCursor(_ cursor: SyncCursor) throws {
        try writer.write { db in try saveCursor(cursor, db) }
    }

    public func cursor(server: String, resource: String) throws -> String? {
        try reader.read { db in
            try String.fetchOne(db, sql: "SELECT cursor FROM sync_cursor WHERE server = ? AND resource = ?",
                                arguments: [server, resource])
        }
    }

    func saveCursor(_ cursor: SyncCursor, _ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO sync_cursor(server, resource, cursor) VALUES (?, ?, ?)
            ON CONFLICT(server, resource) DO UPDATE SET cursor = excluded.cursor
            """, arguments: [cursor.server, cursor.resource, cursor.value])
    }
}
