import Foundation
import Testing
import VardeService

struct FHIRDateTimeTests {
    @Test(arguments: [
        ("2026-11-22T12:00:00Z", 1_795_348_800.0), ("2026-11-22T13:00:00+01:00", 1_795_348_800),
        ("2026-11-22T12:00:00.250Z", 1_795_348_800.25), ("2026-11-22", 1_795_305_600), ("1970-01-01T00:00:00Z", 0),
    ])
    func parsesInstantsDatesAndOffsets(text: String, seconds: Double) {
        #expect(FHIRDateTime.parse(text)?.timeIntervalSince1970 == seconds)
    }

    @Test(arguments: ["2026-13-01", "2026-11-22T12:00:00", "yesterday", "2026-11-22T25:00:00Z", ""])
    func rejectsWhatIsNotAFHIRDateTime(text: String) {
        #expect(FHIRDateTime.parse(text) == nil)
    }

    @Test func formatsInUTCWithMillisecondsAndRoundTrips() {
        let date = Date(timeIntervalSince1970: 1_795_348_800.123)
        #expect(FHIRDateTime.format(date) == "2026-11-22T12:00:00.123Z")
        #expect(FHIRDateTime.parse(FHIRDateTime.format(date)) == date)
    }
}

/// The server's clock as its HTTP `Date` header says it.
struct HTTPDateTests {
    @Test func anIMFFixdateIsTheServersClock() {
        #expect(HTTPDate.parse("Sun, 22 Nov 2026 12:00:00 GMT") == FHIRDateTime.parse("2026-11-22T12:00:00Z"))
        #expect(HTTPDate.parse("yesterday") == nil)
    }
}
