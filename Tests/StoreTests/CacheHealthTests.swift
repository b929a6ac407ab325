import Foundation
import GRDB
import Testing
import VardeDomain
import VardeStore

/// A damaged cache, or one from a newer Varde, is refused before anything is written to it; a rebuild keeps
/// what can still be read.
struct CacheHealthTests {
    let now = Date(timeIntervalSince1970: 1_795_348_800)

    func folder() throws -> String {
        let path = NSTemporaryDirectory() + "varde-health-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// A cache file of a few megabytes: patients, a day of measurements, an open red alert, a draft.
    func filledCache(at path: String) throws {
        let cache = try CacheDatabase(path: path)
        let patients = (0..<200).map {
            Patient(id: "p\($0)", nationalID: "0181501\(String(format: "%04d", $0))", givenName: "Kari", familyName: "Hansen\($0)",
                    birthDate: "1950-01-01", gender: "female", municipalityNumber: "1804", diagnoses: [], lastUpdated: now)
        }
        try cache.storePatients(patients, municipalities: [Municipality(number: "1804", name: "Bodø")], cursor: nil)
        var measurements: [HomeMeasurement] = []
        for i in 0..<20_000 {
            let at = now.addingTimeInterval(-Double(i) * 10)
            measurements.append(HomeMeasurement(id: "m\(i)", patientID: "p\(i % 200)", kind: .heartRate, code: "c",
                                                value: i == 0 ? 140 : 70, unit: "/min", effective: at, lastUpdated: at))
        }
        try cache.storeMeasurements(measurements, triage: Triage(), now: now, cursor: nil)
        try cache.saveDraft(for: "p1", text: "Hei Kari, hvordan går det?", at: now)
        #expect(try cache.queue().map(\.zone) == [.red])
    }

    @Test func randomBytesInTheMiddleAreRefusedBeforeAnythingIsWritten() throws {
        let path = try folder() + "/cache.sqlite"
        try filledCache(at: path)
        let size = try #require(FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        #expect(size > 1_000_000)
        let handle = try #require(FileHandle(forUpdatingAtPath: path))
        try handle.seek(toOffset: UInt64(size / 2))
        var generator = SystemRandomNumberGenerator()
        handle.write(Data((0..<65_536).map { _ in UInt8.random(in: 0...255, using: &generator) }))
        try handle.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect {
            _ = try CacheDatabase(path: path)
        } throws: { error in
            guard case .damaged = error as? CacheProblem else { return false }
            return (error as? CacheProblem)?.description.contains("varde cache rebuild") == true
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before, "nothing was written to the damaged file")

        let report = try CacheDatabase.rebuild(path: path, now: now)
        #expect(FileManager.default.fileExists(atPath: report.damagedCopy))
        let rebuilt = try CacheDatabase(path: path, check: .full)
        #expect(try rebuilt.integrityProblems(.full).isEmpty)
        #expect(try rebuilt.draft(for: "p1")?.text == "Hei Kari, hvordan går det?")
        let kept = report.tables.first { $0.name == "observation" }
        #expect((kept?.copied ?? 0) > 0)
    }

    /// The red alert's own row is what the damage took: the rebuild raises it again from its measurement,
    /// waiting from when it was measured, and raises nothing a nurse had handled.
    @Test func aRebuildRaisesARedWhoseAlertRowWasLost() throws {
        let path = try folder() + "/cache.sqlite"
        try filledCache(at: path)
        do {
            let cache = try CacheDatabase(path: path)
            try cache.storeMeasurements([HomeMeasurement(id: "handled", patientID: "p2", kind: .heartRate, code: "c", value: 150,
                                                         unit: "/min", effective: now.addingTimeInterval(-7200),
                                                         lastUpdated: now)], triage: Triage(), now: now, cursor: nil)
            let handled = try #require(try cache.queue().first { $0.patientID == "p2" })
            _ = try cache.handle(alertID: handled.alertID, .claim, by: "kari", at: now)
            _ = try cache.handle(alertID: handled.alertID, .resolve(.contactedPatient, note: ""), by: "kari", at: now)
            try cache.writer.write { db in try db.execute(sql: "DELETE FROM alert WHERE patientID = 'p0'") }
            #expect(try cache.queue().isEmpty, "the red's row is gone")
        }
        let report = try CacheDatabase.rebuild(path: path, now: now)
        #expect(report.alertsRaised == 1)
        let queue = try CacheDatabase(path: path).queue()
        #expect(queue.map(\.patientID) == ["p0"], "the red again, and not the alert a nurse resolved")
        #expect(queue.first?.zone == .red)
        #expect(queue.first?.raisedAt == now, "waiting from when it was measured")
    }

    @Test func aCacheFromANewerVardeIsRefusedWithThatReason() throws {
        let path = try folder() + "/cache.sqlite"
        try filledCache(at: path)
        do {
            let queue = try DatabaseQueue(path: path)
            try queue.write { db in try db.execute(sql: "INSERT INTO grdb_migrations(identifier) VALUES ('v99-from-the-future')") }
        }
        #expect(throws: CacheProblem.newerVersion(path: path, migrations: ["v99-from-the-future"])) {
            _ = try CacheDatabase(path: path)
        }
    }

    @Test func aFileThatIsNotADatabaseIsSaidPlainly() throws {
        let path = try folder() + "/cache.sqlite"
        try Data(String(repeating: "not a database ", count: 1000).utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: CacheProblem.notADatabase(path: path)) { _ = try CacheDatabase(path: path) }
    }

    @Test func aSoundCachePassesTheFullCheck() throws {
        let path = try folder() + "/cache.sqlite"
        try filledCache(at: path)
        #expect(try CacheDatabase(path: path, check: .full).integrityProblems(.full).isEmpty)
    }
}
