import Foundation
import GRDB
import VardeDomain

/// The prepared statements of measurement ingest: the hot path of an initial sync, kept to one
/// cached statement per step, bound by index (no record encoding or argument boxing per row).
struct MeasurementStatements {
    let insert: Statement
    let update: Statement
    let byIdentifier: Statement
    let twin: Statement
    let patientsAndPlans: Statement
    let planByRow: Statement
    let factsStamp: Statement
    let openAlert: Statement
    let openAlertZone: Statement
    let recentWeights: Statement
    let sinceForPatient: Statement
    let storedVersion: Statement
    let resolvedZone: Statement
    let memo: IngestMemo
    /// The buffer a row's texts are bound from (see `execute(_:for:)`).
    private let rowText = RowText()

    init(_ db: Database, memo: IngestMemo) throws {
        self.memo = memo
        insert = try db.cachedStatement(sql: """
            INSERT INTO observation (patientID, kind, code, codeDisplay, value, secondValue, unit, effective,
                                     lastUpdated, status, sourceIdentifier, comparator, id)
            VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING
            """)
        update = try db.cachedStatement(sql: """
            UPDATE observation SET patientID = ?, kind = ?, code = ?, codeDisplay = ?, value = ?, secondValue = ?,
                   unit = ?, effective = ?, lastUpdated = ?, status = ?, sourceIdentifier = ?, comparator = ?
            WHERE id = ?
            """)
        byIdentifier = try db.cachedStatement(sql: "SELECT id FROM observation WHERE sourceIdentifier = ? LIMIT 1")
        twin = try db.cachedStatement(sql: """
            SELECT id FROM observation WHERE patientID = ? AND kind = ? AND effective = ? AND value = ?
              AND secondValue IS ? AND id != ? AND code = ? LIMIT 1
            """)
        patientsAndPlans = try db.cachedStatement(sql: """
            SELECT j.value, p.diagnoses, c.rowid, c.planHash FROM json_each(?) j
            LEFT JOIN patient p ON p.id = j.value
            LEFT JOIN care_plan c INDEXED BY care_plan_by_hash ON c.patientID = j.value
            """)
        planByRow = try db.cachedStatement(sql: "SELECT plan FROM care_plan WHERE rowid = ?")
        factsStamp = try db.cachedStatement(sql: "SELECT stamp FROM triage_facts_stamp")
        // Read from the weights' own covering index (v12-ingest-weights): no row of the table is visited.
        recentWeights = try db.cachedStatement(sql: """
            SELECT effective, value, status FROM observation INDEXED BY observation_weights
            WHERE patientID = ? AND kind = 'bodyWeight' AND effective >= ? AND effective < ?
              AND status NOT IN ('entered-in-error', 'cancelled')
            """)
        sinceForPatient = try db.cachedStatement(sql: """
            SELECT id, patientID, kind, code, codeDisplay, value, secondValue, unit, effective, lastUpdated, status,
                   sourceIdentifier, comparator
            FROM observation WHERE patientID = ? AND effective >= ?
              AND status NOT IN ('entered-in-error', 'cancelled')
            """)
        storedVersion = try db.cachedStatement(sql: """
            SELECT kind, code, value, secondValue, effective, status, comparator, patientID FROM observation WHERE id = ?
            """)
        resolvedZone = try db.cachedStatement(sql: """
            SELECT MAX(zone) FROM alert WHERE triggerMeasurementID = ? AND status != 'open'
            """)
        openAlert = try db.cachedStatement(sql: "SELECT * FROM alert WHERE patientID = ? AND status = 'open' LIMIT 1")
        openAlertZone = try db.cachedStatement(sql: "SELECT zone, openedAt FROM alert WHERE patientID = ? AND status = 'open' LIMIT 1")
        for statement in [insert, update, byIdentifier, twin, patientsAndPlans, planByRow, openAlertZone, recentWeights,
                          sinceForPatient, storedVersion, resolvedZone] { statement.useRawBindings() }
    }

