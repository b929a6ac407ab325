/// Norwegian fødselsnummer: validation, and generation of synthetic numbers (month + 80,
/// as Norway's synthetic test population uses) so that no real person's number can appear.
public enum NationalIdentityNumber {
    public static let system = "urn:oid:2.16.578.1.12.4.1.4.1"

    /// True when the 11 digits carry valid mod-11 control digits.
    public static func isValid(_ number: String) -> Bool {
        let digits = number.compactMap(\.wholeNumberValue)
        guard number.count == 11, digits.count == 11 else { return false }
        guard let k1 = controlDigit(Array(digits[0..<9]), weights: [3, 7, 6, 1, 8, 9, 4, 5, 2]),
              let k2 = controlDigit(Array(digits[0..<9]) + [k1], weights: [5, 4, 3, 2, 7, 6, 5, 4, 3, 2])
        else { return false }
        return digits[9] == k1 && digits[10] == k2
    }

    /// True when the month field carries the +80 marker of synthetic numbers.
    public static func isSynthetic(_ number: String) -> Bool {
        guard number.count == 11, let month = Int(number.dropFirst(2).prefix(2)) else { return false }
        return (81...92).contains(month)
    }

    /// A valid synthetic number for the birth date, trying individual numbers from `seed` on.
    public static func synthetic(day: Int, month: Int, year: Int, female: Bool, seed: Int) -> String {
        let base: Int = year >= 2000 ? 500 : 0
        for attempt in 0..<500 {
            var individual = base + (seed + attempt * 7) % 500
            if (individual % 2 == 0) != female { individual = base + (individual - base + 1) % 500 }
            let head = [day / 10, day % 10, (month + 80) / 10, (month + 80) % 10,
                        (year % 100) / 10, year % 10, individual / 100, (individual / 10) % 10, individual % 10]
            guard let k1 = controlDigit(head, weights: [3, 7, 6, 1, 8, 9, 4, 5, 2]),
                  let k2 = controlDigit(head + [k1], weights: [5, 4, 3, 2, 7, 6, 5, 4, 3, 2])
            else { continue }
            return (head + [k1, k2]).map(String.init).joined()
        }
        preconditionFailure("no valid synthetic number found for \(day).\(month).\(year)")
    }

    private static func controlDigit(_ digits: [Int], weights: [Int]) -> Int? {
        let sum = zip(digits, weights).reduce(0) { $0 + $1.0 * $1.1 }
        let k = 11 - sum % 11
        if k == 11 { return 0 }
        return k == 10 ? nil : k
    }
}
