import Foundation
import GRDB
import Testing
import TestSupport
import VardeDomain
import VardeService
import VardeSim

/// The simulated centre lives as a real one: three days of 400 patients, frozen on a Wednesday in
/// service hours, synced and drawn by the real binary. Some patients forgot to measure today (missing
/// items), the paused and those in their trial period did not raise any, a late tablet's measurement
/// waits from when it was measured, and colleagues claimed and resolved alerts through the Task API.
@Suite struct LivingCentreTests {
    /// Wednesday 25 November 2026, 11:30 in Oslo: service hours, past the plans' morning deadlines.
    static let wednesday = "2026-11-25T10:30:00Z"

    @Test func aThreeDayCentreInServiceHoursLooksLikeAStaffedCentre() async throws {
        let now = try #require(ISO8601DateFormatter().date(from: Self.wednesday))
        let sim = try await RunningSim(SimConfig(patients: 400, municipalities: 30, seed: 1, speed: 1, historyDays: 3,
                                                 start: now, frozen: true))
        defer { sim.stop() }
        let varde = vardeExecutable()
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("varde-living-\(UUID().uuidString)").path
        let url = sim.baseURL
        let sync = try await offPool { try runCommand(varde, ["sync", "--now", Self.wednesday, "--once", "--server", url, "--home", home]) }
        #expect(sync.status == 0, "\(sync.stderr)")
        let queue = try runCommand(varde, ["render", "queue", "--home", home, "--now", Self.wednesday, "--size", "160x60"]).stdout

        // Forgetful patients: missing-measurement items in the queue.
        #expect(queue.contains("○ MANGLER"), "\(queue)")

        let cache = try DatabaseQueue(path: home + "/cache.sqlite")
        let missingFor = try await cache.read { db in
            try Set(String.fetchAll(db, sql: "SELECT patientID FROM alert WHERE basis = 'missingMeasurement'"))
        }
        #expect(!missingFor.isEmpty)
        // Nobody paused, in a trial period or done with follow-up has one, though they measured nothing today.
        let resting = sim.centre.allPlans.filter { $0.followUpState(at: now) != .followUp && !$0.schedule.isEmpty }
        #expect(resting.contains { $0.followUpState(at: now) == .paused }, "the centre has paused patients")
        #expect(resting.contains { $0.followUpState(at: now) == .trialPeriod }, "the centre has patients in their trial period")
        #expect(missingFor.isDisjoint(with: resting.map(\.patientID)), "a paused or trial-period patient got a missing item")

        // A late tablet: its measurement arrived hours after it was taken; an alert it opened waits from the measurement.
        let late = sim.centre.allObservations().filter { $0.lastUpdated.timeIntervalSince($0.effective) > 3600 }
        #expect(!late.isEmpty, "some tablets upload late")
        let lateAlerts = try await cache.read { db in
            try Row.fetchAll(db, sql: "SELECT triggerMeasurementID, openedAt FROM alert WHERE triggerMeasurementID IN (\(late.map { "'\($0.id)'" }.joined(separator: ",")))")
        }
        #expect(!lateAlerts.isEmpty, "a late upload opened an alert")
        for row in lateAlerts {
            let measurement = try #require(late.first { $0.id == row["triggerMeasurementID"] as String })
            #expect(abs((row["openedAt"] as Double) - measurement.effective.timeIntervalSince1970) < 1,
                    "the alert waits from when \(measurement.id) was measured, not from its upload")
        }

        // Colleagues worked Monday, Tuesday and this morning: claims and resolutions with outcomes, by name.
        let colleagues = try await cache.read { db in
            try Row.fetchAll(db, sql: "SELECT who, what FROM alert_history WHERE who IN ('hanne', 'ola', 'siri')")
        }
        #expect(colleagues.contains { ($0["what"] as String).hasPrefix("resolved:") }, "colleagues resolved alerts")
        let holding = try await cache.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM alert WHERE status = 'open' AND owner IN ('hanne', 'ola', 'siri')") ?? 0
        }
        #expect(holding > 0, "a colleague holds an alert right now")
        // What the colleagues did reaches this workstation whatever it named the alerts (it judged three days at
        // once; a measurement the colleagues judged was later withdrawn): no alert a colleague's resolution
        // covered stays open here, and every alert a colleague holds shows as theirs.
        // The client (and its kept-alive connection) is gone before the simulator stops: a connection still
        // open when the server shuts down ends the test process in NIO.
        let steps = try Self.tasks(on: url)
        #expect(steps.count > 10, "colleagues made Tasks")
        let lastResolved = Dictionary(steps.filter(\.resolved).compactMap { step in
            step.patientID.flatMap { id in step.steppedAt.map { (id, $0.timeIntervalSince1970) } }
        }, uniquingKeysWith: max)
        let openHere = try await cache.read { db in
            try Row.fetchAll(db, sql: "SELECT key, patientID, openedAt, owner FROM alert WHERE status = 'open'")
        }
        // Unread messages and missing measurements stay items after a resolution, by design (chapter 2).
        let covered = openHere.filter { row in
            let key = row["key"] as String
            return !key.contains("--msg-") && !key.contains("--missing-") && (row["owner"] as String?) == nil && (lastResolved[row["patientID"]].map { (row["openedAt"] as Double) <= $0 } ?? false)
        }
        #expect(covered.isEmpty, "open here though a colleague resolved them later: \(covered.map { $0["key"] as String })")
        for held in steps where !held.resolved && held.owner != nil {
            let owner = openHere.first { ($0["key"] as String) == held.alertKey }.flatMap { $0["owner"] as String? }
            #expect(owner == held.owner, "\(held.alertKey) is held by \(held.owner ?? "")")
        }
        let caseload = try runCommand(varde, ["render", "caseload", "--home", home, "--now", Self.wednesday, "--size", "160x48"]).stdout
        #expect(caseload.contains("hanne") && caseload.contains("ola"), "\(caseload)")
    }

    /// Every Task on the service, as what they say about their alerts.
    static func tasks(on url: String) throws -> [TaskMapping.State] {
        let client = FHIRClient(baseURL: url, http: CurlHTTPClient())
        var steps: [TaskMapping.State] = []
        var next: String? = client.searchURL("Task", [("_count", "500")])
        while let page = next {
            let tasks = try client.page(page, of: FHIRTask.self)
            steps += try tasks.entries.map { try $0.get() }.compactMap(TaskMapping.state(of:))
            next = tasks.nextURL
        }
        return steps
    }
}
