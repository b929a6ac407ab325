import Foundation
import Testing
import VardeDomain
import VardeService
import VardeSim
import TestSupport

/// The fast Observation page decoder against Foundation's Codable: the same page whenever it answers,
/// and no answer (so Codable decides) whenever it is unsure.
struct ObservationPageDecoderTests {
    func codable(_ data: Data) throws -> ReceivedPage<FHIRObservation> {
        try JSONDecoder().decode(ReceivedPage<FHIRObservation>.self, from: data)
    }

    func expectSame(_ a: ReceivedPage<FHIRObservation>, _ b: ReceivedPage<FHIRObservation>,
                    sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(a.meta == b.meta, sourceLocation: sourceLocation)
        #expect(a.link == b.link, sourceLocation: sourceLocation)
        #expect(a.entries.map(withoutRawText) == b.entries.map(withoutRawText), sourceLocation: sourceLocation)
    }

    /// Decodes fast, insisting that the fast path answered and agrees with Codable.
    func fast(_ json: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> ReceivedPage<FHIRObservation> {
        let data = Data(json.utf8)
        let page = try #require(ObservationPageDecoder.decode(data), sourceLocation: sourceLocation)
        expectSame(page, try codable(data), sourceLocation: sourceLocation)
        return page
    }

    /// Pages of `size` observations; keys in the encoder's own order (it varies between runs) unless sorted.
    static func simulatorPages(escapingSlashes: Bool, size: Int = 200, sortedKeys: Bool = false) throws -> [Data] {
        let config = SimConfig(patients: 60, municipalities: 8, seed: 5, speed: 1, historyDays: 3,
                               start: Date(timeIntervalSince1970: 1_795_348_800), frozen: true)
        let centre = SimulatedCentre(config: config)
        let encoder = JSONEncoder()
        encoder.outputFormatting = escapingSlashes ? [.prettyPrinted] : [.withoutEscapingSlashes]
        if sortedKeys { encoder.outputFormatting.insert(.sortedKeys) }
        let observations = centre.allObservations()
        return try stride(from: 0, to: observations.count, by: size).map { start in
            let chunk = observations[start..<min(observations.count, start + size)]
            let bundle = FHIRSearchBundle(
                id: "p\(start)", meta: FHIRMeta(lastUpdated: "2026-11-22T08:00:00.000Z"), total: observations.count,
                link: [FHIRBundleLink(relation: "self", url: "http://127.0.0.1:1/Observation?page=\(start)")],
                entry: chunk.map { .init(fullUrl: "http://127.0.0.1:1/Observation/\($0.id)",
                                         resource: ObservationMapping.observation(from: $0)) })
            return try encoder.encode(bundle)
        }
    }

    @Test(arguments: [false, true])
    func simulatorPagesDecodeFastAndTheSameAsCodable(escapingSlashes: Bool) throws {
        let pages = try Self.simulatorPages(escapingSlashes: escapingSlashes)
        #expect(pages.count > 3)
        for data in pages {
            let page = try #require(ObservationPageDecoder.decode(data))
            expectSame(page, try codable(data))
            #expect(page.entries.count > 0)
        }
    }

    @Test func escapesAreDecodedLikeFoundationDoes() throws {
        let page = try fast(#"""
        {"resourceType":"Bundle","entry":[{"resource":{"resourceType":"Observation","id":"a\u002Db",
         "status":"fin\u0061l","code":{"text":"Bl\u00f8\u0064 \ud83d\ude00 \"quoted\" back\\slash \/ \b\f\n\r\t","coding":[]},
         "subject":{"reference":"Patient\/p-1","display":"Åse Ødegård 😀"}}}]}
        """#)
        let observation = try page.entries[0].get()
        #expect(observation.id == "a-b")
        #expect(observation.status == "final")
        #expect(observation.code.text == "Blød 😀 \"quoted\" back\\slash / \u{8}\u{c}\n\r\t")
        #expect(observation.subject?.reference == "Patient/p-1")
    }

    @Test func keysInAnyOrderWithWhitespaceAndUnknownFieldsAreFine() throws {
        let page = try fast("""
        { "entry" : [ { "search" : { "mode" : "match" } ,
            "resource" : { "valueQuantity" : { "code" : "/min" , "value" : 7.2e1 , "extra" : [ 1 , { "x" : [ ] } , null , true , false ] } ,
              "subject" : { "reference" : "Patient/p-2" } , "effectiveDateTime" : "2026-11-22T07:30:00Z" ,
              "text" : { "status" : "generated" , "div" : "<div>\\u003c</div>" } ,
              "code" : { "coding" : [ { "code" : "8867-4" , "system" : "http://loinc.org" } ] } ,
              "status" : "final" , "id" : "hr-1" , "resourceType" : "Observation" } ,
            "fullUrl" : "http://x/Observation/hr-1" } ] ,
          "total" : 1 , "type" : "searchset" , "link" : [ { "url" : "http://x/Observation?page=2" , "relation" : "next" } ] ,
          "resourceType" : "Bundle" }\t\r\n
        """)
        #expect(page.nextURL == "http://x/Observation?page=2")
        let m = try ObservationMapping.measurement(from: page.entries[0].get())
        #expect(m.value == 72)
        #expect(m.kind == .heartRate)
    }

    @Test(arguments: ["0", "-0", "72", "-1.5", "72.0", "7.2e1", "7.2E+1", "720e-1", "0.000001", "1.7976931348623157e308",
                      "4.9e-324", "123456789012345678901234567890", "0.1", "98.60000000000001"])
    func numbersInEveryJSONFormAgree(number: String) throws {
        let page = try fast("""
        {"resourceType":"Bundle","entry":[{"resource":{"resourceType":"Observation","status":"final","code":{},
         "valueQuantity":{"value":\(number)}}}]}
        """)
        #expect(try page.entries[0].get().valueQuantity?.value == Double(number))
    }

    @Test func nullsAreAbsentOptionals() throws {
        let page = try fast("""
        {"resourceType":"Bundle","meta":null,"link":null,"entry":[{"resource":{"resourceType":"Observation","id":null,
         "meta":{"lastUpdated":null,"tag":null},"identifier":null,"status":"final","category":null,
         "code":{"coding":null,"text":null},"subject":null,"effectiveDateTime":null,"valueQuantity":{"value":null},
         "component":null}}]}
        """)
        #expect(try page.entries[0].get().valueQuantity == FHIRQuantity(value: nil, unit: nil, system: nil, code: nil))
    }

    @Test func anEmptyPageHasNoEntries() throws {
        let page = try fast(#"{"resourceType":"Bundle","type":"searchset","total":0}"#)
        #expect(page.entries.isEmpty)
        #expect(page.nextURL == nil)
    }

    /// What the fast path leaves to Codable, and what Codable then makes of it.
    static let unsure: [String] = [
        // an entry Codable records as a problem: no status, a wrong type, not an Observation, no resource
        #"{"resourceType":"Bundle","entry":[{"resource":{"resourceType":"Observation","id":"x","code":{}}}]}"#,
        #"{"resourceType":"Bundle","entry":[{"resource":{"resourceType":"Observation","id":7,"status":"final","code":{}}}]}"#,
        #"{"resourceType":"Bundle","entry":[{"resource":{"resourceType":"Observation","status":"final","code":{},"valueQuantity":{"value":"72"}}}]}"#,
        #"{"resourceType":"Bundle","entry":[{"resource":{"resourceType":"Patient","id":"p","status":"final","code":{}}}]}"#,
        #"{"resourceType":"Bundle","entry":[{"resource":{"resourceType":"OperationOutcome","issue":[]}}]}"#,
        #"{"resourceType":"Bundle","entry":[{"fullUrl":"x"}]}"#,
        #"{"resourceType":"Bundle","entry":[{"resource":{"resourceType":"Observation","status":"final","code":{},"component":[{"valueQuantity":{}}]}}]}"#,
        // a duplicate key, a lone surrogate, nesting deeper than the fast path goes
        #"{"resourceType":"Bundle","entry":[{"resource":{"resourceType":"Observation","status":"final","status":"amended","code":{}}}]}"#,
        #"{"resourceType":"Bundle","entry":[{"resource":{"resourceType":"Observation","status":"\ud83d","code":{}}}]}"#,
        #"{"resourceType":"Bundle","entry":[{"resource":{"resourceType":"Observation","status":"final","code":{},"x":"# + String(repeating: "[", count: 62) + String(repeating: "]", count: 62) + "}}]}",
        // not a Bundle, or not JSON at all
        #"{"resourceType":"Parameters","entry":[]}"#,
        #"{"resourceType":"Bundle","entry":[{"resour"#,
        #"{"resourceType":"Bundle","entry":[],}"#,
        #"{"resourceType":"Bundle","total":01}"#,
        #"{"resourceType":"Bundle","total":1.}"#,
        #"{"resourceType":"Bundle","total":-}"#,
        #"{"resourceType":"Bundle"} x"#,
        "{\"resourceType\":\"Bundle\",\"id\":\"a\u{1}b\"}",
        #"{"resourceType":"Bundle","entry":[{"resource":{"resourceType":"Observation","status":"final","code":{},"valueQuantity":{"value":1e999}}}]}"#,
    ]

    @Test(arguments: unsure)
    func whatTheFastPathIsUnsureOfIsLeftToCodable(json: String) throws {
        let data = Data(json.utf8)
        #expect(ObservationPageDecoder.decode(data) == nil)
        let viaFallBack = Result { try ObservationPageDecoder.decodeOrFallBack(data) }
        let viaCodable = Result { try codable(data) }
        switch (viaFallBack, viaCodable) {
        case (.success(let a), .success(let b)): expectSame(a, b)
        case (.failure(let a), .failure(let b)): #expect(describe(a) == describe(b))
        default: Issue.record("fall-back and Codable disagree on \(json)")
        }
    }

    /// Past the page limits a resource is quarantined with its reason, not read: nesting deeper than 64
    /// levels, a string longer than 1 MB. The rest of its page is taken.
    @Test(arguments: ["nested 80 deep", "a string of 1 MB and a byte"])
    func aResourcePastThePageLimitsIsQuarantined(past limit: String) throws {
        let member = limit.hasPrefix("nested")
            ? #""x":"# + String(repeating: "[", count: 80) + String(repeating: "]", count: 80)
            : #""subject":{"display":""# + String(repeating: "a", count: (1 << 20) + 1) + "\"}"
        let json = #"{"resourceType":"Bundle","entry":[{"resource":{"resourceType":"Observation","id":"big","status":"final","code":{},"#
            + member + #"}},{"resource":{"resourceType":"Observation","id":"ok","status":"final","code":{}}}]}"#
        let page = try ObservationPageDecoder.decodeOrFallBack(Data(json.utf8))
        #expect(page.entries.count == 2)
        guard case .failure(let problem) = page.entries[0] else { Issue.record("the resource past the limits was read"); return }
        #expect(problem.resourceID == "big")
        #expect(problem.reason.contains("nestet dypere enn 64") || problem.reason.contains("grensen er 1048576"))
        #expect((problem.raw?.utf8.count ?? 0) <= EntryProblem.rawLimit)
        #expect((try? page.entries[1].get())?.id == "ok")
    }

    /// Found by fuzzing: bytes that are not UTF-8 became U+FFFD (three bytes each), so the raw text kept with an
    /// unreadable resource grew past `EntryProblem.rawLimit`; it is cut to the limit after decoding too.
    @Test func rawTextOfBytesThatAreNotUTF8StaysWithinTheLimit() throws {
        // The resource lacks its status, so it cannot be read; its long member is skipped by Foundation unchecked.
        var json = Data(#"{"resourceType":"Bundle","entry":[{"resource":{"resourceType":"Observation","id":"bad","code":{},"note":""#.utf8)
        json.append(contentsOf: [UInt8](repeating: 0xFF, count: 5000))
        json.append(contentsOf: Array(#""}},{"resource":{"resourceType":"Observation","id":"ok","status":"final","code":{}}}]}"#.utf8))
        let page = try ObservationPageDecoder.decodeOrFallBack(json)
        #expect(page.entries.count == 2)
        guard case .failure(let problem) = page.entries[0] else { Issue.record("the resource that is not UTF-8 was read"); return }
        #expect(problem.resourceID == "bad")
        #expect(problem.raw?.isEmpty == false)
        #expect((problem.raw?.utf8.count ?? 0) <= EntryProblem.rawLimit)
        #expect((try? page.entries[1].get())?.id == "ok")
    }

    /// Random damage to real pages: whenever the fast path still answers, Codable agrees with it.
    @Test func damagedPagesNeverDecodeDifferently() throws {
        // Pages of three observations, so that each round is quick (and keys sorted, so every run is alike).
        let pages = try Self.simulatorPages(escapingSlashes: false, size: 3, sortedKeys: true).prefix(2).map { Array($0) }
        var damage = JSONDamage(seed: 0x9E37_79B9_7F4A_7C15)
        var answered = 0
        for round in 0..<1500 {
            let data = Data(damage.apply(to: pages[round % pages.count]))
            guard let page = ObservationPageDecoder.decode(data) else { continue }
            answered += 1
            let reference = try #require(try? codable(data), "the fast path accepted what Codable refuses, round \(round)")
            expectSame(page, reference)
        }
        #expect(answered > 0)
    }
}

/// An entry as the decoders must agree on it: the text the careful reader keeps for the quarantine is extra.
func withoutRawText<Resource>(_ entry: Result<Resource, EntryProblem>) -> Result<Resource, EntryProblem> {
    guard case .failure(var problem) = entry else { return entry }
    problem.raw = nil
    return .failure(problem)
}
