import Foundation
import VardeDomain
import VardeTerminal

/// The shift handover as sections of lines, and as plain text or Markdown for `varde report handover`
/// and the `e` key of the handover view. Pure: the same report gives the same text.
public enum HandoverExport {
    /// One section: a heading and its lines, each with the zone that colours it on screen.
    struct Section {
        var heading: String
        var lines: [(text: String, zone: Zone?)]
    }

    static func sections(_ report: HandoverReport, language: Language) -> [Section] {
        let s = DayStrings.of(language)
        let f = Formatting(language)
        func what(_ alert: HandoverAlert) -> String {
            if let trigger = alert.trigger { return f.measurement(trigger) }
            if !alert.missing.isEmpty {
                return "\(f.strings.missingPrefix) " + alert.missing.map { f.strings.measurementName($0.rawValue) }.joined(separator: ", ")
            }
            return ""
        }
        func state(_ alert: HandoverAlert) -> String {
            guard alert.open else { return "" }
            return alert.owner.map { " – " + f.strings.takenBy.replacingOccurrences(of: "%@", with: $0) } ?? " – \(s.stillOpen)"
        }
        var sections: [Section] = []
        sections.append(Section(heading: s.newAlerts, lines: report.newAlerts.isEmpty ? [(s.noNewAlerts, nil)] : report.newAlerts.map { alert in
            let zone = alert.zone == .red ? f.strings.red : f.strings.yellow
            return ("\(f.dayAndTime(alert.raisedAt)) \(zone) \(alert.patientName) (\(alert.municipality)): \(what(alert))\(state(alert))",
                    alert.zone)
        }))
        sections.append(Section(heading: s.resolvedTitle, lines: report.resolved.isEmpty ? [(s.noneResolved, nil)] : report.resolved.map { item in
            var line = "\(f.dayAndTime(item.resolvedAt)) \(item.patientName) \(s.by) \(item.resolvedBy)"
            if let outcome = item.outcome, let index = HandlingOutcome.allCases.firstIndex(of: outcome),
               f.strings.outcomes.indices.contains(index) {
                line += ": \(f.strings.outcomes[index])"
            }
            if let note = item.note, !note.isEmpty { line += " – «\(oneLine(note))»" }
            return (line, nil)
        }))
        sections.append(Section(heading: s.claimsTitle, lines: report.claims.isEmpty ? [(s.noClaims, nil)] : report.claims.map { claim in
            ("\(claim.nurse) (\(claim.patients.count)): \(claim.patients.joined(separator: "; "))", nil)
        }))
        var waiting: [(String, Zone?)] = []
        if report.unclaimedRed + report.unclaimedYellow > 0 {
            waiting.append((s.unclaimed.replacingOccurrences(of: "%1", with: String(report.unclaimedRed))
                                .replacingOccurrences(of: "%2", with: String(report.unclaimedYellow)),
                            report.unclaimedRed > 0 ? .red : .yellow))
        }
        waiting.append((s.unread.replacingOccurrences(of: "%d", with: String(report.unreadMessages)), nil))
        waiting.append((s.outbox.replacingOccurrences(of: "%d", with: String(report.outboxWaiting)), nil))
        sections.append(Section(heading: s.waitingTitle, lines: waiting))
        sections.append(Section(heading: s.missingTitle, lines: report.missingMeasurements.isEmpty ? [(s.noMissing, nil)]
            : report.missingMeasurements.map { ("\(f.dayAndTime($0.raisedAt)) \($0.patientName) (\($0.municipality)): \(what($0))\(state($0))", nil) }))
        return sections
    }

    /// "Vaktoverlevering fra 21.11 08:00 til 22.11 07:45".
    static func title(_ report: HandoverReport, language: Language) -> String {
        let s = DayStrings.of(language)
        let f = Formatting(language)
        return "\(s.handoverTitle) " + s.handoverPeriod.replacingOccurrences(of: "%1", with: f.dayAndTime(report.since))
            .replacingOccurrences(of: "%2", with: f.dayAndTime(report.until))
    }

    /// `text` or `md`; anything else is plain text.
    public static func render(_ report: HandoverReport, format: String, language: Language) -> String {
        let sections = sections(report, language: language)
        var out: [String] = []
        if format == "md" {
            out.append("# \(title(report, language: language))")
            for section in sections {
                out.append("")
                out.append("## \(section.heading)")
                out.append("")
                out += section.lines.map { "- \(markdownSafe($0.text))" }
            }
        } else {
            let heading = title(report, language: language)
            out.append(heading)
            out.append(String(repeating: "=", count: DisplayWidth.of(heading)))
            for section in sections {
                out.append("")
                out.append(section.heading)
                out.append(String(repeating: "-", count: DisplayWidth.of(section.heading)))
                out += section.lines.map { "  \($0.text)" }
            }
        }
        return out.map(Sanitiser.inert).joined(separator: "\n") + "\n"
    }

    private static func oneLine(_ text: String) -> String {
        String(text.split(whereSeparator: \.isNewline).joined(separator: " ").prefix(120))
    }

    /// Markdown's own characters escaped, so a name or a note cannot make a heading, a link or a table.
    static func markdownSafe(_ text: String) -> String {
        var out = ""
        for character in text {
            if "\\`*_[]<>#|".contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }
}
