import Foundation
import Testing
import VardeDomain
@testable import VardeService
import VardeSim

/// The page reader shares the strings every Observation repeats instead of copying them: the list is plain
/// literals (the fuzz build has no domain module), so it must be kept in step with what Varde writes, and a
/// shared string must never stand in for one that merely has its length.
struct KnownStringsTests {
    @Test func everyCodeSystemAndVitalSignNameVardeWritesIsShared() {
        var written = [MeasurementKind.loinc, MeasurementKind.snomed, NationalIdentityNumber.system,
                       SimulatedCentre.measurementIdentifierSystem, "http://unitsofmeasure.org"]
        written += MeasurementKind.allCases.filter { $0 != .other }.map(ObservationMapping.display)
        for text in written { #expect(KnownStrings.all.contains(text), "\(text) is not shared") }
    }

    @Test(arguments: ["http://loinc.orh", "http://loinc.org ", "Body weigh", "Body weighT", "http://LOINC.org"])
    func aStringOnlyLikeAKnownOneIsReadAsItIs(_ text: String) throws {
        let json = """
            {"resourceType":"Bundle","type":"searchset","entry":[{"resource":{"resourceType":"Observation","id":"o1",
            "status":"final","code":{"coding":[{"system":"\(text)","code":"29463-7","display":"\(text)"}]},
            "subject":{"reference":"Patient/p1"},"effectiveDateTime":"2026-11-19T12:15:38Z",
            "valueQuantity":{"value":80,"unit":"kg","system":"\(text)","code":"kg"}}}]}
            """
        let fast = try #require(ObservationPageDecoder.decode(Data(json.utf8)))
        let slow = try JSONDecoder().decode(ReceivedPage<FHIRObservation>.self, from: Data(json.utf8))
        let observation = try #require(try fast.entries.first?.get())
        #expect(observation.code.coding?.first?.system == text)
        #expect(observation.code.coding?.first?.display == text)
        #expect(observation == (try slow.entries.first?.get()))
    }
}
