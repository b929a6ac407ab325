import Foundation

/// The dates under a trend chart, so that a nurse can tell when a point was measured: a label at
/// local midnight every day (every few days in a long period), in the centre's time zone and the
/// operator's language, spaced so that no two labels touch. Pure: same input, same text.
enum TimeAxis {
    /// A row `plotWidth` cells wide, the period from `from` to `to` laid out as the chart lays it out.
    static func row(from: Date, to: Date, plotWidth: Int, language: Language) -> String {
        guard plotWidth > 0, to > from else { return "" }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = Formatting.zone
        let span = to.timeIntervalSince(from)
        let days = span / 86_400
        let labelWidth = language == .nb ? 5 : 6
        // The fewest days between labels that still leaves a gap between them.
        let step = [1, 2, 3, 7, 14, 30].first { Double(plotWidth) * Double($0) / days >= Double(labelWidth + 1) } ?? 30
        var cells = [Character](repeating: " ", count: plotWidth)
        var day = calendar.startOfDay(for: from)
        if day < from, let next = calendar.date(byAdding: .day, value: 1, to: day) { day = next }
        var nextFree = 0
        var index = 0
        while day <= to {
            let x = Int((day.timeIntervalSince(from) / span * Double(plotWidth - 1)).rounded())
            let text = Array(label(day, calendar: calendar, language: language))
            if index % step == 0, x >= nextFree, x + text.count <= plotWidth {
                for (offset, character) in text.enumerated() { cells[x + offset] = character }
                nextFree = x + text.count + 1
            }
            index += 1
            guard let next = calendar.date(byAdding: .day, value: 1, to: day) else { break }
            day = next
        }
        return String(cells)
    }

    /// "16.11" in Norwegian, "16 Nov" in English.
    static func label(_ day: Date, calendar: Calendar, language: Language) -> String {
        let c = calendar.dateComponents([.day, .month], from: day)
        switch language {
        case .nb: return String(format: "%02d.%02d", c.day ?? 0, c.month ?? 0)
        case .en:
            let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
            return "\(c.day ?? 0) \(months[max(0, min(11, (c.month ?? 1) - 1))])"
        }
    }
}
