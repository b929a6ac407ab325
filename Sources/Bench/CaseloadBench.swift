import Foundation
import GRDB
import VardeDomain
import VardeStore

/// The caseload figures over 30 days of alert history for 50,000 patients in 400 municipalities,
/// against the 200 ms the view may take. The cache is seeded directly through SQL (this measures the
/// figures, not the sync).
enum CaseloadBench {
    static let target = 200.0

    static func row(folder: URL, patients: Int = 50_000, municipalities: Int = 400) throws -> Row {
        let cache = try CacheDatabase(path: folder.appendingPathComponent("caseload.sqlite").path)
        let now = Date(timeIntervalSince1970: 1_795_420_800) // Monday 23.11.2026 09:00 Norwegian time
        let seeded = Date()
        let history = try seed(cache, patients: patients, municipalities: municipalities, now: now)
        FileHandle.standardError.write(Data("# caseload: seeded \(patients) patients, \(history.alerts) alerts, \(history.steps) history steps in \(String(format: "%.1f", Date().timeIntervalSince(seeded))) s\n".utf8))
        let staffing = Staffing(fte: Dictionary(uniqueKeysWithValues: (0..<12).map { ("nurse\($0)", 1.0) }))
        var report: CaseloadReport?
        var computations = 0
        let cpu = processCPU()
        let ms = FrameBench.median(runs: 7) {
            report = try? cache.caseload(since: now.addingTimeInterval(-30 * 86_400), now: now, staffing: staffing)
            computations += 1
        }
        // The figures are worked out side by side on every core: the CPU they take, all threads, is steadier than the clock.
        FileHandle.standardError.write(Data(String(format: "# caseload: cpu per computation %.0f ms (all threads, %d cores)\n",
                                                   (processCPU() - cpu) * 1000 / Double(computations),
                                                   ProcessInfo.processInfo.activeProcessorCount).utf8))
        guard let report, report.total.patients == patients, report.municipalities.count == municipalities else {
            throw BenchError("caseload figures came out wrong")
        }
        return Row(name: "caseload.figures_50k_30d", value: ms, unit: "ms", floor: target, floorUnit: "ms target")
    }

    /// Patients with diagnoses and plans, and three alerts each over 30 days: most claimed and resolved
    /// by one of twelve nurses, one in ten still open.
    static func seed(_ cache: CacheDatabase, patients: Int, municipalities: Int, now: Date) throws -> (alerts: Int, steps: Int) {
        var generator = SeededGenerator(seed: 42)
        var alerts = 0, steps = 0
        try cache.writer.write { db in
            for index in 0..<municipalities {
                try db.execute(sql: "INSERT INTO municipality(number, name) VALUES (?, ?)",
                               arguments: [String(format: "9%03d", index), "Kommune \(index)"])
            }
            let patient = try db.makeStatement(sql: """
                INSERT INTO patient(id, nationalID, givenName, familyName, birthDate, gender, municipalityNumber, diagnoses, lastUpdated)
                VALUES (?, ?, 'Syn', 'Tetisk', '1950-01-01', 'female', ?, ?, 0)
                """)
            let plan = try db.makeStatement(sql: "INSERT INTO care_plan(patientID, id, plan, lastUpdated) VALUES (?, ?, '{}', 0)")
            let alert = try db.makeStatement(sql: """
                INSERT INTO alert(patientID, zone, openedAt, raisedAt, triggerMeasurementID, status, basis, key, owner,
                                  claimedAt, claimedBy, resolvedAt, resolvedBy)
                VALUES (?, ?, ?, ?, '', ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            let step = try db.makeStatement(sql: "INSERT INTO alert_history(alertKey, patientID, at, who, what) VALUES (?, ?, ?, ?, ?)")
            let groups = Diagnosis.allCases.map(\.rawValue)
            // Alerts are written in the order they are opened, as triage writes them: a patient's
            // three lie far apart in the table.
            var written: [(opened: Double, alert: StatementArguments, steps: [StatementArguments])] = []
            for index in 0..<patients {
                let id = "p\(index)"
                let diagnoses = "[\"\(groups[index % groups.count])\"" + (index % 3 == 0 ? ",\"\(groups[(index + 1) % groups.count])\"]" : "]")
                try patient.execute(arguments: [id, String(format: "%011d", index), String(format: "9%03d", index % municipalities), diagnoses])
                if index % 10 != 0 { try plan.execute(arguments: [id, "plan-\(index)"]) }
                for number in 0..<3 {
                    let opened = now.addingTimeInterval(-Double.random(in: 0..<(30 * 86_400), using: &generator)).timeIntervalSince1970
                    let open = number == 0 && index % 10 == 0
                    let zone = [2, 1, 1, 0][Int.random(in: 0..<4, using: &generator)]
                    let key = "\(id)--\(number)"
                    let nurse = "nurse\(Int.random(in: 0..<12, using: &generator))"
                    // One alert in five is resolved by a colleague of the nurse who took it.
                    let resolver = Int.random(in: 0..<5, using: &generator) == 0 ? "nurse\(Int.random(in: 0..<12, using: &generator))" : nurse
                    let claimed = opened + Double.random(in: 60..<14_400, using: &generator)
                    let resolved = open ? nil : claimed + Double.random(in: 60..<7_200, using: &generator)
                    var steps: [StatementArguments] = [[key, id, claimed, nurse, "claimed"]]
                    if let resolved { steps.append([key, id, resolved, resolver, "resolved: advisedPerPlan"]) }
                    written.append((opened, [id, zone, opened, opened, open ? "open" : "resolved",
                                             zone == 0 ? "missingMeasurement" : "plan", key, open ? nurse : nil,
                                             claimed, nurse, resolved, resolved == nil ? nil : resolver], steps))
                }
            }
            for (_, arguments, history) in written.sorted(by: { $0.opened < $1.opened }) {
                try alert.execute(arguments: arguments)
                alerts += 1
                for arguments in history { try step.execute(arguments: arguments) }
                steps += history.count
            }
        }
        return (alerts, steps)
    }
}

/// A small deterministic generator, so every run seeds the same history.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
