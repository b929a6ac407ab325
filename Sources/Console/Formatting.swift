import Foundation
import VardeDomain
import VardeTerminal

/// Turns domain values into the short texts the screens show, in the operator's language.
public struct Formatting: Sendable {
    public let strings: Catalogue
    public let language: Language
    /// Times are shown as the centre lives them: Norwegian local time.
    static let zone = TimeZone(identifier: "Europe/Oslo") ?? .current

    public init(_ language: Language) {
        strings = language.strings
        self.language = language
    }

    /// "12 min", "2 t 05 min", "3 d 4 t".
    public func waited(_ interval: TimeInterval) -> String {
        let minutes = max(0, Int(interval / 60))
        if minutes < 1 { return "<1 min" }
        if minutes < 60 { return "\(minutes) min" }
        let hours = minutes / 60
        if hours < 24 { return "\(hours) \(strings.hour) \(NorwegianTime.two(minutes % 60)) min" }
        return "\(hours / 24) \(strings.day) \(hours % 24) \(strings.hour)"
    }

    /// Seconds for fresh data, minutes and hours after: "12 s", "4 min", "2 t 05 min".
    public func age(_ interval: TimeInterval) -> String {
        interval < 60 ? "\(max(0, Int(interval))) s" : waited(interval)
    }

    /// "↓ 6 linjer til (j/PgDn)" under a panel with more below it, "↑ 1 linje over (k/PgUp)" over one scrolled down.
    public func moreLines(_ count: Int, below: Bool) -> String {
        let amount = count == 1 ? strings.oneLine : strings.lines.replacingOccurrences(of: "%d", with: String(count))
        return (below ? strings.moreBelow : strings.moreAbove).replacingOccurrences(of: "%@", with: amount)
    }

    public func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e9 { return String(Int(value)) }
        let text = String(format: "%.1f", value)
        return strings.decimalSeparator == "," ? text.replacingOccurrences(of: ".", with: ",") : text
    }

    public func unit(_ ucum: String) -> String {
        switch ucum {
        case "Cel": "°C"
        case "mm[Hg]": "mmHg"
        case "{score}": ""
        case "[degF]": "°F"
        case "[lb_av]": "lb"
        default: ucum
        }
    }

    /// "SpO2 86 %", "BT 182/95 mmHg", "Blodsukker <1,1 mmol/L", "Annen måling: Peak flow 310 L/min".
    public func measurement(_ m: HomeMeasurement) -> String {
        var value = (m.comparator?.rawValue ?? "") + number(m.value)
        if let second = m.secondValue { value += "/\(number(second))" }
        let unitText = unit(m.unit)
        let name = m.kind == .other
            ? "\(strings.measurementName("other")): \(m.codeDisplay ?? m.code)"
            : strings.measurementName(m.kind.rawValue)
        return unitText.isEmpty ? "\(name) \(value)" : "\(name) \(value) \(unitText)"
    }

    /// "22.11 14:05" in Norwegian time.
    public func dayAndTime(_ date: Date) -> String {
        let c = NorwegianTime.parts(date)
        return "\(NorwegianTime.two(c.day)).\(NorwegianTime.two(c.month)) \(NorwegianTime.two(c.hour)):\(NorwegianTime.two(c.minute))"
    }

    /// "12.10.2026" in Norwegian time.
    public func date(_ date: Date) -> String {
        let c = NorwegianTime.parts(date)
        return "\(NorwegianTime.two(c.day)).\(NorwegianTime.two(c.month)).\(c.year)"
    }

    /// Which limits judged a finding, as the queue says it.
    public func basis(_ basis: Judgement.Basis) -> String {
        switch basis {
        case .plan: strings.planLimits
        case .defaultLimits: strings.defaultLimits
        case .trend: strings.trendRule
        case .suspectedError: strings.suspectedError
        case .message: strings.messageBasis
        case .missingMeasurement: strings.missingBasis
        case .impossibleValue: strings.impossibleBasis
        }
    }

    /// What judged a finding and the marks beside it: "egen plan · plan ikke godkjent · mulig feilmåling – …".
    public func basis(_ basis: Judgement.Basis, marks: Set<FindingMark>) -> String {
        var parts = [self.basis(basis)]
        if marks.contains(.unapprovedPlan) { parts.append(strings.unapprovedPlan) }
        if marks.contains(.suspectedError) && basis != .suspectedError { parts.append(strings.suspectedError) }
        return parts.joined(separator: " · ")
    }

    /// The queue's first column: the zone, or what kind of routine item it is.
    public func label(_ entry: QueueEntry) -> String {
        guard entry.zone == .green else { return zoneLabel(entry.zone) }
        switch entry.basis {
        case .suspectedError: return "? \(strings.errorLabel)"
        case .message: return strings.messageLabel
        case .missingMeasurement: return strings.missingLabel
        case .impossibleValue: return strings.impossibleLabel
        default: return zoneLabel(entry.zone)
        }
    }

    /// What raised the alert: the measurement, or the first words of the patient's message (made inert).
    public func finding(_ entry: QueueEntry) -> String {
        if let trigger = entry.trigger { return measurement(trigger) }
        if entry.basis == .impossibleValue { return strings.impossibleBasis }
        if entry.basis == .missingMeasurement {
            return "\(strings.missingPrefix) " + entry.missing.map { strings.measurementName($0.rawValue) }.joined(separator: ", ")
        }
        let words = (entry.message ?? "").split(whereSeparator: \.isNewline).joined(separator: " ")
        return "«\(Sanitiser.inert(String(words.prefix(80))))»"
    }

    public func zoneLabel(_ zone: Zone) -> String {
        switch zone {
        case .red: "■ \(strings.red)"
        case .yellow: "▲ \(strings.yellow)"
        case .green: "● \(strings.green)"
        }
    }
}
