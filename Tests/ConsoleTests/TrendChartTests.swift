import Testing
import VardeConsole
import VardeDomain

/// The trend chart as a pure function: series, limits and size in, lines of text out.
struct TrendChartTests {
    static func label(_ value: Double) -> String { String(Int(value)) }

    @Test(arguments: [
        // A rising line, two cells of braille: each cell holds 2×4 dots.
        ([TrendSeries([TrendPoint(at: 0, value: 0), TrendPoint(at: 1, value: 1)])], [LimitLine](), 2, 1, ChartGlyphs.braille,
         ["⡠⠊"]),
        // A flat line between a red limit above (━) and a yellow limit below (┄), values at the right.
        ([TrendSeries([TrendPoint(at: 0, value: 5), TrendPoint(at: 1, value: 5)])], [LimitLine(10, .red), LimitLine(0, .yellow)],
         9, 3, .braille, ["━━━━━━ 10", "⠤⠤⠤⠤⠤⠤   ", "┄┄┄┄┄┄  0"]),
        // The same in half blocks, for terminals without braille.
        ([TrendSeries([TrendPoint(at: 0, value: 5), TrendPoint(at: 1, value: 5)])], [LimitLine(10, .red), LimitLine(0, .yellow)],
         9, 3, .block, ["━━━━━━ 10", "▄▄▄▄▄▄   ", "┄┄┄┄┄┄  0"]),
        // A measurement that raised a red alert is marked ■, a yellow one ▲: the shape says it without colour.
        ([TrendSeries([TrendPoint(at: 0, value: 5, alert: .yellow), TrendPoint(at: 1, value: 5, alert: .red)])], [], 6, 3, .braille,
         ["      ", "▲⠤⠤⠤⠤■", "      "]),
        // Nothing measured: an empty area of the same size.
        ([TrendSeries([])], [], 4, 2, .braille, ["    ", "    "]),
    ] as [([TrendSeries], [LimitLine], Int, Int, ChartGlyphs, [String])])
    func rendersAsText(series: [TrendSeries], limits: [LimitLine], width: Int, height: Int, glyphs: ChartGlyphs, expected: [String]) {
        #expect(TrendChart.render(series, limits: limits, width: width, height: height, glyphs: glyphs, label: Self.label) == expected)
    }

    @Test(arguments: [(40, 8), (80, 6), (158, 8)])
    func everyLineIsExactlyTheWidthAskedFor(width: Int, height: Int) {
        let systolic = TrendSeries((0..<30).map { TrendPoint(at: Double($0) / 29, value: 120 + Double($0 % 7) * 9, alert: $0 == 12 ? .red : nil) })
        let diastolic = TrendSeries((0..<30).map { TrendPoint(at: Double($0) / 29, value: 70 + Double($0 % 5) * 4) })
        let lines = TrendChart.render([systolic, diastolic], limits: DefaultLimits.lines(for: .bloodPressure, diagnoses: []),
                                      width: width, height: height, label: Self.label)
        #expect(lines.count == height)
        #expect(lines.allSatisfy { $0.count == width })
        #expect(lines.joined().contains("■"))
        #expect(lines.joined().contains("━"), "the systolic red limit at 90 is the nearest below the diastolic values")
    }

    @Test func aFarAwayLimitDoesNotSquashTheMeasurements() {
        let pulse = TrendSeries([TrendPoint(at: 0, value: 92), TrendPoint(at: 1, value: 115)])
        let lines = TrendChart.render([pulse], limits: DefaultLimits.lines(for: .heartRate, diagnoses: []), width: 20, height: 6,
                                      label: Self.label)
        let text = lines.joined(separator: "\n")
        #expect(text.contains(" 130") && text.contains(" 90"))
        #expect(!text.contains(" 40") && !text.contains(" 50"), "only the nearest limit beyond the measurements on each side:\n\(text)")
    }

    @Test(arguments: [
        (MeasurementKind.oxygenSaturation, [Diagnosis](), [LimitLine(91, .red), LimitLine(95, .yellow)]),
        (.oxygenSaturation, [.copd], [LimitLine(83, .red), LimitLine(87, .yellow)]),
        (.heartRate, [], [LimitLine(40, .red), LimitLine(50, .yellow), LimitLine(90, .yellow), LimitLine(130, .red)]),
        (.bloodPressure, [], [LimitLine(90, .red), LimitLine(110, .yellow), LimitLine(219, .red)]),
        (.bodyWeight, [], []),
    ])
    func theDefaultLimitsBecomeLinesWhereTheZoneChanges(kind: MeasurementKind, diagnoses: [Diagnosis], expected: [LimitLine]) {
        #expect(DefaultLimits.lines(for: kind, diagnoses: diagnoses) == expected)
    }

    @Test(arguments: [
        (["LANG": "nb_NO.UTF-8"], ChartGlyphs.braille), (["LANG": "C.utf8"], .braille), (["LANG": "C"], .block),
        ([:], .block), (["LC_ALL": "C", "LANG": "nb_NO.UTF-8"], .block), (["LC_CTYPE": "en_US.UTF-8"], .braille),
    ])
    func brailleOnlyWhereTheLocaleSpeaksUTF8(environment: [String: String], glyphs: ChartGlyphs) {
        #expect(ChartGlyphs.forLocale(environment) == glyphs)
    }
}
