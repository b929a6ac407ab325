import Foundation
import VardeDomain

/// The follow-up calendar on a CarePlan: `CarePlan.period.end` ends follow-up; a trial-period
/// extension carries a Period; each pause is a complex extension with a `period` and a `reason`
/// (a Period directly on the pause extension is read too). A pause without an end lasts until it is lifted.
extension CarePlanMapping {
    public static let trialPeriodExtension = "https://varde.example.no/fhir/StructureDefinition/follow-up-trial-period"
    public static let pauseExtension = "https://varde.example.no/fhir/StructureDefinition/follow-up-pause"

    /// What the CarePlan registers, or nil when it registers nothing. A date that cannot be read leaves
    /// the patient in follow-up: missing measurements then raise alerts, which is the safe side.
    static func calendar(from carePlan: FHIRCarePlan) -> FollowUpCalendar? {
        let extensions = carePlan.extension ?? []
        let trial = extensions.first { $0.url == trialPeriodExtension }?.valuePeriod.flatMap { interval($0) }
        let pauses: [FollowUpCalendar.Pause] = extensions.filter { $0.url == pauseExtension }.compactMap { pause in
            let period = pause.valuePeriod ?? pause.extension?.first { $0.url == "period" }?.valuePeriod
            guard let period, let interval = interval(period) else { return nil }
            return FollowUpCalendar.Pause(period: interval, reason: pause.extension?.first { $0.url == "reason" }?.valueString)
        }
        // A completed or revoked plan without an end date ended when it was last changed.
        let finished = ["completed", "revoked"].contains(carePlan.status)
            ? carePlan.meta?.lastUpdated.flatMap(FHIRDateTime.parse) ?? Date(timeIntervalSince1970: 0) : nil
        let ended = carePlan.period?.end.flatMap(FHIRDateTime.parse) ?? finished
        let calendar = FollowUpCalendar(trialPeriod: trial, pauses: pauses, ended: ended)
        return calendar.isEmpty ? nil : calendar
    }

    private static func interval(_ period: FHIRPeriod) -> DateInterval? {
        guard let start = period.start.flatMap(FHIRDateTime.parse) else { return nil }
        let end: Date? = if let text = period.end { FHIRDateTime.parse(text) } else { .distantFuture }
        guard let end, end >= start else { return nil }
        return DateInterval(start: start, end: end)
    }

    /// The CarePlan status the simulator serves: completed once follow-up has ended, active otherwise
    /// (a pause is registered on an active plan: it is expected to resume).
    public static func status(of plan: SelfCarePlan) -> String {
        plan.calendar?.ended == nil ? "active" : "completed"
    }

    /// The extensions and period the simulator writes for a calendar.
    static func resourceParts(_ calendar: FollowUpCalendar?) -> (extensions: [FHIRExtension], period: FHIRPeriod?) {
        guard let calendar else { return ([], nil) }
        func period(_ interval: DateInterval) -> FHIRPeriod {
            FHIRPeriod(start: FHIRDateTime.format(interval.start),
                       end: interval.end == .distantFuture ? nil : FHIRDateTime.format(interval.end))
        }
        var extensions: [FHIRExtension] = []
        if let trial = calendar.trialPeriod { extensions.append(FHIRExtension(url: trialPeriodExtension, valuePeriod: period(trial))) }
        for pause in calendar.pauses {
            var parts = [FHIRExtension(url: "period", valuePeriod: period(pause.period))]
            if let reason = pause.reason { parts.append(FHIRExtension(url: "reason", valueString: reason)) }
            extensions.append(FHIRExtension(url: pauseExtension, extension: parts))
        }
        return (extensions, calendar.ended.map { FHIRPeriod(start: nil, end: FHIRDateTime.format($0)) })
    }
}
