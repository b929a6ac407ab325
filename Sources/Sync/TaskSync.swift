import Foundation
import VardeDomain
import VardeService
import VardeStore

/// Carries handling steps to the server as conditional Task updates and brings colleagues' steps
/// back. The outbox is written before any network call, so a step survives a crash and is delivered
/// once: a repeat after an unseen success meets `412`, finds the server already as wanted, and stops.
public final class TaskSync: Sendable {
    let client: FHIRClient
    let cache: CacheDatabase
    let nurse: String
    let pageSize: Int
    /// Judges again what a patient measured after a colleague's resolution (see `CacheDatabase.applyRemote`).
    let triage: Triage
    /// The operator's municipalities: colleagues' Tasks for other municipalities' patients are not asked for.
    let municipalities: Set<String>?
    private let clock: @Sendable () -> Date

    public init(client: FHIRClient, cache: CacheDatabase, nurse: String, pageSize: Int = 500,
                municipalities: Set<String>? = nil, triage: Triage = Triage(),
                clock: @escaping @Sendable () -> Date = Date.init) {
        self.triage = triage
        self.municipalities = municipalities
        self.client = client
        self.cache = cache
        self.nurse = nurse
        self.pageSize = pageSize
        self.clock = clock
    }

    /// Delivers every waiting step, oldest first; stops at the first one the network refuses.
    public func flush(into summary: inout SyncSummary) throws {
        for entry in try cache.outbox() {
            let desired = TaskMapping.task(from: entry.alert)
            let id = TaskMapping.taskID(entry.alert.key)
            let body = try JSONEncoder().encode(desired)
            let answer: (status: Int, version: String?, body: Data)
            do {
                answer = try client.conditionalPut("Task/\(id)", body: body, ifMatch: entry.alert.taskVersion)
            } catch {
                try cache.deliveryFailed(alertKey: entry.alert.key, reason: "\(error)")
                throw error
            }
            if answer.status == 412 {
                // Somebody else changed it first, or our own earlier try got through unseen.
                let (current, version) = try client.read("Task/\(id)", as: FHIRTask.self)
                guard let state = TaskMapping.state(of: current) else { continue }
                let wanted = TaskMapping.state(of: desired)
                if state.owner == wanted?.owner, state.resolved == wanted?.resolved,
                   !state.resolved || (state.note ?? "") == (wanted?.note ?? "") {
                    try cache.delivered(alertKey: entry.alert.key, taskVersion: version ?? state.version)
                } else {
                    try cache.applyRemote(alertKey: state.alertKey, owner: state.owner, resolved: state.resolved,
                                          outcome: state.outcome, note: state.note, taskVersion: version ?? state.version,
                                          at: clock(), conflictFor: nurse)
                    summary.conflicts += 1
                }
            } else {
                try cache.delivered(alertKey: entry.alert.key, taskVersion: answer.version)
                summary.delivered += 1
            }
        }
    }

    /// Applies Tasks changed on the server since the last pass.
    public func pull(into summary: inout SyncSummary) throws {
        var parameters = [("_count", String(pageSize)), ("_sort", "_lastUpdated")]
        if let municipalities {
            parameters.insert((SyncEngine.municipalityParameter, municipalities.sorted().joined(separator: ",")), at: 0)
        }
        if let cursor = try cache.cursor(server: client.baseURL, resource: "Task") {
            // `ge`, not `gt`: a resource the server commits later with the very same stamp as the cursor must
            // still come (what arrives again unchanged changes nothing).
            parameters.insert(("_lastUpdated", "ge\(cursor)"), at: 0)
        }
        var next: String? = client.searchURL("Task", parameters)
        while let url = next {
            let page = try client.page(url, of: FHIRTask.self)
            let ceiling = CursorCeiling(serverDate: page.serverDate, fallback: clock())
            var newest: (Date, String)?
            var problems: [QuarantinedResource] = []
            for entry in page.entries {
                summary.fetched += 1
                let task: FHIRTask
                switch entry {
                case .success(let found): task = found
                case .failure(let problem):
                    problems.append(problem.quarantined(server: client.baseURL, at: clock(), defaultType: "Task"))
                    continue
                }
                newest = ceiling.newer(newest, task.meta?.lastUpdated, future: &summary.futureStamped)
                guard let state = TaskMapping.state(of: task) else { continue }
                // A Task under a name this workstation gave no alert may still be about the patient's open one.
                // The step counts from when it was taken on the server, never later than now here.
                let stepped = min(state.steppedAt ?? clock(), clock())
                if let local = try cache.alert(key: state.alertKey) {
                    if local.taskVersion == state.version { continue }
                } else if try cache.episode(of: state.patientID, openedBy: stepped) == nil {
                    continue
                }
                try cache.applyRemote(alertKey: state.alertKey, owner: state.owner, resolved: state.resolved,
                                      outcome: state.outcome, note: state.note, taskVersion: state.version, at: clock(),
                                      patientID: state.patientID, steppedAt: stepped, triage: triage)
            }
            summary.quarantined += problems.count
            try cache.quarantine(problems)
            if let newest { try cache.saveCursor(SyncCursor(server: client.baseURL, resource: "Task", value: newest.1)) }
            summary.pages += 1
            next = page.nextURL
        }
    }
}
