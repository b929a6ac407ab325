import Foundation
import VardeDomain

/// Decoded diagnoses and plans, remembered with the exact stored JSON bytes (diagnoses) or the hash
/// stored with them (plans): ingest looks them up for almost every measurement, and decoding them each
/// time cost more than storing the measurement. A changed one has other bytes or another hash, so it
/// is decoded again; nothing needs invalidating.
final class IngestMemo: @unchecked Sendable {
    private let lock = NSLock()
    private var diagnoses: [String: (json: [UInt8], value: [Diagnosis])] = [:]
    private var plans: [String: (hash: UInt64, value: SelfCarePlan?)] = [:]
    /// Each patient's triage facts as last made, with what they were made from.
    private var facts: [String: FactsEntry] = [:]
    private let limit = 200_000
    /// Facts as the cache held them under one `triage_facts_stamp`: while the stamp stands, nothing triage
    /// reads about these patients has changed, and they are used without asking the database.
    private var confirmedStamp: Int64?
    private var confirmedFacts: [String: MeasurementStatements.TriageFacts] = [:]

    /// Which plan a patient's stored facts were made with: none, or the one stored with this hash (a plan
    /// stored without a hash is read whole every time, and its facts are not remembered).
    enum StoredPlan: Equatable {
        case noPlan
        case hash(UInt64)
    }

    private final class FactsEntry {
        let diagnosesJSON: [UInt8]?
        let plan: StoredPlan
        let facts: MeasurementStatements.TriageFacts
        init(diagnosesJSON: [UInt8]?, plan: StoredPlan, facts: MeasurementStatements.TriageFacts) {
            self.diagnosesJSON = diagnosesJSON
            self.plan = plan
            self.facts = facts
        }
    }

    /// The patient's triage facts, shared, when they were made from the same stored diagnoses (bytes; nil
    /// when the patient is not stored) and plan; nil otherwise. A page names hundreds of patients: one
    /// lookup each, and no copy of a plan.
    func facts(of patientID: String, diagnoses json: UnsafeRawBufferPointer?, stored plan: StoredPlan) -> MeasurementStatements.TriageFacts? {
        lock.lock()
        defer { lock.unlock() }
        guard let entry = facts[patientID], entry.plan == plan else { return nil }
        switch (entry.diagnosesJSON, json) {
        case (nil, nil): return entry.facts
        case let (known?, json?): return Self.same(known, json) ? entry.facts : nil
        default: return nil
        }
    }

    /// Facts just made from the stored diagnoses and plan; returns them. Not remembered when `stored` is
    /// nil (a plan without a hash).
    @discardableResult
    func remember(_ made: MeasurementStatements.TriageFacts, of patientID: String, diagnoses json: UnsafeRawBufferPointer?,
                  stored plan: StoredPlan?) -> MeasurementStatements.TriageFacts {
        guard let plan else { return made }
        let entry = FactsEntry(diagnosesJSON: json.map { Array($0) }, plan: plan, facts: made)
        lock.lock()
        defer { lock.unlock() }
        if facts.count >= limit { facts.removeAll() }
        facts[patientID] = entry
        return made
    }

    /// The facts confirmed under `stamp` for each of `patientIDs`, in order; nil for a patient not confirmed
    /// under it (every one when the stamp has moved: what was confirmed under another stamp is forgotten).
    func confirmed(_ patientIDs: [String], stamp: Int64) -> [MeasurementStatements.TriageFacts?] {
        lock.lock()
        defer { lock.unlock() }
        guard confirmedStamp == stamp else {
            confirmedStamp = stamp
            confirmedFacts.removeAll()
            return Array(repeating: nil, count: patientIDs.count)
        }
        return patientIDs.map { confirmedFacts[$0] }
    }

    /// Facts just read under `stamp` (in the same transaction as the stamp).
    func confirm(_ made: [String: MeasurementStatements.TriageFacts], stamp: Int64) {
        lock.lock()
        defer { lock.unlock() }
        guard confirmedStamp == stamp else {
            confirmedStamp = stamp
            confirmedFacts = made
            return
        }
        if confirmedFacts.count + made.count > limit { confirmedFacts.removeAll() }
        confirmedFacts.merge(made) { _, new in new }
    }

    private static func same(_ known: [UInt8], _ json: UnsafeRawBufferPointer) -> Bool {
        known.count == json.count
            && (json.isEmpty || known.withUnsafeBytes { memcmp($0.baseAddress!, json.baseAddress!, json.count) == 0 })
    }

    func diagnoses(of patientID: String, json: UnsafeRawBufferPointer) -> [Diagnosis] {
        lock.lock()
        defer { lock.unlock() }
        if let known = diagnoses[patientID], Self.same(known.json, json) { return known.value }
        let list = (try? JSONDecoder().decode([Diagnosis].self, from: Data(json))) ?? []
        if diagnoses.count >= limit { diagnoses.removeAll() }
        diagnoses[patientID] = (Array(json), list)
        return list
    }

    /// A patient's diagnoses just stored as `json` (see `remember(_:hash:)` for plans).
    func remember(diagnoses list: [Diagnosis], of patientID: String, json: [UInt8]) {
        lock.lock()
        defer { lock.unlock() }
        if diagnoses.count >= limit { diagnoses.removeAll() }
        diagnoses[patientID] = (json, list)
    }

    /// The hash stored with a plan (`care_plan.planHash`): FNV-1a over its JSON bytes.
    static func planHash(_ json: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in json { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }

    /// A plan just stored with `hash`: the first measurements after an initial sync of plans then need
    /// no decoding at all (the hash is compared on lookup, so a write that did not land is harmless).
    func remember(_ plan: SelfCarePlan, hash: UInt64) {
        lock.lock()
        defer { lock.unlock() }
        if plans.count >= limit { plans.removeAll() }
        plans[plan.patientID] = (hash, plan)
    }

    /// The plan remembered for the patient if it is the one stored with `hash`; nil when unknown.
    func plan(of patientID: String, hash: UInt64) -> SelfCarePlan?? {
        lock.lock()
        defer { lock.unlock() }
        guard let known = plans[patientID], known.hash == hash else { return nil }
        return .some(known.value)
    }

    /// The plan stored as `json`; nil when it no longer decodes (as `CacheDatabase.plan(patientID:)`).
    func plan(of patientID: String, json: UnsafeRawBufferPointer) -> SelfCarePlan? {
        let hash = Self.planHash(json)
        if let known = plan(of: patientID, hash: hash) { return known }
        let plan = try? JSONDecoder().decode(SelfCarePlan.self, from: Data(json))
        lock.lock()
        defer { lock.unlock() }
        if plans.count >= limit { plans.removeAll() }
        plans[patientID] = (hash, plan)
        return plan
    }
}
