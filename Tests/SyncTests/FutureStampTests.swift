import Foundation
import Testing
import TestSupport
import VardeDomain
import VardeService
import VardeStore
import VardeSync

/// A resource stamped later than the server's own clock is stored and judged, the cursor does not follow
/// it, and the workstation says so (the sync state the status line reads) for as long as it lasts.
struct FutureStampTests {
    static let now = Date(timeIntervalSince1970: 1_795_348_800) // 22.11.2026 12:00 UTC

    @Test func aResourceFromTheYear9999IsStoredAndSaidAndTheCursorStays() throws {
        let server = try StaticFHIRServer(date: Self.now)
        defer { server.stop() }
        let patient = #"{"resourceType":"Patient","id":"p1","meta":{"lastUpdated":"2026-11-22T10:00:00Z"},"identifier":[{"system":"urn:oid:2.16.578.1.12.4.1.4.1","value":"01815012345"}],"name":[{"family":"Hansen","given":["Kari"]}],"gender":"female","birthDate":"1950-01-01","address":[{"district":"Oslo","extension":[{"url":"http://hl7.no/fhir/StructureDefinition/no-basis-municipalitycode","valueCoding":{"system":"urn:oid:2.16.578.1.12.4.1.1.3402","code":"0301","display":"Oslo"}}]}]}"#
        server.put("Patient", .init(id: "p1", lastUpdated: Self.now.addingTimeInterval(-7200), body: Data(patient.utf8)))
        func observation(_ id: String, value: Int, stamp: String) -> String {
            #"{"resourceType":"Observation","id":""# + id + #"","meta":{"lastUpdated":""# + stamp + #""},"status":"final","code":{"coding":[{"system":"http://loinc.org","code":"59408-5"}]},"subject":{"reference":"Patient/p1"},"effectiveDateTime":"2026-11-22T11:00:00Z","valueQuantity":{"value":"# + String(value) + #","unit":"%","code":"%"}}"#
        }
        server.put("Observation", .init(id: "o1", lastUpdated: Self.now.addingTimeInterval(-600),
                                        body: Data(observation("o1", value: 97, stamp: "2026-11-22T11:50:00Z").utf8)))
        server.put("Observation", .init(id: "o9", lastUpdated: Date(timeIntervalSince1970: 253_402_214_400),
                                        body: Data(observation("o9", value: 85, stamp: "9999-12-31T00:00:00Z").utf8)))
        let cache = try CacheDatabase()
        let engine = SyncEngine(client: FHIRClient(baseURL: server.baseURL, http: CurlHTTPClient()), cache: cache,
                                clock: { Self.now })
        let summary = try engine.syncOnce()
        #expect(summary.futureStamped == 1)
        #expect(try cache.syncState()?.futureStamped == 1, "the status line's count")
        #expect(try cache.cursor(server: server.baseURL, resource: "Observation") == "2026-11-22T11:50:00Z")
        #expect(try cache.queue().map(\.zone) == [.red], "the future-stamped red is stored and judged")
        // A measurement arriving later still comes: the cursor did not go to the year 9999.
        server.put("Observation", .init(id: "o2", lastUpdated: Self.now.addingTimeInterval(-60),
                                        body: Data(observation("o2", value: 96, stamp: "2026-11-22T11:59:00Z").utf8)))
        _ = try engine.syncOnce()
        #expect(try cache.counts().measurements == 3)
    }
}
