/// The queue's columns at a terminal width: zone, patient, municipality, measurement and waited
/// always; where the width allows, also when it was measured, who holds it, the patient's age and
/// diagnoses, so that a wide terminal shows more instead of padding. Pure arithmetic.
struct QueueColumns {
    enum Kind: CaseIterable { case zone, patient, age, municipality, diagnosis, measurement, measured, owner }

    /// The room kept for the waited column, right-aligned ("1 d 17 t", "15 t 07 min"); a row with a
    /// longer wait ("! 23 t 59 min") cuts the columns before it on that row instead of covering them.
    let waited: Int

    /// The measurement column keeps at least this much before another column is added.
    static let roomyMeasurement = 32
    /// The extra columns, in the order they are added as the width grows, with their widths.
    static let extras: [(Kind, Int)] = [(.measured, 11), (.owner, 12), (.age, 6), (.diagnosis, 20)]

    private(set) var spans: [Kind: (x: Int, width: Int)] = [:]

    init(width: Int, waited: Int = 10) {
        self.waited = waited
        let zone = 9
        let rest = width - 2 - zone - waited - 4
        let patient = min(40, max(18, rest * 36 / 100))
        let municipality = min(24, max(14, rest * 24 / 100))
        var widths: [Kind: Int] = [.zone: zone, .patient: patient, .municipality: municipality,
                                   .measurement: rest - patient - municipality]
        // In order of what a nurse needs most: a column comes only with every one before it.
        for (kind, extra) in Self.extras {
            guard (widths[.measurement] ?? 0) - extra - 1 >= Self.roomyMeasurement else { break }
            widths[kind] = extra
            widths[.measurement, default: 0] -= extra + 1
        }
        var x = 1
        for kind in Kind.allCases {
            guard let width = widths[kind] else { continue }
            spans[kind] = (x, width)
            x += width + 1
        }
    }

    subscript(kind: Kind) -> (x: Int, width: Int)? { spans[kind] }

    /// The columns shown, left to right.
    var shown: [Kind] { Kind.allCases.filter { spans[$0] != nil } }
}