    /// Runs `insert` or `update` for one row: its columns bound in the order both name them, id last. The
    /// texts are copied into one reused buffer and bound from there, so that SQLite does not allocate and
    /// copy each of them again; the bindings are cleared before the buffer is let go.
    private func execute(_ statement: Statement, for m: HomeMeasurement) throws {
        statement.resetForBinding()
        var buffer = rowText.take()
        defer { rowText.give(back: buffer) }
        func append(_ text: String?) -> Range<Int>? {
            guard let text else { return nil }
            let start = buffer.count
            buffer.append(contentsOf: text.utf8)
            return start..<buffer.count
        }
        let patient = append(m.patientID), kind = append(m.kind.rawValue), code = append(m.code)
        let display = append(m.codeDisplay), unit = append(m.unit), status = append(m.status.rawValue)
        let identifier = append(m.sourceIdentifier), comparator = append(m.comparator?.rawValue), id = append(m.id)
        statement.bind(double: m.value, at: 5)
        statement.bind(double: m.secondValue, at: 6)
        statement.bind(double: m.effective.timeIntervalSince1970, at: 8)
        statement.bind(double: m.lastUpdated.timeIntervalSince1970, at: 9)
        try buffer.withUnsafeBytes { bytes in
            defer { statement.clearBindings() }
            statement.bind(unowned: patient, in: bytes, at: 1)
            statement.bind(unowned: kind, in: bytes, at: 2)
            statement.bind(unowned: code, in: bytes, at: 3)
            statement.bind(unowned: display, in: bytes, at: 4)
            statement.bind(unowned: unit, in: bytes, at: 7)
            statement.bind(unowned: status, in: bytes, at: 10)
            statement.bind(unowned: identifier, in: bytes, at: 11)
            statement.bind(unowned: comparator, in: bytes, at: 12)
            statement.bind(unowned: id, in: bytes, at: 13)
            try statement.execute()
        }
    }

    /// Inserts a measurement not seen before; false when its id, or its business identifier, is
    /// already stored.
    func insertIfNew(_ m: HomeMeasurement, _ db: Database) throws -> Bool {
        try execute(insert, for: m)
        return db.changesCount == 1
    }

    func replace(_ m: HomeMeasurement) throws {
        try execute(update, for: m)
    }

    /// The same measurement from a second source: the same business identifier when it has one,
    /// otherwise the same patient, kind, time and values, under another resource id.
    func isCopyFromAnotherSource(_ m: HomeMeasurement) throws -> Bool {
        if let identifier = m.sourceIdentifier {
            byIdentifier.bind(text: identifier, at: 1)
            return try byIdentifier.firstBytes { stored in !stored.elementsEqual(m.id.utf8) } ?? false
        }
        twin.bind(text: m.patientID, at: 1)
        twin.bind(text: m.kind.rawValue, at: 2)
        twin.bind(double: m.effective.timeIntervalSince1970, at: 3)
        twin.bind(double: m.value, at: 4)
        twin.bind(double: m.secondValue, at: 5)
        twin.bind(text: m.id, at: 6)
        twin.bind(text: m.code, at: 7)
        return try twin.firstBytes { _ in true } ?? false
    }

    /// The patient's counting weights in the `within` seconds before `before`, for the weight rules (trend
    /// and jump), which read kind, value, time and status only: those are all a returned measurement holds
    /// (no id, code or stamp), read from the weights' covering index without building the whole row.
    func weights(of patientID: String, before: Date, within: TimeInterval) throws -> [HomeMeasurement] {
        recentWeights.bind(text: patientID, at: 1)
        recentWeights.bind(double: before.timeIntervalSince1970 - within, at: 2)
        recentWeights.bind(double: before.timeIntervalSince1970, at: 3)
        var found: [HomeMeasurement] = []
        try recentWeights.forEachRawRow { row in
            let effective = Date(timeIntervalSince1970: row.double(0) ?? 0)
            found.append(HomeMeasurement(
                id: "", patientID: patientID, kind: .bodyWeight, code: "", value: row.double(1) ?? 0, unit: "",
                effective: effective, lastUpdated: effective,
                status: row.bytes(2).flatMap(Self.status) ?? .unknown))
        }
        return found
    }

