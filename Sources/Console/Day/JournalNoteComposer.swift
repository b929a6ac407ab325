import Foundation
import VardeDomain

/// What a journal note is written from: when, by whom, what raised the alert and on which basis,
/// what was done, the outcome and the nurse's own words. Plain values, so the composer stays pure.
public struct NoteFacts: Sendable, Equatable {
    public var written: Date
    public var nurse: String
    /// The alert's zone; nil for a free note about the patient.
    public var zone: Zone?
    public var basis: Judgement.Basis?
    public var marks: Set<FindingMark>
    /// The measurements that raised the alert (its trigger first).
    public var measurements: [HomeMeasurement]
    /// Who approved the patient's plan ("Fastlege Ola Hansen"); nil when not approved.
    public var planApprovedBy: String?
    /// For a missing-measurement alert, the kinds that did not come.
    public var missing: [MeasurementKind]
    /// For an alert a patient's message opened, the message.
    public var message: String?
    /// What the nurse did ("Ringte pasienten", "Rådet etter planen"), in order.
    public var actions: [String]
    public var outcome: HandlingOutcome?
    public var freeText: String
    /// When the note this one corrects was written.
    public var corrects: Date?

    public init(written: Date, nurse: String, zone: Zone? = nil, basis: Judgement.Basis? = nil, marks: Set<FindingMark> = [],
                measurements: [HomeMeasurement] = [], planApprovedBy: String? = nil, missing: [MeasurementKind] = [],
                message: String? = nil, actions: [String] = [], outcome: HandlingOutcome? = nil, freeText: String = "",
                corrects: Date? = nil) {
        self.written = written
        self.nurse = nurse
        self.zone = zone
        self.basis = basis
        self.marks = marks
        self.measurements = measurements
        self.planApprovedBy = planApprovedBy
        self.missing = missing
        self.message = message
        self.actions = actions
        self.outcome = outcome
        self.freeText = freeText
        self.corrects = corrects
    }
}

/// Writes a journal note in the style of a municipal patient record (EPJ): date, time, nurse,
/// background (the alert and the measurements that raised it, with the limits that judged them),
/// actions, outcome and the nurse's remark, in Norwegian bokmål or English. Pure: the same facts
/// give the same text.
public enum JournalNoteComposer {
    public static func compose(_ facts: NoteFacts, language: Language) -> String {
        let s = DayStrings.of(language)
        let f = Formatting(language)
        let dateAndTime = f.dayAndTime(facts.written)
        let time = String(dateAndTime.suffix(5))
        var lines = [s.noteHeading,
                     "\(s.noteDate): \(f.date(facts.written))  \(s.noteTime): \(time)",
                     "\(s.noteWrittenBy): \(facts.nurse), \(s.noteCentre)"]
        if let corrects = facts.corrects {
            lines.append(s.noteCorrection.replacingOccurrences(of: "%@", with: "\(f.date(corrects)) \(f.dayAndTime(corrects).suffix(5))"))
        }
        lines.append("")
        lines.append("\(s.noteBackground): " + background(facts, s, f))
        if let message = facts.message, facts.basis == .message {
            lines.append("«\(oneLine(message))»")
        }
        if !facts.measurements.isEmpty {
            lines.append("\(s.noteMeasurements):")
            let judged = judgedBy(facts, s)
            for m in facts.measurements {
                var line = "- \(f.dayAndTime(m.effective)) \(f.measurement(m))"
                if let zone = facts.zone, m.id == facts.measurements.first?.id {
                    line += " – \(s.zoneWords[zone] ?? "")".lowercased()
                    if let judged { line += ", \(s.noteJudgedBy) \(judged)" }
                }
                lines.append(line)
            }
        }
        if !facts.actions.isEmpty {
            lines.append("\(s.noteActions): " + facts.actions.map(oneLine).joined(separator: "; ") + ".")
        }
        if let outcome = facts.outcome, let index = HandlingOutcome.allCases.firstIndex(of: outcome) {
            let word = f.strings.outcomes.indices.contains(index) ? f.strings.outcomes[index] : outcome.rawValue
            lines.append("\(s.noteOutcome): \(word.prefix(1).uppercased() + word.dropFirst()).")
        }
        let remark = facts.freeText.trimmingCharacters(in: .whitespacesAndNewlines)
        if !remark.isEmpty {
            lines.append("\(s.noteRemark): \(remark)")
        }
        return lines.joined(separator: "\n")
    }

    private static func background(_ facts: NoteFacts, _ s: DayStrings, _ f: Formatting) -> String {
        guard let zone = facts.zone else { return s.noteFreeBackground }
        switch facts.basis {
        case .message?: return s.noteMessageAlert
        case .missingMeasurement?:
            let kinds = facts.missing.map { f.strings.measurementName($0.rawValue) }
            return "\(s.noteMissingAlert) \(kinds.joined(separator: ", "))."
        case .impossibleValue?: return s.noteDeviceAlert
        default:
            var text = s.noteAlertFrom.replacingOccurrences(of: "%@", with: s.zoneWords[zone] ?? "")
            if facts.marks.contains(.suspectedError) || facts.basis == .suspectedError { text += " (\(s.noteSuspected))" }
            return text
        }
    }

    private static func judgedBy(_ facts: NoteFacts, _ s: DayStrings) -> String? {
        switch facts.basis {
        case .plan?:
            if facts.marks.contains(.unapprovedPlan) { return s.notePlanNotApproved }
            return facts.planApprovedBy.map { s.notePlanApprovedBy.replacingOccurrences(of: "%@", with: $0) } ?? s.notePlanNotApproved
        case .defaultLimits?: return facts.marks.contains(.unapprovedPlan) ? s.notePlanNotApproved : s.noteDefaultLimits
        case .trend?: return s.noteTrend
        default: return nil
        }
    }

    /// Text from the network or the keyboard on one line, controls made harmless.
    private static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ").unicodeScalars
            .map { $0.value < 0x20 || (0x7f..<0xa0).contains($0.value) ? " " : String($0) }.joined()
    }
}

extension NoteFacts {
    /// The facts of a note about a handled alert, from what the patient view already holds: the alert
    /// (zone, basis, marks, what was missing), its trigger measurement, the plan (who approved it), and
    /// the message that opened it, if one did.
    public init(alert: Alert, trigger: HomeMeasurement?, plan: SelfCarePlan?, message: PatientMessage?, nurse: String,
                written: Date, actions: [String], outcome: HandlingOutcome?, freeText: String, corrects: Date? = nil) {
        self.init(written: written, nurse: nurse, zone: alert.zone, basis: alert.basis, marks: alert.marks,
                  measurements: trigger.map { [$0] } ?? [], planApprovedBy: plan?.approval?.approvedBy,
                  missing: (alert.missing ?? "").split(separator: ",").compactMap { MeasurementKind(rawValue: String($0)) },
                  message: message?.text, actions: actions, outcome: outcome, freeText: freeText, corrects: corrects)
    }
}
