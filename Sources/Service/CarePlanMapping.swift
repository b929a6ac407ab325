import Foundation
import VardeDomain

/// FHIR CarePlan ↔ `SelfCarePlan`. Limits are contained ObservationDefinitions whose
/// qualifiedIntervals carry a zone extension (green/yellow); goals are contained Goals; the schedule
/// and the zone actions are activities; the GP's approval is the author plus an approval extension.
public enum CarePlanMapping {
    public static let zoneExtension = "https://varde.example.no/fhir/StructureDefinition/limit-zone"
    public static let approvalExtension = "https://varde.example.no/fhir/StructureDefinition/plan-approval"
    public static let actionExtension = "https://varde.example.no/fhir/StructureDefinition/zone-action"

    public static func plan(from carePlan: FHIRCarePlan, serverBase: String? = nil) throws(EntryProblem) -> SelfCarePlan {
        func problem(_ reason: String) -> EntryProblem {
            EntryProblem(resourceType: "CarePlan", resourceID: carePlan.id, reason: reason)
        }
        guard let id = carePlan.id else { throw problem("no id") }
        guard let reference = carePlan.subject?.reference,
              let patientID = FHIRReferences.patientID(reference, serverBase: serverBase) else {
            throw problem("subject is not a Patient reference")
        }
        let lastUpdated = carePlan.meta?.lastUpdated.flatMap(FHIRDateTime.parse) ?? Date(timeIntervalSince1970: 0)
        var goals: [String] = []
        var limits: [MeasurementLimits] = []
        var invalid: [String] = []
        for item in carePlan.contained ?? [] {
            switch item {
            case .goal(let goal): if let text = goal.description.text { goals.append(text) }
            case .limits(let definition):
                switch try limitsFrom(definition, problem) {
                case .usable(let l)?: limits.append(l)
                case .unusable(let reason)?: invalid.append(reason)
                case nil: break
                }
            case .other: break
            }
        }
        var schedule: [MeasurementSchedule] = []
        var actions: [Zone: ZoneAction] = [:]
        for activity in carePlan.activity ?? [] {
            let detail = activity.detail
            if let marker = detail.extension?.first(where: { $0.url == actionExtension })?.valueString {
                let parts = marker.split(separator: ":").map(String.init) // "yellow:patient"
                guard parts.count == 2, let zone = zoneNamed(parts[0]), let text = detail.description else { continue }
                var action = actions[zone] ?? ZoneAction(zone: zone, forPatient: [], forCentre: [])
                if parts[1] == "patient" { action.forPatient.append(text) } else { action.forCentre.append(text) }
                actions[zone] = action
            } else if let coding = detail.code?.coding?.first, let code = coding.code {
                let kind = MeasurementKind(system: coding.system, code: code)
                let hour = detail.scheduledTiming?.repeat?.timeOfDay?.first.flatMap { Int($0.prefix(2)) } ?? 12
                schedule.append(MeasurementSchedule(kind: kind, timesPerDay: detail.scheduledTiming?.repeat?.frequency ?? 1,
                                                    dueByHour: hour))
            }
        }
        var approval: PlanApproval?
        if let approvalExtension = carePlan.extension?.first(where: { $0.url == approvalExtension }),
           let text = approvalExtension.valueString, let date = FHIRDateTime.parse(String(text.prefix(10))) {
            approval = PlanApproval(approvedBy: carePlan.author?.display ?? "fastlege", approvedOn: date)
        }
        return SelfCarePlan(id: id, patientID: patientID, goals: goals,
                            schedule: schedule, limits: limits,
                            actions: [Zone.yellow, .red].compactMap { actions[$0] }, approval: approval,
                            revised: carePlan.created.flatMap(FHIRDateTime.parse) ?? lastUpdated, lastUpdated: lastUpdated,
                            invalidLimits: invalid.isEmpty ? nil : invalid, calendar: calendar(from: carePlan))
    }

    /// One contained limit definition: usable limits in the canonical unit, or why they cannot be used.
    enum LimitsFound {
        case usable(MeasurementLimits)
        case unusable(String)
    }