    /// A stored status without building a string for it.
    private static func status(_ bytes: UnsafeRawBufferPointer) -> MeasurementStatus? {
        MeasurementStatus(rawValue: String(decoding: bytes, as: UTF8.self))
    }

    /// The patient's counting measurements from `since` on (for re-evaluating an alert).
    func measurements(of patientID: String, since: Date) throws -> [HomeMeasurement] {
        sinceForPatient.bind(text: patientID, at: 1)
        sinceForPatient.bind(double: since.timeIntervalSince1970, at: 2)
        return try Self.measurements(sinceForPatient)
    }

    /// Rows of the observation columns in `insert`'s order (comparator, when selected, twelfth).
    private static func measurements(_ statement: Statement) throws -> [HomeMeasurement] {
        var found: [HomeMeasurement] = []
        let hasComparator = statement.columnCount > 12
        try statement.forEachRawRow { row in
            found.append(HomeMeasurement(
                id: row.text(0) ?? "", patientID: row.text(1) ?? "",
                kind: row.text(2).flatMap(MeasurementKind.init(rawValue:)) ?? .other, code: row.text(3) ?? "",
                codeDisplay: row.text(4), value: row.double(5) ?? 0, secondValue: row.double(6), unit: row.text(7) ?? "",
                effective: Date(timeIntervalSince1970: row.double(8) ?? 0),
                lastUpdated: Date(timeIntervalSince1970: row.double(9) ?? 0),
                status: row.text(10).flatMap(MeasurementStatus.init(rawValue:)) ?? .unknown, sourceIdentifier: row.text(11),
                comparator: hasComparator ? row.text(12).flatMap(ValueComparator.init(rawValue:)) : nil))
        }
        return found
    }

    /// Whether a measurement received again differs from the stored one in what triage reads; nil when
    /// none is stored under its id.
    func differsFromStored(_ m: HomeMeasurement) throws -> Bool? {
        storedVersion.bind(text: m.id, at: 1)
        var differs: Bool?
        try storedVersion.forEachRawRow { row in
            differs = row.text(0) != m.kind.rawValue || row.text(1) != m.code || row.double(2) != m.value
                || row.double(3) != m.secondValue || row.double(4) != m.effective.timeIntervalSince1970
                || row.text(5) != m.status.rawValue || row.text(6) != m.comparator?.rawValue || row.text(7) != m.patientID
        }
        return differs
    }

    /// The worst zone of a handled (resolved or withdrawn) alert this measurement raised, if any.
    func handledZone(raisedBy measurementID: String) throws -> Zone? {
        try Self.zone(resolvedZone, measurementID)
    }

    /// The zone in the first column of the one row `statement` gives for `text`, nil for none (or NULL).
    private static func zone(_ statement: Statement, _ text: String) throws -> Zone? {
        statement.bind(text: text, at: 1)
        var zone: Zone?
        try statement.forEachRawRow { row in zone = row.integer(0).flatMap { Zone(rawValue: Int($0)) } }
        return zone
    }

    /// What triage needs to know about one patient, shared by reference: a plan is a large value, and
    /// copying it out of the lookup for every measurement showed in ingest profiles.
    final class TriageFacts {
        let diagnoses: [Diagnosis]
        let plan: SelfCarePlan?
        init(diagnoses: [Diagnosis], plan: SelfCarePlan?) {
            self.diagnoses = diagnoses
            self.plan = plan
        }
    }

    /// Patient ids as the JSON array the page queries take (`json_each`).
    static func jsonArray(_ patientIDs: [String]) -> String {
        var ids = StoredPlanJSON.Writer()
        ids.array(patientIDs) { w, id in w.string(id) }
        return String(decoding: ids.bytes, as: UTF8.self)
    }

