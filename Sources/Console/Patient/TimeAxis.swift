import Foundation
import VardeDomain

/// The dates under a trend chart, so that a nurse can tell when a point was measured: a label at
/// local midnight every day (every few days in a long period), in the centre's time zone and the
/// operator's language, spaced so that no two labels touch. Pure: same input, same text.
enum TimeAxis {
    /// A row `plotWidth` cells wide, the period from `from` to `to` laid out as the chart lays it out.
    static func row(from: Date, to: Date, plotWidth: Int, language: Language) -> String {
        guard plotWidth > 0, to > from else { return "" }
        let span = to.timeIntervalSince(from)
        let days = span / 86_400
        let labelWidth = language == .nb ? 5 : 6
        // The fewest days between labels that still leaves a gap between them.
        let step = [1, 2, 3, 7, 14, 30].first { Double(plotWidth) * Double($0) / days >= Double(labelWidth + 1) } ?? 30
        var cells = [Character](repeating: " ", count: plotWidth)
        var day = NorwegianTime.day(from)
        if NorwegianTime.midnight(day) < from { day += 1 }
        var nextFree = 0
        var index = 0
        while case let midnight = NorwegianTime.midnight(day), midnight <= to {
            let x = Int((midnight.timeIntervalSince(from) / span * Double(plotWidth - 1)).rounded())
            let text = Array(label(day: day, language: language))
            if index % step == 0, x >= nextFree, x + text.count <= plotWidth {
                for (offset, character) in text.enumerated() { cells[x + offset] = character }
                nextFree = x + text.count + 1
            }
            index += 1
            day += 1
        }
        return String(cells)
    }

    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// "16.11" in Norwegian, "16 Nov" in English, of a day in Norway (`NorwegianTime.day`).
    static func label(day: Int, language: Language) -> String {
        let (_, month, dayOfMonth) = CivilDays.date(day)
        switch language {
        case .nb: return NorwegianTime.two(dayOfMonth) + "." + NorwegianTime.two(month)
        case .en: return "\(dayOfMonth) \(months[max(0, min(11, month - 1))])"
        }
    }
}
