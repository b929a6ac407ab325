import Testing
import VardeDomain

struct NationalIdentityNumberTests {
    @Test(arguments: [(1, 1, 1950, true), (31, 12, 1999, false), (29, 2, 1948, true), (15, 6, 2003, false)])
    func syntheticNumbersAreValidAndMarkedSynthetic(day: Int, month: Int, year: Int, female: Bool) {
        let number = NationalIdentityNumber.synthetic(day: day, month: month, year: year, female: female, seed: 17)
        #expect(number.count == 11)
        #expect(NationalIdentityNumber.isValid(number))
        #expect(NationalIdentityNumber.isSynthetic(number))
        #expect(Int(number.prefix(2)) == day)
        #expect(Int(number.dropFirst(2).prefix(2)) == month + 80)
        let individual = Int(number.dropFirst(6).prefix(3))!
        #expect((individual % 2 == 0) == female)
    }

    @Test func aChangedDigitBreaksTheControlDigits() {
        let number = NationalIdentityNumber.synthetic(day: 2, month: 3, year: 1948, female: true, seed: 3)
        var digits = Array(number)
        digits[4] = digits[4] == "9" ? "8" : "9"
        #expect(!NationalIdentityNumber.isValid(String(digits)))
        #expect(!NationalIdentityNumber.isValid("123"))
    }
}
