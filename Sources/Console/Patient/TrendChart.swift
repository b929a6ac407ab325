import Foundation
import VardeDomain
import VardeTerminal

/// A bar chart of one measurement over a period, in block characters (eighths of a cell), with the
/// plan's (or the default's) yellow and red limits drawn as dashed lines across it.
public enum TrendChart {
    static let eighths = ["", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// Column values: the worst-looking (highest) value of each time bucket, nil where nothing was measured.
    public static func columns(_ points: [(Date, Double)], from: Date, to: Date, width: Int) -> [Double?] {
        guard width > 0, to > from else { return [] }
        var columns = [Double?](repeating: nil, count: width)
        let span = to.timeIntervalSince(from)
        for (date, value) in points where date >= from && date <= to {
            let index = min(width - 1, Int(date.timeIntervalSince(from) / span * Double(width)))
            columns[index] = max(columns[index] ?? value, value)
        }
        return columns
    }

    /// Draws the chart at (x, y) in `width` × `height` cells.
    public static func draw(into buffer: inout ScreenBuffer, x: Int, y: Int, width: Int, height: Int,
                            columns: [Double?], limits: [Double], style: Style) {
        let values = columns.compactMap { $0 } + limits
        guard height > 0, let low = values.min(), let high = values.max() else { return }
        let bottom = low - max(1, (high - low) * 0.1), top = high + max(1, (high - low) * 0.1)
        let scale = Double(height * 8) / (top - bottom)
        let limitRows = Set(limits.map { height - 1 - min(height - 1, max(0, Int(($0 - bottom) * scale) / 8)) })
        for row in 0..<height {
            if limitRows.contains(row) {
                buffer.put(String(repeating: "╌", count: width), x: x, y: y + row, style: Style(.dim))
            }
        }
        for (column, value) in columns.enumerated() {
            guard let value else { continue }
            let filled = max(1, Int((value - bottom) * scale))
            for row in 0..<height {
                let fromBottom = height - 1 - row
                let eighthsHere = min(8, max(0, filled - fromBottom * 8))
                if eighthsHere > 0 { buffer.put(eighths[eighthsHere], x: x + column, y: y + row, style: style) }
            }
        }
    }
}
