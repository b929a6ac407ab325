import Foundation
import VardeDomain
import VardeStore
import VardeTerminal

/// The frame the day's screens share: title bar with the clock, status line with the keys.
enum DayLayout {
    /// Draws the title bar (`Varde · <title>` and the time) and the key hints; false when the window is
    /// too small, after saying so.
    static func frame(_ buffer: inout ScreenBuffer, title: String, hints: String, language: Language, now: Date) -> Bool {
        let f = Formatting(language)
        guard buffer.width >= QueueScreen.minimumSize.width, buffer.height >= QueueScreen.minimumSize.height else {
            buffer.put(DisplayWidth.fit(f.strings.windowTooSmall, buffer.width), x: 0, y: buffer.height / 2, style: Style(.warning))
            return false
        }
        buffer.fill(row: 0, style: Style(.header))
        let clock = "\(f.dayAndTime(now)) "
        buffer.put(DisplayWidth.fit(" \(f.strings.appName) · \(title)", buffer.width - DisplayWidth.of(clock) - 1), x: 0, y: 0,
                   style: Style(.header))
        buffer.put(clock, x: buffer.width - DisplayWidth.of(clock), y: 0, style: Style(.header))
        buffer.fill(row: buffer.height - 1, style: Style(.statusBar))
        buffer.put(DisplayWidth.fit(hints, buffer.width), x: 0, y: buffer.height - 1, style: Style(.statusBar))
        return true
    }

    /// A cell `width` wide: the text cut or padded to fit, made inert first.
    static func cell(_ text: String, _ width: Int) -> String {
        let fitted = DisplayWidth.fit(Sanitiser.inert(text), width)
        return fitted + String(repeating: " ", count: max(0, width - DisplayWidth.of(fitted)))
    }

    /// The short label of an open alert: the zone, or what kind of routine item it is.
    static func alertLabel(_ alert: OpenAlertSummary?, _ f: Formatting) -> String {
        guard let alert else { return "" }
        guard alert.zone == .green else { return f.zoneLabel(alert.zone) }
        switch alert.basis {
        case .message: return f.strings.messageLabel
        case .missingMeasurement: return f.strings.missingLabel
        case .impossibleValue: return f.strings.impossibleLabel
        case .suspectedError: return "? \(f.strings.errorLabel)"
        default: return f.zoneLabel(alert.zone)
        }
    }

    static func style(_ zone: Zone?) -> Style {
        switch zone {
        case .red?: Style(.red, bold: true)
        case .yellow?: Style(.yellow)
        default: Style(.normal)
        }
    }
}
