import Foundation
import Testing
import VardeDomain
import VardeService

/// FHIR Observation JSON → measurement, as real servers send it.
struct ObservationMappingTests {
    func decode(_ json: String) throws -> FHIRObservation {
        try JSONDecoder().decode(FHIRObservation.self, from: Data(json.utf8))
    }

    @Test func bloodPressureTakesSystolicAndDiastolicFromItsComponents() throws {
        let observation = try decode("""
        {"resourceType":"Observation","id":"bp-1","meta":{"lastUpdated":"2026-11-22T08:01:00Z"},"status":"final",
         "code":{"coding":[{"system":"http://loinc.org","code":"85354-9"}]},"subject":{"reference":"Patient/pas-1"},
         "effectiveDateTime":"2026-11-22T09:00:00+01:00",
         "component":[
           {"code":{"coding":[{"system":"http://loinc.org","code":"8462-4"}]},"valueQuantity":{"value":95,"unit":"mmHg","system":"http://unitsofmeasure.org","code":"mm[Hg]"}},
           {"code":{"coding":[{"system":"http://loinc.org","code":"8480-6"}]},"valueQuantity":{"value":182,"unit":"mmHg","system":"http://unitsofmeasure.org","code":"mm[Hg]"}}]}
        """)
        let m = try ObservationMapping.measurement(from: observation)
        #expect(m.kind == .bloodPressure)
        #expect(m.value == 182)
        #expect(m.secondValue == 95)
        #expect(m.unit == "mm[Hg]")
        #expect(m.patientID == "pas-1")
        #expect(m.effective == FHIRDateTime.parse("2026-11-22T08:00:00Z"))
    }

    @Test func anUnknownCodeIsKeptAsOtherWithItsOwnUnitAndName() throws {
        let observation = try decode("""
        {"resourceType":"Observation","id":"pef-1","status":"final",
         "code":{"coding":[{"system":"http://example.org/codes","code":"PEF","display":"Peak flow"}]},
         "subject":{"reference":"Patient/pas-2"},"effectiveDateTime":"2026-11-22T07:30:00Z",
         "valueQuantity":{"value":310,"unit":"L/min","code":"L/min"}}
        """)
        let m = try ObservationMapping.measurement(from: observation)
        #expect(m.kind == .other)
        #expect(m.value == 310)
        #expect(m.unit == "L/min")
        #expect(m.codeDisplay == "Peak flow")
        #expect(m.code == "http://example.org/codes|PEF")
    }

    @Test func fahrenheitIsNormalisedToCelsius() throws {
        let observation = try decode("""
        {"resourceType":"Observation","id":"t-1","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"8310-5"}]},
         "subject":{"reference":"Patient/pas-3"},"effectiveDateTime":"2026-11-22T07:30:00Z",
         "valueQuantity":{"value":101.3,"unit":"°F","code":"[degF]"}}
        """)
        let m = try ObservationMapping.measurement(from: observation)
        #expect(m.kind == .bodyTemperature)
        #expect(m.value == 38.5)
        #expect(m.unit == "Cel")
    }

    @Test func anObservationWithoutPatientOrValueNamesWhatIsWrong() throws {
        let noSubject = try decode("""
        {"resourceType":"Observation","id":"x-1","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"8867-4"}]},
         "effectiveDateTime":"2026-11-22T07:30:00Z","valueQuantity":{"value":70,"code":"/min"}}
        """)
        #expect(throws: EntryProblem.self) { try ObservationMapping.measurement(from: noSubject) }
        let noValue = try decode("""
        {"resourceType":"Observation","id":"x-2","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"8867-4"}]},
         "subject":{"reference":"Patient/pas-1"},"effectiveDateTime":"2026-11-22T07:30:00Z"}
        """)
        do {
            _ = try ObservationMapping.measurement(from: noValue)
            Issue.record("expected a problem")
        } catch {
            #expect(error.reason.contains("valueQuantity"))
            #expect(error.resourceID == "x-2")
        }
    }

    @Test func oneBrokenEntryDoesNotSpoilThePage() throws {
        let page = try JSONDecoder().decode(ReceivedPage<FHIRObservation>.self, from: Data("""
        {"resourceType":"Bundle","type":"searchset","link":[{"relation":"next","url":"http://h/Observation?p=2"}],"entry":[
          {"resource":{"resourceType":"Observation","id":"ok-1","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"8867-4"}]},
                       "subject":{"reference":"Patient/p"},"effectiveDateTime":"2026-11-22T07:30:00Z","valueQuantity":{"value":70,"code":"/min"}}},
          {"resource":{"resourceType":"Observation","id":"bad-1","status":"final","code":"not an object"}},
          {"resource":{"resourceType":"OperationOutcome","issue":[{"severity":"warning","code":"informational"}]}}
        ]}
        """.utf8))
        #expect(page.entries.count == 2)
        #expect((try? page.entries[0].get())?.id == "ok-1")
        guard case .failure(let problem) = page.entries[1] else { Issue.record("expected a problem"); return }
        #expect(problem.resourceID == "bad-1")
        #expect(page.nextURL == "http://h/Observation?p=2")
    }
}
