import VardeDomain

/// One line on a trend chart (blood pressure has two: systolic and diastolic), with the limits that
/// judge that line alone, labelled with its tag ("sys", "dia") so that each is read against its own.
public struct TrendSeries: Sendable, Equatable {
    public var points: [TrendPoint]
    public var limits: [LimitLine]
    public var tag: String
    public init(_ points: [TrendPoint], limits: [LimitLine] = [], tag: String = "") {
        self.points = points
        self.limits = limits
        self.tag = tag
    }
}

/// One measured value: where in the period (0 the start, 1 now), and the zone it raised, if any.
public struct TrendPoint: Sendable, Equatable {
    public var at: Double
    public var value: Double
    public var alert: Zone?
    public init(at: Double, value: Double, alert: Zone? = nil) {
        self.at = at
        self.value = value
        self.alert = alert
    }
}

/// How the chart draws its dots: braille (2×4 dots a cell) or half blocks (1×2) where braille cannot show.
public enum ChartGlyphs: Sendable {
    case braille, block

    /// Braille when the locale speaks UTF-8 (`LC_ALL`, `LC_CTYPE` or `LANG`), else blocks.
    public static func forLocale(_ environment: [String: String]) -> ChartGlyphs {
        let locale = [environment["LC_ALL"], environment["LC_CTYPE"], environment["LANG"]].compactMap { $0 }
            .first { !$0.isEmpty } ?? ""
        let lower = locale.lowercased()
        return lower.contains("utf-8") || lower.contains("utf8") ? .braille : .block
    }
}

/// A line chart of measurements over a period as text: the series drawn with dots and joined, the
/// limits as lines across (`┄` where green ends, `━` where red begins) with their value at the right,
/// and the measurements that raised an alert marked `▲` (yellow) or `■` (red). Pure: same input, same text.
public enum TrendChart {
    public static let yellowLine: Character = "┄"
    public static let redLine: Character = "━"

    /// `height` lines of exactly `width` cells. `label` writes a limit's value. `limits` judge every
    /// line; a series' own limits are drawn near that series' values only, tagged with its name.
    public static func render(_ series: [TrendSeries], limits: [LimitLine], width: Int, height: Int,
                              glyphs: ChartGlyphs = .braille, label: (Double) -> String = { "\($0)" }) -> [String] {
        guard width > 0, height > 0 else { return [] }
        let plotWidth = plotWidth(series, limits: limits, width: width, label: label)
        let labelWidth = width - plotWidth
        let tagged = drawnLimits(series, limits: limits, label: label)
        let limits = tagged.map(\.line)
        let labels = tagged.map(\.label)
        let values = series.flatMap { $0.points.map(\.value) } + limits.map(\.value)
        guard let low = values.min(), let high = values.max() else {
            return Array(repeating: String(repeating: " ", count: width), count: height)
        }
        let pad = max((high - low) * 0.08, high == low ? 1 : 0)
        let (bottom, top) = (low - pad, high + pad)
        let (cx, cy) = glyphs == .braille ? (2, 4) : (1, 2)
        let (columns, rows) = (plotWidth * cx, height * cy)
        func px(_ at: Double) -> Int { Int((min(1, max(0, at)) * Double(columns - 1)).rounded()) }
        func py(_ value: Double) -> Int { Int(((top - value) / (top - bottom) * Double(rows - 1)).rounded()) }

        var dots = [[Bool]](repeating: [Bool](repeating: false, count: columns), count: rows)
        var marks: [Int: Character] = [:]
        for line in series {
            let points = line.points.sorted { $0.at < $1.at }
            var previous: (x: Int, y: Int)?
            for point in points {
                let (x, y) = (px(point.at), py(point.value))
                if let (x0, y0) = previous {
                    let steps = max(abs(x - x0), abs(y - y0), 1)
                    for step in 0...steps {
                        let t = Double(step) / Double(steps)
                        dots[Int((Double(y0) + t * Double(y - y0)).rounded())][Int((Double(x0) + t * Double(x - x0)).rounded())] = true
                    }
                } else {
                    dots[y][x] = true
                }
                previous = (x, y)
                if let alert = point.alert, alert != .green {
                    let cell = (y / cy) * plotWidth + x / cx
                    if alert == .red || marks[cell] == nil { marks[cell] = alert == .red ? "■" : "▲" }
                }
            }
        }
        var lineRows: [Int: (Character, String)] = [:]
        for (limit, text) in zip(limits, labels) {
            let row = py(limit.value) / cy
            if limit.zone == .red || lineRows[row] == nil {
                lineRows[row] = (limit.zone == .red ? redLine : yellowLine, text)
            }
        }
        return (0..<height).map { row in
            var text = ""
            for column in 0..<plotWidth {
                if let mark = marks[row * plotWidth + column] { text.append(mark); continue }
                var bits = 0
                for dy in 0..<cy {
                    for dx in 0..<cx where dots[row * cy + dy][column * cx + dx] { bits |= bit(dx, dy, glyphs) }
                }
                if bits != 0 { text.append(cell(bits, glyphs)) } else { text.append(lineRows[row]?.0 ?? " ") }
            }
            let tail = lineRows[row].map(\.1).flatMap { $0.count <= labelWidth ? $0 : nil } ?? ""
            return text + String(repeating: " ", count: labelWidth - tail.count) + tail
        }
    }

    /// The limit lines drawn, each with its label (" 170 sys").
    static func drawnLimits(_ series: [TrendSeries], limits: [LimitLine],
                            label: (Double) -> String) -> [(line: LimitLine, label: String)] {
        var tagged = nearby(limits, series.flatMap { $0.points.map(\.value) }).map { ($0, " " + label($0.value)) }
        for line in series where !line.limits.isEmpty {
            tagged += nearby(line.limits, line.points.map(\.value))
                .map { ($0, " " + label($0.value) + (line.tag.isEmpty ? "" : " \(line.tag)")) }
        }
        return tagged
    }

    /// The cells the points take (the rest of `width` is the limits' labels), for axes drawn under the chart.
    public static func plotWidth(_ series: [TrendSeries], limits: [LimitLine], width: Int,
                                 label: (Double) -> String = { "\($0)" }) -> Int {
        width - min(width / 3, drawnLimits(series, limits: limits, label: label).map(\.label.count).max() ?? 0)
    }

    /// The limits worth drawing: those inside the measured range and the nearest beyond it on each
    /// side, so that a far-away limit does not squash the measurements into one row.
    static func nearby(_ limits: [LimitLine], _ values: [Double]) -> [LimitLine] {
        guard let low = values.min(), let high = values.max() else { return limits }
        let below = limits.filter { $0.value < low }.map(\.value).max()
        let above = limits.filter { $0.value > high }.map(\.value).min()
        return limits.filter { ($0.value >= low && $0.value <= high) || $0.value == below || $0.value == above }
    }

    /// The bit of a dot inside a cell (Unicode braille numbering; for blocks 1 top, 2 bottom).
    static func bit(_ dx: Int, _ dy: Int, _ glyphs: ChartGlyphs) -> Int {
        guard glyphs == .braille else { return dy == 0 ? 1 : 2 }
        let left = [0x01, 0x02, 0x04, 0x40], right = [0x08, 0x10, 0x20, 0x80]
        return dx == 0 ? left[dy] : right[dy]
    }

    static func cell(_ bits: Int, _ glyphs: ChartGlyphs) -> Character {
        switch glyphs {
        case .braille: Character(Unicode.Scalar(0x2800 + bits)!)
        case .block: bits == 1 ? "▀" : bits == 2 ? "▄" : "█"
        }
    }
}
