import Foundation
import Testing
import VardeDomain

/// The unattended-screen rule as a table: idle time locks, a key (or the PIN) unlocks.
struct IdleLockTests {
    let start = Date(timeIntervalSince1970: 1_795_348_800)

    @Test(arguments: [(idle: 300.0, after: 299.0, locked: false), (300, 300, true), (300, 3600, true),
                      (5, 4.9, false), (5, 5, true), (0, 10_000, false)])
    func locksAfterTheIdleTime(idle: Double, after: Double, locked: Bool) {
        var lock = IdleLock(settings: PrivacySettings(idleLock: idle), now: start)
        let result = lock.tick(now: start.addingTimeInterval(after))
        #expect(result == locked)
    }

    @Test func aKeyPostponesTheLock() {
        var lock = IdleLock(settings: PrivacySettings(idleLock: 60), now: start)
        let unlockedByKey = lock.press(.other, now: start.addingTimeInterval(50))
        let lockedAt100 = lock.tick(now: start.addingTimeInterval(100))
        let lockedAt110 = lock.tick(now: start.addingTimeInterval(110))
        #expect(!unlockedByKey && !lockedAt100 && lockedAt110)
    }

    @Test func withoutAPINAnyKeyUnlocks() {
        var lock = IdleLock(settings: PrivacySettings(idleLock: 60), now: start)
        lock.lock()
        #expect(lock.isLocked)
        let unlocked = lock.press(.other, now: start)
        #expect(unlocked && !lock.isLocked)
    }

    @Test func withAPINOnlyThePINUnlocks() {
        var lock = IdleLock(settings: PrivacySettings(idleLock: 60, pin: "2580"), now: start)
        lock.lock()
        let byOtherKey = lock.press(.other, now: start)
        for digit in "1234" { _ = lock.press(.digit(digit), now: start) }
        let byWrongPIN = lock.press(.confirm, now: start)
        #expect(!byOtherKey && !byWrongPIN)
        #expect(lock.isLocked && lock.wrongPIN && lock.typedPIN.isEmpty)
        for digit in "25809" { _ = lock.press(.digit(digit), now: start) }
        _ = lock.press(.erase, now: start)
        #expect(lock.typedPIN == "2580" && !lock.wrongPIN)
        let byPIN = lock.press(.confirm, now: start)
        #expect(byPIN && !lock.isLocked)
    }
}
