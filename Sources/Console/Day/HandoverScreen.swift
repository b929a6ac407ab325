import Foundation
import VardeDomain
import VardeTerminal

/// The shift handover view (`:vakt`): since a time (by default the start of the operator's previous
/// shift), new reds and yellows, resolutions by whom with which outcome, claims still held per nurse,
/// and what waits. The same sections `varde report handover` exports.
public enum HandoverScreen {
    public static func render(_ report: HandoverReport, scroll: Int, width: Int, height: Int, language: Language,
                              now: Date) -> ScreenBuffer {
        var buffer = ScreenBuffer(width: width, height: height)
        let s = DayStrings.of(language)
        let f = Formatting(language)
        let period = s.handoverPeriod.replacingOccurrences(of: "%1", with: f.dayAndTime(report.since))
            .replacingOccurrences(of: "%2", with: f.dayAndTime(report.until))
        guard DayLayout.frame(&buffer, title: "\(s.handoverTitle) · \(period)", hints: s.handoverHints, language: language, now: now)
        else { return buffer }
        var lines: [(text: String, style: Style)] = []
        for section in HandoverExport.sections(report, language: language) {
            if !lines.isEmpty { lines.append(("", Style(.normal))) }
            lines.append((" \(section.heading)", Style(.columnHeader)))
            for line in section.lines {
                for (index, row) in TextWrap.wrap(Sanitiser.inert(line.text), width: width - 5).enumerated() {
                    lines.append(((index == 0 ? "  " : "    ") + row, DayLayout.style(line.zone)))
                }
            }
        }
        let room = height - 3
        let first = max(0, min(scroll, lines.count - room))
        for (offset, line) in lines.dropFirst(first).prefix(room).enumerated() {
            if line.style.role == .columnHeader { buffer.fill(row: 2 + offset, style: line.style) }
            buffer.put(DisplayWidth.fit(line.text, width), x: 0, y: 2 + offset, style: line.style)
        }
        if lines.count > room {
            let more = "\(first + 1)–\(min(lines.count, first + room))/\(lines.count) "
            buffer.put(more, x: width - DisplayWidth.of(more), y: 1, style: Style(.dim))
        }
        return buffer
    }
}
