import Foundation

// libFuzzer entry for the FHIR page readers (built by `make fuzz`, compiled into one module with the
// Service files the readers need, so internal names are visible). On every input, for Observation,
// CarePlan and Patient pages:
// - the fast path (`FHIRPageDecoder.decode`) either declines (nil) or reads exactly what Foundation's
//   `JSONDecoder` reads for `ReceivedPage<…>`: the same meta, links and entries (problems compared
//   without their raw text);
// - `decodeOrFallBack` never crashes, never returns more resources than `PageLimits` allows, and keeps
//   every raw text it attaches within `EntryProblem.rawLimit` (time and memory are bounded by libFuzzer's
//   -timeout and -rss_limit_mb).

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(bytes: data, count: size)
    agree(bytes, as: FHIRObservation.self)
    agree(bytes, as: FHIRCarePlan.self)
    agree(bytes, as: FHIRPatient.self)
    return 0
}

private func agree<Resource: Decodable & Sendable & Equatable>(_ data: Data, as type: Resource.Type) {
    if let fast = FHIRPageDecoder.decode(data, as: type) {
        let slow: ReceivedPage<Resource>
        do {
            slow = try JSONDecoder().decode(ReceivedPage<Resource>.self, from: data)
        } catch {
            fatalError("\(Resource.self): the fast path read a page that JSONDecoder refuses: \(error)")
        }
        guard fast.meta == slow.meta else { fatalError("\(Resource.self): meta differs: \(String(describing: fast.meta)) vs \(String(describing: slow.meta))") }
        guard fast.link == slow.link else { fatalError("\(Resource.self): links differ: \(fast.link) vs \(slow.link)") }
        guard fast.entries.count == slow.entries.count else {
            fatalError("\(Resource.self): \(fast.entries.count) entries fast, \(slow.entries.count) by JSONDecoder")
        }
        for (index, (a, b)) in zip(fast.entries, slow.entries).enumerated() where !same(a, b) {
            fatalError("\(Resource.self): entry \(index) differs:\n fast: \(a)\n JSONDecoder: \(b)")
        }
    }
    if let page = try? FHIRPageDecoder.decodeOrFallBack(data, as: type) {
        let limits = PageLimits()
        guard page.entries.count <= limits.maxResources else { fatalError("\(page.entries.count) resources kept") }
        for case .failure(let problem) in page.entries {
            guard (problem.raw?.utf8.count ?? 0) <= EntryProblem.rawLimit else {
                fatalError("raw text of \(problem.raw!.utf8.count) bytes kept")
            }
        }
    }
}

private func same<Resource: Equatable>(_ a: Result<Resource, EntryProblem>, _ b: Result<Resource, EntryProblem>) -> Bool {
    switch (a, b) {
    case (.success(let x), .success(let y)): return x == y
    case (.failure(var x), .failure(var y)):
        x.raw = nil
        y.raw = nil
        return x == y
    default: return false
    }
}
