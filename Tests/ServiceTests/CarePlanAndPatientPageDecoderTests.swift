import Foundation
import Testing
import VardeDomain
import VardeService
import VardeSim
import TestSupport

/// The fast CarePlan and Patient page decoders against Foundation's Codable: the same page whenever
/// they answer, and no answer (so Codable decides) whenever they are unsure.
struct CarePlanAndPatientPageDecoderTests {
    static let centre = SimulatedCentre(config: SimConfig(
        patients: 60, municipalities: 8, seed: 5, speed: 1, historyDays: 3,
        start: Date(timeIntervalSince1970: 1_795_348_800), frozen: true))

    static func pages<R: Encodable & Sendable>(_ resources: [(String, R)], _ type: String, pretty: Bool, size: Int) throws -> [Data] {
        let encoder = JSONEncoder()
        // Unsorted, keys come in whatever order the encoder's dictionaries give (itself a test).
        encoder.outputFormatting = pretty ? [.prettyPrinted] : [.withoutEscapingSlashes, .sortedKeys]
        return try stride(from: 0, to: resources.count, by: size).map { start in
            let chunk = resources[start..<min(resources.count, start + size)]
            let bundle = FHIRSearchBundle(
                id: "p\(start)", meta: FHIRMeta(lastUpdated: "2026-11-22T08:00:00.000Z"), total: resources.count,
                link: [FHIRBundleLink(relation: "next", url: "http://127.0.0.1:1/\(type)?page=\(start + 1)")],
                entry: chunk.map { .init(fullUrl: "http://127.0.0.1:1/\(type)/\($0.0)", resource: $0.1) })
            return try encoder.encode(bundle)
        }
    }

    static func planPages(pretty: Bool = false, size: Int = 25) throws -> [Data] {
        try pages(centre.allPlans.map { ($0.id, CarePlanMapping.resource(from: $0)) }, "CarePlan", pretty: pretty, size: size)
    }

    static func patientPages(pretty: Bool = false, size: Int = 25) throws -> [Data] {
        let municipalities = Dictionary(uniqueKeysWithValues: MunicipalityCatalogue.all.map { ($0.number, $0) })
        return try pages(centre.allPatients.map { p in
            (p.id, PatientMapping.resource(from: p, municipality: municipalities[p.municipalityNumber]!))
        }, "Patient", pretty: pretty, size: size)
    }

