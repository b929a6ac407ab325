import Foundation
import Testing
import VardeDomain
import VardeService

struct CarePlanMappingTests {
    static let at = Date(timeIntervalSince1970: 1_795_348_800)

    @Test func aPlanSurvivesTheTripThroughFHIRJSON() throws {
        let approval = PlanApproval(approvedBy: "Fastlege Gerd Nygård", approvedOn: Date(timeIntervalSince1970: 1_795_305_600))
        let plan = PlanTemplates.draft(patientID: "pas-00001", diagnoses: [.copd, .heartFailure], shift: 1,
                                       approval: approval, revised: Self.at)
        let json = try JSONEncoder().encode(CarePlanMapping.resource(from: plan))
        let decoded = try JSONDecoder().decode(FHIRCarePlan.self, from: json)
        let back = try CarePlanMapping.plan(from: decoded)
        #expect(back.goals == plan.goals)
        #expect(back.limits == plan.limits)
        #expect(back.schedule == plan.schedule)
        #expect(back.actions == plan.actions)
        #expect(back.approval == approval)
        #expect(back.patientID == "pas-00001")
        let text = String(decoding: json, as: UTF8.self)
        #expect(text.contains("\"resourceType\":\"ObservationDefinition\""))
        #expect(text.contains("\"qualifiedInterval\""))
    }

    @Test func aPlanWithoutApprovalStaysUnapproved() throws {
        let plan = PlanTemplates.draft(patientID: "p", diagnoses: [.diabetes], shift: 0, approval: nil, revised: Self.at)
        let back = try CarePlanMapping.plan(from: CarePlanMapping.resource(from: plan))
        #expect(back.approval == nil)
    }

    @Test func unknownContainedResourcesAreSkipped() throws {
        let json = """
        {"resourceType":"CarePlan","id":"cp","status":"active","intent":"plan","subject":{"reference":"Patient/p"},
         "contained":[{"resourceType":"Device","id":"d"},{"resourceType":"Goal","id":"g","lifecycleStatus":"active",
           "description":{"text":"Hjemme til jul"},"subject":{"reference":"Patient/p"}}]}
        """
        let plan = try CarePlanMapping.plan(from: JSONDecoder().decode(FHIRCarePlan.self, from: Data(json.utf8)))
        #expect(plan.goals == ["Hjemme til jul"])
        #expect(plan.limits.isEmpty)
    }
}

/// Plan limits in the units other systems write them in.
struct CarePlanLimitUnitTests {
    func plan(unit: String, low: String, high: String) throws -> SelfCarePlan {
        let json = """
        {"resourceType":"CarePlan","id":"cp","status":"active","intent":"plan","subject":{"reference":"Patient/p"},
         "contained":[{"resourceType":"ObservationDefinition","id":"l1",
           "code":{"coding":[{"system":"http://loinc.org","code":"59408-5"}]},
           "qualifiedInterval":[
             {"extension":[{"url":"\(CarePlanMapping.zoneExtension)","valueString":"green"}],"category":"reference",
              "range":{"low":{"value":\(low),"code":"\(unit)"}}},
             {"extension":[{"url":"\(CarePlanMapping.zoneExtension)","valueString":"yellow"}],"category":"critical",
              "range":{"low":{"value":\(high),"code":"\(unit)"}}}]}]}
        """
        return try CarePlanMapping.plan(from: JSONDecoder().decode(FHIRCarePlan.self, from: Data(json.utf8)))
    }

    @Test func limitsAsAFractionAreConvertedToPercent() throws {
        let converted = try plan(unit: "1", low: "0.94", high: "0.90")
        #expect(converted.limits.first?.greenLow == 94)
        #expect(converted.limits.first?.yellowLow == 90)
        #expect(converted.invalidLimits == nil)
    }

    @Test func limitsInAnUnreadableUnitAreNamedAndLeftToTheDefaults() throws {
        let unusable = try plan(unit: "furlongs", low: "94", high: "90")
        #expect(unusable.limits.isEmpty)
        #expect(unusable.invalidLimits == ["oksygenmetning: enhet «furlongs» kan ikke leses, standardgrensene gjelder"])
        let reading = HomeMeasurement(id: "m", patientID: "p", kind: .oxygenSaturation, code: "c", value: 85, unit: "%",
                                      effective: Date(), lastUpdated: Date())
        #expect(Triage().judge(reading, diagnoses: [], plan: unusable) == Judgement(zone: .red, basis: .defaultLimits))
    }
}
