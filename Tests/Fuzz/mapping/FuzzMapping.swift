import Foundation
import VardeDomain

// libFuzzer entry for what Varde makes of the resources it decoded (built by `make fuzz`, compiled into one
// module with the Service files the page readers and mappings need, against VardeDomain as SwiftPM builds it).
// Each input is read as an Observation page and as a CarePlan page, as a sync reads them; every resource read
// is mapped. Nothing traps; a measurement that comes out is within `PhysicalLimits` (anything outside them
// is a problem with a device check, never a stored value); a plan's limits are finite.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(bytes: data, count: size)
    if let page = try? FHIRPageDecoder.decodeOrFallBack(bytes, as: FHIRObservation.self) {
        for case .success(let observation) in page.entries { measurement(observation) }
    }
    if let page = try? FHIRPageDecoder.decodeOrFallBack(bytes, as: FHIRCarePlan.self) {
        for case .success(let carePlan) in page.entries { plan(carePlan) }
    }
    return 0
}

private func measurement(_ observation: FHIRObservation) {
    let m: HomeMeasurement
    do {
        m = try ObservationMapping.measurement(from: observation, patientByNationalID: { $0.count == 11 ? "p-\($0)" : nil },
                                               serverBase: "https://fhir.example.no/fhir")
    } catch {
        if error.reason.hasPrefix("umulig verdi"), error.deviceCheck == nil { fatalError("an impossible value without a device check") }
        return
    }
    guard m.value.isFinite, m.secondValue?.isFinite ?? true else { fatalError("a measurement of \(m.value) / \(String(describing: m.secondValue))") }
    if let range = PhysicalLimits.range(m.kind) {
        guard range.contains(m.value), m.secondValue.map(range.contains) ?? true else {
            fatalError("\(m.kind) \(m.value) / \(String(describing: m.secondValue)) outside \(range) became a measurement")
        }
    }
    guard !m.id.isEmpty, !m.patientID.isEmpty else { fatalError("a measurement without id or patient: \(m)") }
}

private func plan(_ carePlan: FHIRCarePlan) {
    guard let plan = try? CarePlanMapping.plan(from: carePlan, serverBase: "https://fhir.example.no/fhir") else { return }
    for limits in plan.limits {
        for bound in [limits.greenLow, limits.greenHigh, limits.yellowLow, limits.yellowHigh].compactMap({ $0 }) where !bound.isFinite {
            fatalError("a limit of \(bound) for \(limits.kind)")
        }
    }
    _ = CarePlanMapping.resource(from: plan)
}
