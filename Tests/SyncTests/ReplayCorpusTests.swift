import Foundation
import Testing
import TestSupport
import VardeDomain
import VardeService
import VardeStore
import VardeSync

/// "Never miss a red": every case of the replay corpus (Replay/*.json) through the real sync path:
/// `SyncEngine` with the real libcurl `FHIRClient` against a static FHIR server on loopback, into a
/// real cache file, at a fixed `now`. Reports expected against actual for every case and pass;
/// fails on any missed red or other misclassification.
@Suite(.serialized)
struct ReplayCorpusTests {
    @Test func everyCaseOfTheCorpusEndsWhereItShouldAndNoRedIsMissed() throws {
        let cases = try ReplayCorpus.load()
        let only = ProcessInfo.processInfo.environment["REPLAY_CASE"].flatMap { $0.isEmpty ? nil : $0 }
        let selected = cases.filter { only == nil || $0.name.contains(only!) }
        #expect(!selected.isEmpty)
        let server = try StaticFHIRServer(date: ReplayCorpus.now)
        defer { server.stop() }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("varde-replay-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }

        var report: [String] = []
        var missedReds: [String] = []
        var misclassified: [String] = []
        for (number, replayCase) in selected.enumerated() {
            let cache = try CacheDatabase(path: folder.appendingPathComponent("case-\(number).sqlite").path)
            for (index, outcome) in try ReplayRunner(server: server, cache: cache).run(replayCase).enumerated() {
                let label = "[rule \(replayCase.rule)] \(replayCase.name)" + (replayCase.passes.count > 1 ? " (pass \(index + 1))" : "")
                if outcome.problems.isEmpty {
                    report.append("ok    \(label): \(outcome.actual)")
                    continue
                }
                let line = "FAIL  \(label): expected \(outcome.expected); actual \(outcome.actual) — \(outcome.problems.joined(separator: "; "))"
                report.append(line)
                if outcome.missedRed { missedReds.append(line) } else { misclassified.append(line) }
            }
        }
        var summary = "replay corpus: \(selected.count) cases, \(missedReds.count) missed reds, \(misclassified.count) misclassifications"
        let rules: [String] = Set(selected.map(\.rule)).sorted { (a: String, b: String) -> Bool in
            a.count == b.count ? a < b : a.count < b.count
        }
        for rule in rules {
            let tag = "[rule \(rule)] "
            let lines = report.filter { $0.contains(tag) }
            summary += "\n  rule \(rule): \(lines.filter { $0.hasPrefix("ok") }.count) of \(lines.count) passes as expected"
        }
        let text = ([summary] + report).joined(separator: "\n")
        print(text)
        try? text.write(to: FileManager.default.temporaryDirectory.appendingPathComponent("varde-replay-report.txt"),
                        atomically: true, encoding: .utf8)
        #expect(missedReds.isEmpty, "missed reds:\n\(missedReds.joined(separator: "\n"))")
        #expect(misclassified.isEmpty, "misclassifications:\n\(misclassified.joined(separator: "\n"))")
    }

    @Test func theStaticServerPagesHonoursLastUpdatedAndSetsItsDate() throws {
        let server = try StaticFHIRServer(date: ReplayCorpus.now)
        defer { server.stop() }
        for i in 0..<5 {
            let stamp = ReplayCorpus.now.addingTimeInterval(Double(i) * 60)
            server.put("Observation", .init(id: "o\(i)", lastUpdated: stamp,
                                            body: Data(#"{"resourceType":"Observation","id":"o\#(i)"}"#.utf8)))
        }
        let http = CurlHTTPClient()
        let first = try http.send(HTTPRequest(url: "\(server.baseURL)/Observation?_count=2&_lastUpdated=gt2026-11-22T12:00:00Z"))
        #expect(first.status == 200)
        #expect(first.headers["date"] == "Sun, 22 Nov 2026 12:00:00 GMT")
        let bundle = try #require(try JSONSerialization.jsonObject(with: first.body) as? [String: Any])
        #expect(bundle["total"] as? Int == 4)
        #expect((bundle["entry"] as? [Any])?.count == 2)
        let next = try #require((bundle["link"] as? [[String: Any]])?.first { $0["relation"] as? String == "next" }?["url"] as? String)
        let second = try http.send(HTTPRequest(url: next))
        let page = try #require(try JSONSerialization.jsonObject(with: second.body) as? [String: Any])
        #expect((page["entry"] as? [[String: Any]])?.compactMap { ($0["resource"] as? [String: Any])?["id"] as? String } == ["o3", "o4"])
        let unknown = try http.send(HTTPRequest(url: "\(server.baseURL)/Whatever?_count=5"))
        #expect(unknown.status == 200 && String(decoding: unknown.body, as: UTF8.self).contains("searchset"))
        server.serveRawPages("Observation", [Data("{not json".utf8)])
        #expect(try http.send(HTTPRequest(url: "\(server.baseURL)/Observation")).body == Data("{not json".utf8))
        server.setDate(Date(timeIntervalSince1970: 0))
        #expect(try http.send(HTTPRequest(url: "\(server.baseURL)/metadata")).headers["date"] == "Thu, 01 Jan 1970 00:00:00 GMT")
    }
}

/// What one pass of a case came to.
struct ReplayOutcome {
    var expected: String
    var actual: String
    var problems: [String]
    /// The case expected red and the cache did not say red.
    var missedRed: Bool
}

/// Runs one case: serves its patient and plan, then each pass's Observations, syncing after each.
struct ReplayRunner {
    let server: StaticFHIRServer
    let cache: CacheDatabase

    func run(_ replayCase: ReplayCase) throws -> [ReplayOutcome] {
        let clock = ReplayClock(ReplayCorpus.now)
        server.reset(date: ReplayCorpus.now)
        let fhir = ReplayFHIR(base: server.baseURL, now: ReplayCorpus.now)
        func servePatientAndPlan(stamped stamp: Date) {
            let patient = fhir.patient(replayCase.patient)
            server.put("Patient", .init(id: patient["id"] as? String ?? ReplayFHIR.patientID, lastUpdated: stamp,
                                        body: fhir.json(patient)))
            if let spec = replayCase.plan {
                let plan = fhir.carePlan(spec)
                server.put("CarePlan", .init(id: plan["id"] as? String ?? "plan", lastUpdated: stamp, body: fhir.json(plan)))
            }
        }
        let engine = SyncEngine(
            client: FHIRClient(baseURL: server.baseURL, http: CurlHTTPClient(settings: HTTPSettings(totalTimeout: 20)),
                               retry: RetryPolicy(attempts: 2, baseDelay: 0.01, maxDelay: 0.02)),
            cache: cache, pageSize: replayCase.pageSize, clock: { clock.now })
        var outcomes: [ReplayOutcome] = []
        for (index, pass) in replayCase.passes.enumerated() {
            let now = pass.now ?? ReplayCorpus.now
            clock.now = now
            if index + 1 == replayCase.patientInPass {
                servePatientAndPlan(stamped: ReplayCorpus.now.addingTimeInterval(-7200 + Double(index) * 600))
            }
            server.setDate(pass.serverDate ?? now)
            // Unless a case says otherwise, each pass's resources are stamped after the previous pass's.
            let firstStamp = ReplayCorpus.now.addingTimeInterval(-3000 + Double(index) * 600)
            for (i, spec) in pass.observations.enumerated() {
                let observation = fhir.observation(spec, defaultStamp: firstStamp.addingTimeInterval(Double(i)))
                server.put("Observation", .init(id: observation.id, lastUpdated: observation.lastUpdated, body: observation.body))
            }
            server.serveRawPages("Observation", (pass.rawPages ?? []).map { Data(fhir.expand($0).utf8) })
            if let handling = pass.handling { try handle(handling, at: now) }
            server.failSearches("Observation", skip: pass.failObservationSearchesAfter ?? 0,
                                fail: pass.failObservationSearchesAfter == nil ? 0 : 1000)
            var failure: String?
            do { _ = try engine.syncOnce() } catch { failure = "\(error)" }
            outcomes.append(try judge(pass.expect, syncFailure: failure))
        }
        return outcomes
    }

    /// A nurse claims (and, for `resolve`, resolves) the patient's open alert, as the console does.
    func handle(_ handling: String, at now: Date) throws {
        let nurse = "Sykepleier Replay"
        guard let alert = try cache.patientRecord(ReplayFHIR.patientID, since: .distantPast)?.openAlert, let id = alert.id else {
            throw ReplayCorpus.CorpusError(message: "no open alert to \(handling)")
        }
        _ = try cache.handle(alertID: id, .claim, by: nurse, at: now)
        if handling == "resolve" {
            _ = try cache.handle(alertID: id, .resolve(.advisedPerPlan, note: "replay"), by: nurse, at: now)
        }
    }

    /// Compares what the cache says after a pass with what the case expects of it.
    func judge(_ expect: [String: Any], syncFailure: String?) throws -> ReplayOutcome {
        let state = try ReplayState.read(cache, server: server.baseURL, patientID: ReplayFHIR.patientID)
        var problems: [String] = []
        let syncShouldFail = expect["syncFails"] as? Bool ?? false
        if let syncFailure, !syncShouldFail { problems.append("the sync failed: \(syncFailure.prefix(300))") }
        if syncFailure == nil, syncShouldFail { problems.append("the sync did not fail") }
        var expected: [String] = []
        let expectedZone = expect["zone"] as? String
        if let zone = expectedZone {
            expected.append(zone)
            if state.zone != zone { problems.append("zone \(state.zone), not \(zone)") }
        }
        if let basis = expect["basis"] as? String {
            expected.append("basis \(basis)")
            if state.basis != basis { problems.append("basis \(state.basis ?? "none"), not \(basis)") }
        }
        if let routine = expect["routine"] as? String {
            expected.append("routine item \(routine)")
            if state.zone != "routine" || state.basis != routine {
                problems.append("no routine item \(routine) (zone \(state.zone), basis \(state.basis ?? "none"))")
            }
        }
        if let marks = expect["marks"] as? [String] {
            expected.append("marks [\(marks.sorted().joined(separator: ","))]")
            if state.marks != Set(marks) { problems.append("marks [\(state.marks.sorted().joined(separator: ","))]") }
        }
        if let wanted = expect["quarantined"] as? [[String: Any]] {
            expected.append("quarantined \(wanted.count == 0 ? "nothing" : "\(wanted.count)")")
            if wanted.isEmpty, !state.quarantined.isEmpty {
                problems.append("quarantined \(state.quarantined.map(\.summary).joined(separator: " | "))")
            }
            for item in wanted {
                let id = item["id"] as? String, reason = item["reason"] as? String, raw = item["raw"] as? String
                let rawAtMost = item["rawAtMost"] as? Int
                let found = state.quarantined.contains { q in
                    (id == nil || q.resourceID == id)
                        && (reason == nil || q.reason.localizedCaseInsensitiveContains(reason!))
                        && (raw == nil || (q.raw ?? "").contains(raw!))
                        && (rawAtMost == nil || (q.raw ?? "").utf8.count <= rawAtMost!)
                }
                if !found {
                    let what = [id.map { "id \($0)" }, reason.map { "reason ~\($0)" }, raw.map { "raw ~\($0)" },
                                rawAtMost.map { "raw of at most \($0) bytes" }]
                        .compactMap { $0 }.joined(separator: ", ")
                    problems.append("nothing quarantined with \(what) (quarantine: \(state.quarantined.isEmpty ? "empty" : state.quarantined.map(\.summary).joined(separator: " | ")))")
                }
            }
        }
        for id in expect["stored"] as? [String] ?? [] where state.measurements[id] == nil {
            problems.append("\(id) not stored")
        }
        for id in expect["notStored"] as? [String] ?? [] where state.measurements[id] != nil {
            problems.append("\(id) stored")
        }
        for id in expect["other"] as? [String] ?? [] {
            expected.append("\(id) kept as other")
            guard let m = state.measurements[id] else { problems.append("\(id) not stored (expected as other)"); continue }
            if m.kind != .other { problems.append("\(id) stored as \(m.kind.rawValue), not other") }
        }
        for check in expect["measurements"] as? [[String: Any]] ?? [] {
            guard let id = check["id"] as? String else { continue }
            guard let m = state.measurements[id] else { problems.append("\(id) not stored"); continue }
            let tolerance = ReplayCorpus.number(check["tolerance"]) ?? 0.051
            if let kind = check["kind"] as? String, m.kind.rawValue != kind { problems.append("\(id) is \(m.kind.rawValue), not \(kind)") }
            if let kind = check["kindNot"] as? String, m.kind.rawValue == kind { problems.append("\(id) is \(kind)") }
            if let value = ReplayCorpus.number(check["value"]), abs(m.value - value) > tolerance {
                problems.append("\(id) value \(m.value), not \(value)")
            }
            if let second = ReplayCorpus.number(check["second"]), abs((m.secondValue ?? .nan) - second) > tolerance || m.secondValue == nil {
                problems.append("\(id) second value \(m.secondValue.map { "\($0)" } ?? "none"), not \(second)")
            }
            if let effective = (check["effective"] as? String).flatMap(FHIRDateTime.parse), m.effective != effective {
                problems.append("\(id) effective \(FHIRDateTime.format(m.effective)), not \(FHIRDateTime.format(effective))")
            }
            if let patient = check["patient"] as? String, m.patientID != patient { problems.append("\(id) is \(m.patientID)'s") }
        }
        if let limit = (expect["cursorAtMost"] as? String).flatMap(FHIRDateTime.parse) {
            expected.append("cursor ≤ \(FHIRDateTime.format(limit))")
            let cursor = state.cursor.flatMap(FHIRDateTime.parse)
            if cursor.map({ $0 > limit }) ?? false { problems.append("cursor \(state.cursor ?? "none") is past \(FHIRDateTime.format(limit))") }
        }
        var actual = [state.zone]
        if let basis = state.basis { actual.append("basis \(basis)") }
        if !state.marks.isEmpty { actual.append("marks [\(state.marks.sorted().joined(separator: ","))]") }
        if !state.quarantined.isEmpty { actual.append("quarantined \(state.quarantined.count)") }
        if let cursor = state.cursor { actual.append("cursor \(cursor)") }
        return ReplayOutcome(expected: expected.joined(separator: ", "), actual: actual.joined(separator: ", "),
                             problems: problems, missedRed: expectedZone == "red" && state.zone != "red")
    }
}

/// The engine's clock, moved by the runner between passes.
final class ReplayClock: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Date
    init(_ value: Date) { self.value = value }
    var now: Date {
        get { lock.lock(); defer { lock.unlock() }; return value }
        set { lock.lock(); value = newValue; lock.unlock() }
    }
}
