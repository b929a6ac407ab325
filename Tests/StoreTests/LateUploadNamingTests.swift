import Foundation
import Testing
import VardeDomain
import VardeStore

/// An alert is named by the earliest finding of its episode until someone shares it, so that a
/// workstation that got a late upload in a later page than the measurement it preceded names the alert
/// as one that got both in one page does, and as colleagues do: one shared Task per alert.
struct LateUploadNamingTests {
    let now = Date(timeIntervalSince1970: 1_795_348_800)

    func measurement(_ id: String, _ value: Double, minutesAgo: Double) -> HomeMeasurement {
        OnePatientCache.spo2(id, value, minutesAgo: minutesAgo, now: now)
    }

    func cache() throws -> CacheDatabase { try OnePatientCache.make(now: now) }

    func store(_ cache: CacheDatabase, _ measurements: [HomeMeasurement]) throws {
        _ = try cache.storeMeasurements(measurements, triage: Triage(), now: now, cursor: nil)
    }

    /// The open alert after the pages, as the queue and the shared Task see it.
    func alert(after pages: [[HomeMeasurement]]) throws -> Alert {
        let cache = try cache()
        for page in pages { try store(cache, page) }
        let entry = try #require(try cache.queue().first)
        return try #require(try cache.alert(id: entry.alertID))
    }

    @Test(arguments: [(93.0, 94.0), (93.0, 85.0), (85.0, 93.0), (86.0, 85.0)])
    func twoPagesNameTheAlertAsOnePageDoes(later: Double, lateUpload: Double) throws {
        let measuredLater = measurement("obs-later", later, minutesAgo: 30)
        let uploadedLate = measurement("obs-early", lateUpload, minutesAgo: 90)
        let onePage = try alert(after: [[measuredLater, uploadedLate]])
        let twoPages = try alert(after: [[measuredLater], [uploadedLate]])
        #expect(onePage.key == "p1--obs-early")
        #expect(twoPages.key == onePage.key, "the same Task name whatever the pages were")
        #expect(twoPages.openedAt == onePage.openedAt)
        #expect(twoPages.zone == onePage.zone)
        #expect(twoPages.raisedAt == onePage.raisedAt, "the queue waits from the same moment")
        #expect(twoPages.triggerMeasurementID == onePage.triggerMeasurementID)
    }

    @Test func anAlertSomeoneHasClaimedKeepsItsName() throws {
        let cache = try cache()
        try store(cache, [measurement("obs-later", 93, minutesAgo: 30)])
        let entry = try #require(try cache.queue().first)
        _ = try cache.handle(alertID: entry.alertID, .claim, by: "kari", at: now)
        try store(cache, [measurement("obs-early", 85, minutesAgo: 90)])
        let alert = try #require(try cache.alert(id: entry.alertID))
        #expect(alert.key == "p1--obs-later", "the shared Task's name does not change under a colleague")
        #expect(alert.zone == .red)
    }

    @Test func aColleaguesTaskUnderTheEarlierNameStillFindsTheAlert() throws {
        let cache = try cache()
        try store(cache, [measurement("obs-later", 93, minutesAgo: 30)])
        // A colleague claimed it under the name it had, before the late upload reached this workstation.
        try store(cache, [measurement("obs-early", 92, minutesAgo: 90)])
        let entry = try #require(try cache.queue().first)
        #expect(try cache.alert(id: entry.alertID)?.key == "p1--obs-early")
        try cache.applyRemote(alertKey: "p1--obs-later", owner: "hanne", resolved: false, outcome: nil, note: nil,
                              taskVersion: "1", at: now)
        let claimed = try #require(try cache.alert(id: entry.alertID))
        #expect(claimed.owner == "hanne", "the colleague's claim shows")
        #expect(claimed.key == "p1--obs-later", "the alert takes the name the centre shares")
        try cache.applyRemote(alertKey: "p1--obs-later", owner: "hanne", resolved: true, outcome: .contactedPatient,
                              note: "Ringt.", taskVersion: "2", at: now.addingTimeInterval(600))
        #expect(try cache.queue().isEmpty, "the colleague's resolution closes it here too")
        #expect(try cache.history(patientID: "p1").map(\.what).contains { $0.hasPrefix("resolved") })
    }
}