    /// Both decoders give the same page, or both refuse it with the same reason.
    func expectAgreement<R: Decodable & Sendable & Equatable>(_ data: Data, _ type: R.Type, fastAnswers: Bool?,
                                                              sourceLocation: SourceLocation = #_sourceLocation) {
        let fast = FHIRPageDecoder.decode(data, as: type)
        if let fastAnswers { #expect((fast != nil) == fastAnswers, sourceLocation: sourceLocation) }
        let viaFallBack = Result { try FHIRPageDecoder.decodeOrFallBack(data, as: type) }
        let viaCodable = Result { try JSONDecoder().decode(ReceivedPage<R>.self, from: data) }
        switch (viaFallBack, viaCodable) {
        case (.success(let a), .success(let b)):
            #expect(a.meta == b.meta && a.link == b.link && a.entries.map(withoutRawText) == b.entries.map(withoutRawText), sourceLocation: sourceLocation)
        case (.failure(let a), .failure(let b)):
            #expect(fast == nil, sourceLocation: sourceLocation)
            #expect(describe(a) == describe(b), sourceLocation: sourceLocation)
        default:
            Issue.record("fall-back and Codable disagree", sourceLocation: sourceLocation)
        }
    }

    @Test(arguments: [false, true])
    func simulatorPlansDecodeFastAndTheSameAsCodable(pretty: Bool) throws {
        let pages = try Self.planPages(pretty: pretty)
        #expect(pages.count > 1)
        for data in pages { expectAgreement(data, FHIRCarePlan.self, fastAnswers: true) }
        let plan = try #require(FHIRPageDecoder.decode(pages[0], as: FHIRCarePlan.self)?.entries.first).get()
        #expect(try CarePlanMapping.plan(from: plan) == Self.centre.allPlans.first)
    }

    @Test(arguments: [false, true])
    func simulatorPatientsDecodeFastAndTheSameAsCodable(pretty: Bool) throws {
        let pages = try Self.patientPages(pretty: pretty)
        #expect(pages.count > 1)
        for data in pages { expectAgreement(data, FHIRPatient.self, fastAnswers: true) }
    }

    static let unsurePlans: [String] = [
        // what Codable records as a problem: no intent, a goal without its subject, an odd contained type
        #"{"resourceType":"Bundle","entry":[{"resource":{"resourceType":"CarePlan","id":"c","status":"active"}}]}"#,
        #"{"resourceType":"Bundle","entry":[{"resource":{"resourceType":"CarePlan","status":"active","intent":"plan","contained":[{"resourceType":"Goal","id":"g","lifecycleStatus":"active","description":{"text":"x"}}]}}]}"#,
        #"{"resourceType":"Bundle","entry":[{"resource":{"resourceType":"CarePlan","status":"active","intent":"plan","contained":[{"resourceType":"Device","id":"d"}]}}]}"#,
        #"{"resourceType":"Bundle","entry":[{"resource":{"resourceType":"CarePlan","status":"active","intent":"plan","contained":[{"id":"d"}]}}]}"#,
        // integers Foundation may read differently, members of the other contained kind, duplicates
        #"{"resourceType":"Bundle","entry":[{"resource":{"resourceType":"CarePlan","status":"active","intent":"plan","activity":[{"detail":{"status":"scheduled","scheduledTiming":{"repeat":{"frequency":2.0}}}}]}}]}"#,
        #"{"resourceType":"Bundle","entry":[{"resource":{"resourceType":"CarePlan","status":"active","intent":"plan","activity":[{"detail":{"status":"scheduled","scheduledTiming":{"repeat":{"frequency":"2"}}}}]}}]}"#,
        #"{"resourceType":"Bundle","entry":[{"resource":{"resourceType":"CarePlan","status":"active","intent":"plan","contained":[{"resourceType":"ObservationDefinition","id":"o","code":{},"description":7}]}}]}"#,
        #"{"resourceType":"Bundle","entry":[{"resource":{"resourceType":"CarePlan","status":"active","status":"draft","intent":"plan"}}]}"#,
        #"{"resourceType":"Bundle","entry":[{"resource":{"resourceType":"CarePlan","status":"active","intent":"plan","activity":[{}]}}]}"#,
    ]

    @Test(arguments: unsurePlans)
    func plansTheFastPathIsUnsureOfAreLeftToCodable(json: String) {
        expectAgreement(Data(json.utf8), FHIRCarePlan.self, fastAnswers: false)
    }

    @Test func integersAndNullsInPlansAgree() {
        for frequency in ["0", "3", "-1", "null", "123456789012345678"] {
            expectAgreement(Data(#"""
            {"resourceType":"Bundle","entry":[{"resource":{"resourceType":"CarePlan","status":"active","intent":"plan",
             "id":null,"meta":null,"extension":null,"contained":null,"subject":null,"created":null,"author":null,"goal":null,
             "activity":[{"detail":{"status":"scheduled","code":null,"description":null,
               "scheduledTiming":{"repeat":{"frequency":\#(frequency),"period":1.5e0,"periodUnit":null,"timeOfDay":["08:00:00"]}}}}]}}]}
            """#.utf8), FHIRCarePlan.self, fastAnswers: true)
        }
    }

    static let unsurePatients: [String] = [
        #"{"resourceType":"Bundle","entry":[{"resource":{"resourceType":"Patient","active":"yes"}}]}"#,
        #"{"resourceType":"Bundle","entry":[{"resource":{"resourceType":"Patient","name":[{"given":["Åse",null]}]}}]}"#,
        #"{"resourceType":"Bundle","entry":[{"resource":{"resourceType":"Patient","address":[{"extension":[{"valueString":"x"}]}]}}]}"#,
        #"{"resourceType":"Bundle","entry":[{"resource":{"resourceType":"Observation","status":"final","code":{}}}]}"#,
        #"{"resourceType":"Bundle","entry":[{"resource":{"resourceType":"OperationOutcome","issue":[]}}]}"#,
        #"{"resourceType":"Bundle","entry":[{"resource":{"resourceType":"Patient","gender":"female","gender":"male"}}]}"#,
    ]

    @Test(arguments: unsurePatients)
    func patientsTheFastPathIsUnsureOfAreLeftToCodable(json: String) {
        expectAgreement(Data(json.utf8), FHIRPatient.self, fastAnswers: false)
    }

    @Test func patientFieldsInAnyOrderWithNullsAndBooleansAgree() {
        for active in ["true", "false", "null"] {
            expectAgreement(Data(#"""
            { "address" : [ { "country" : null , "district" : "Tromsø" , "extension" : [ { "url" : "x" , "valueCoding" : { "code" : "5501" } } ] } ] ,
              "active" : \#(active) , "birthDate" : "1944-02-29" , "name" : [ { "given" : [ "Kåre" , "Ola" ] , "family" : "Øvre\u0020Dal" } ] ,
              "gender" : null , "identifier" : [ { "value" : "01014400000" } ] , "resourceType" : "Patient" , "unknown" : { "a" : [ 1 ] } }
            """#.replacingOccurrences(of: "\n", with: " ").wrappedInBundle.utf8), FHIRPatient.self, fastAnswers: true)
        }
    }

    /// Random damage to real pages: whenever a fast path still answers, Codable agrees with it.
    @Test func damagedPagesNeverDecodeDifferently() throws {
        // Pages of two entries, so that each round is quick.
        let plans = Array(try Self.planPages(size: 2)[0]), patients = Array(try Self.patientPages(size: 2)[0])
        #expect(FHIRPageDecoder.decode(Data(plans), as: FHIRCarePlan.self)?.entries.count == 2)
        #expect(FHIRPageDecoder.decode(Data(patients), as: FHIRPatient.self)?.entries.count == 2)
        var damage = JSONDamage(seed: 0x2545_F491_4F6C_DD1D)
        var answered = 0
        for round in 0..<1200 {
            let data = Data(damage.apply(to: round % 2 == 0 ? plans : patients))
            if round % 2 == 0 {
                guard let page = FHIRPageDecoder.decode(data, as: FHIRCarePlan.self) else { continue }
                let reference = try #require(try? JSONDecoder().decode(ReceivedPage<FHIRCarePlan>.self, from: data))
                #expect(page.entries == reference.entries && page.link == reference.link && page.meta == reference.meta)
            } else {
                guard let page = FHIRPageDecoder.decode(data, as: FHIRPatient.self) else { continue }
                let reference = try #require(try? JSONDecoder().decode(ReceivedPage<FHIRPatient>.self, from: data))
                #expect(page.entries == reference.entries && page.link == reference.link && page.meta == reference.meta)
            }
            answered += 1
        }
        #expect(answered > 0)
    }
}

private extension String {
    var wrappedInBundle: String { #"{"resourceType":"Bundle","entry":[{"resource":"# + self + "}]}" }
}
