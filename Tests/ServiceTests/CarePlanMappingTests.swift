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
