import Foundation
import VardeDomain
import VardeStore
import VardeTerminal

/// The unattended screen: covers every view; shows only how many alerts wait, the clock, and how to
/// come back. No patient name, number, municipality or value is ever drawn here.
public enum LockScreen {
    /// `stale` is the queue header's words when its data is not current: the counts here are only as
    /// good as that data, so the line under the title says it in the red style.
    public static func render(counts: QueueCounts, overdue: Int, now: Date, lock: IdleLock, language: Language,
                              width: Int, height: Int, stale: Staleness = .current) -> ScreenBuffer {
        var buffer = ScreenBuffer(width: width, height: height)
        let f = Formatting(language)
        let strings = f.strings
        buffer.fill(row: 0, style: Style(.header))
        buffer.put(" \(strings.appName)", x: 0, y: 0, style: Style(.header))
        let clock = "\(f.dayAndTime(now)) "
        buffer.put(clock, x: max(0, width - DisplayWidth.of(clock)), y: 0, style: Style(.header))
        let wantsPIN = !(lock.settings.pin ?? "").isEmpty
        var lines: [(String, Style)] = [
            (strings.lockTitle, Style(.accent, bold: true)),
            ("", Style(.normal)),
            (filled(strings.lockCounts, counts.red, counts.yellow) + (overdue > 0 ? " · ! \(overdue) \(strings.overdue)" : ""),
             Style(.normal)),
            ("", Style(.normal)),
            (wantsPIN ? strings.lockHintPIN : strings.lockHintKey, Style(.dim)),
        ]
        if wantsPIN {
            lines.append(("PIN: " + String(repeating: "•", count: lock.typedPIN.count) + "▏", Style(.normal)))
            if lock.wrongPIN { lines.append((strings.wrongPIN, Style(.warning))) }
            if lock.notADigit { lines.append((strings.pinDigitsOnly, Style(.warning))) }
        }
        if let notice = DataFreshness.notices(stale, now: now, language: language).first, height > 2 {
            DataPathHealth.draw("⚠ " + notice, over: &buffer, y: 1)
        }
        let top = max(2, (height - lines.count) / 2)
        for (i, (text, style)) in lines.enumerated() where top + i < height {
            let fitted = DisplayWidth.fit(text, max(1, width - 2))
            buffer.put(fitted, x: max(0, (width - DisplayWidth.of(fitted)) / 2), y: top + i, style: style)
        }
        return buffer
    }

    /// The template with each `%@` replaced by the next number.
    static func filled(_ template: String, _ numbers: Int...) -> String {
        var parts = template.components(separatedBy: "%@")
        var text = parts.removeFirst()
        for (i, part) in parts.enumerated() { text += (i < numbers.count ? "\(numbers[i])" : "") + part }
        return text
    }
}