    /// The diagnoses and plan of each patient named, in the order named (a patient named again gets the same
    /// facts): those confirmed under the current `triage_facts_stamp` from the memo, the rest in one query (a
    /// page of measurements names hundreds of patients, and a query each for both took as long as storing
    /// the measurements).
    func triageFacts(of patientIDs: [String]) throws -> [TriageFacts?] {
        guard let stamp = try Int64.fetchOne(factsStamp) else {
            let read = try readTriageFacts(of: Array(Set(patientIDs)))
            return patientIDs.map { read[$0] }
        }
        var facts = memo.confirmed(patientIDs, stamp: stamp)
        var unknown = Set<String>()
        for index in facts.indices where facts[index] == nil { unknown.insert(patientIDs[index]) }
        guard !unknown.isEmpty else { return facts }
        let read = try readTriageFacts(of: Array(unknown))
        memo.confirm(read, stamp: stamp)
        for index in facts.indices where facts[index] == nil { facts[index] = read[patientIDs[index]] }
        return facts
    }

    /// The diagnoses and plan of every patient named, read from the database (through the memo's decoded
    /// diagnoses and plans).
    private func readTriageFacts(of ids: [String]) throws -> [String: TriageFacts] {
        patientsAndPlans.bind(text: Self.jsonArray(ids), at: 1)
        var found: [String: TriageFacts] = Dictionary(minimumCapacity: ids.count)
        var unknownPlans: [(patientID: String, diagnoses: [Diagnosis], diagnosesJSON: [UInt8]?, row: Int64,
                            stored: IngestMemo.StoredPlan?)] = []
        try patientsAndPlans.forEachRawRow { row in
            guard let id = row.text(0) else { return }
            let planRow = row.integer(2)
            let stored: IngestMemo.StoredPlan? = planRow == nil ? .noPlan : row.integer(3).map { .hash(UInt64(bitPattern: $0)) }
            // The facts remembered, shared, when the stored diagnoses and plan are the ones they were made from.
            if let stored, let known = memo.facts(of: id, diagnoses: row.bytes(1), stored: stored) {
                found[id] = known
                return
            }
            let diagnoses = row.bytes(1).map { memo.diagnoses(of: id, json: $0) } ?? []
            guard let planRow else {
                found[id] = memo.remember(TriageFacts(diagnoses: diagnoses, plan: nil), of: id, diagnoses: row.bytes(1), stored: stored)
                return
            }
            // The plan remembered is the stored one when their hashes agree; only others are read whole.
            if case .hash(let hash)? = stored, let known = memo.plan(of: id, hash: hash) {
                found[id] = memo.remember(TriageFacts(diagnoses: diagnoses, plan: known), of: id, diagnoses: row.bytes(1), stored: stored)
            } else {
                unknownPlans.append((id, diagnoses, row.bytes(1).map(Array.init), planRow, stored))
            }
        }
        for unknown in unknownPlans {
            planByRow.bind(integer: unknown.row, at: 1)
            let plan = try planByRow.firstBytes { memo.plan(of: unknown.patientID, json: $0) }
            let facts = TriageFacts(diagnoses: unknown.diagnoses, plan: plan)
            found[unknown.patientID] = (unknown.diagnosesJSON ?? []).withUnsafeBytes { json in
                memo.remember(facts, of: unknown.patientID, diagnoses: unknown.diagnosesJSON == nil ? nil : json, stored: unknown.stored)
            }
        }
        return found
    }

    /// The zone of the patient's open alert and when it opened, nil when there is none (without decoding the
    /// alert: most findings meet an alert that already covers them, and only its zone and opening matter).
    func openAlertZone(of patientID: String) throws -> (zone: Zone, openedAt: Date)? {
        openAlertZone.bind(text: patientID, at: 1)
        var found: (Zone, Date)?
        try openAlertZone.forEachRawRow { row in
            if let zone = row.integer(0).flatMap({ Zone(rawValue: Int($0)) }) {
                found = (zone, Date(timeIntervalSince1970: row.double(1) ?? 0))
            }
        }
        return found
    }

    func openAlert(of patientID: String) throws -> Alert? {
        try Alert.fetchOne(openAlert, arguments: [patientID])
    }
}

/// A byte buffer kept between rows, handed out whole so that it is never copied on write.
final class RowText {
    private var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(512) }

    func take() -> [UInt8] {
        var taken: [UInt8] = []
        swap(&taken, &bytes)
        taken.removeAll(keepingCapacity: true)
        return taken
    }

    func give(back buffer: [UInt8]) { bytes = buffer }
}