    private static func limitsFrom(_ definition: FHIRObservationDefinition,
                                   _ problem: (String) -> EntryProblem) throws(EntryProblem) -> LimitsFound? {
        guard let code = definition.code.coding?.first?.code else { throw problem("limits without a code") }
        let system = definition.code.coding?.first?.system
        let kind: MeasurementKind
        let part: MeasurementPart
        switch code {
        case MeasurementKind.systolicCode: (kind, part) = (.bloodPressure, .value)
        case MeasurementKind.diastolicCode: (kind, part) = (.bloodPressure, .diastolic)
        default: (kind, part) = (MeasurementKind(system: system, code: code), .value)
        }
        guard kind != .other else { return nil }
        var result = MeasurementLimits(kind: kind, part: part, greenLow: nil, greenHigh: nil, yellowLow: nil, yellowHigh: nil)
        var unreadable: String?
        // A bound in another unit is converted (SpO2 0.94 in unit `1` is 94 %); a bound without a unit is in
        // the canonical one; a bound in a unit Varde cannot read makes the whole definition unusable.
        func bound(_ quantity: FHIRQuantity?) -> Double? {
            guard let quantity, let value = quantity.value, value.isFinite else { return nil }
            let spellings = [quantity.code, quantity.unit].compactMap { $0 }
            if spellings.isEmpty { return value }
            for unit in spellings {
                if let converted = UnitNormaliser.canonical(value, unit: unit, kind: kind) { return converted }
            }
            unreadable = spellings[0]
            return nil
        }
        for interval in definition.qualifiedInterval ?? [] {
            let zone = interval.extension?.first(where: { $0.url == zoneExtension })?.valueString
            switch zone {
            case "green"?:
                result.greenLow = bound(interval.range?.low)
                result.greenHigh = bound(interval.range?.high)
            case "yellow"?:
                result.yellowLow = bound(interval.range?.low)
                result.yellowHigh = bound(interval.range?.high)
            default: continue
            }
        }
        if let unreadable {
            return .unusable("\(ObservationMapping.norwegianName(kind))\(part == .diastolic ? " (diastolisk)" : ""): "
                             + "enhet «\(unreadable)» kan ikke leses, standardgrensene gjelder")
        }
        return .usable(result)
    }

    static func zoneNamed(_ name: String) -> Zone? {
        switch name {
        case "green": .green
        case "yellow": .yellow
        case "red": .red
        default: nil
        }
    }

    static func zoneName(_ zone: Zone) -> String {
        switch zone {
        case .green: "green"
        case .yellow: "yellow"
        case .red: "red"
        }
    }

    /// The CarePlan the simulator serves for a plan.
    public static func resource(from plan: SelfCarePlan) -> FHIRCarePlan {
        let subject = FHIRReference(reference: "Patient/\(plan.patientID)")
        var contained: [FHIRCarePlan.Contained] = plan.goals.enumerated().map {
            .goal(FHIRGoal(id: "goal-\($0.offset + 1)", description: $0.element, subject: subject))
        }
        for (index, limits) in plan.limits.enumerated() {
            let code = limits.kind == .bloodPressure
                ? (limits.part == .diastolic ? MeasurementKind.diastolicCode : MeasurementKind.systolicCode)
                : limits.kind.codes[0].code
            let system = limits.kind.codes.first?.system ?? MeasurementKind.loinc
            func quantity(_ value: Double?) -> FHIRQuantity? {
                value.map { FHIRQuantity(value: $0, unit: limits.kind.canonicalUnit, code: limits.kind.canonicalUnit) }
            }
            func interval(_ zone: String, _ category: String, _ low: Double?, _ high: Double?) -> FHIRObservationDefinition.Interval? {
                guard low != nil || high != nil else { return nil }
                return .init(extension: [FHIRExtension(url: zoneExtension, valueString: zone)], category: category,
                             range: FHIRRange(low: quantity(low), high: quantity(high)))
            }
            let intervals = [interval("green", "reference", limits.greenLow, limits.greenHigh),
                             interval("yellow", "critical", limits.yellowLow, limits.yellowHigh)].compactMap { $0 }
            contained.append(.limits(FHIRObservationDefinition(
                id: "limits-\(index + 1)", code: FHIRCodeableConcept(coding: [FHIRCoding(system: system, code: code)]),
                qualifiedInterval: intervals.isEmpty ? nil : intervals)))
        }
        var activities: [FHIRCarePlan.Activity] = plan.schedule.map { item in
            let coding = item.kind.codes.first.map { FHIRCoding(system: $0.system, code: $0.code) }
            return .init(detail: .init(
                code: FHIRCodeableConcept(coding: coding.map { [$0] }), status: "scheduled",
                scheduledTiming: FHIRTiming(repeat: .init(frequency: item.timesPerDay, period: 1, periodUnit: "d",
                                                           timeOfDay: [String(format: "%02d:00:00", item.dueByHour)]))))
        }
        for action in plan.actions {
            for (audience, texts) in [("patient", action.forPatient), ("centre", action.forCentre)] {
                for text in texts {
                    activities.append(.init(detail: .init(
                        extension: [FHIRExtension(url: actionExtension, valueString: "\(zoneName(action.zone)):\(audience)")],
                        status: "not-started", description: text)))
                }
            }
        }
        let calendar = resourceParts(plan.calendar)
        let extensions = (plan.approval.map { [FHIRExtension(url: approvalExtension, valueString: FHIRDateTime.formatDate($0.approvedOn))] } ?? [])
            + calendar.extensions
        return FHIRCarePlan(
            id: plan.id, meta: FHIRMeta(lastUpdated: FHIRDateTime.format(plan.lastUpdated)),
            extension: extensions.isEmpty ? nil : extensions,
            contained: contained.isEmpty ? nil : contained, status: status(of: plan), intent: "plan", subject: subject,
            created: FHIRDateTime.format(plan.revised),
            author: plan.approval.map { FHIRReference(reference: nil, identifier: nil, display: $0.approvedBy) },
            goal: plan.goals.isEmpty ? nil : plan.goals.indices.map { FHIRReference(reference: "#goal-\($0 + 1)") },
            activity: activities.isEmpty ? nil : activities, period: calendar.period)
    }
}
