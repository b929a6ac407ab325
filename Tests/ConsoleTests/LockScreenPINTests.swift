import Foundation
import Testing
import VardeConsole
import VardeDomain
import VardeStore
import VardeTerminal

/// The PIN field at 80×24 answers every key: a dot per digit, a plain message on a wrong PIN and on a
/// key that cannot be part of a PIN.
struct LockScreenPINTests {
    let now = Date(timeIntervalSince1970: 1_795_424_400)

    func screen(_ lock: IdleLock, _ language: Language = .nb) -> String {
        LockScreen.render(counts: QueueCounts(red: 2, yellow: 5), overdue: 0, now: now, lock: lock, language: language,
                          width: 80, height: 24).plainText
    }

    @Test func everyKeyOnThePINFieldIsAnswered() {
        var lock = IdleLock(settings: PrivacySettings(idleLock: 300, pin: "2580"), now: now)
        lock.lock()
        #expect(screen(lock).contains("PIN: ▏"))
        for digit in "123" { _ = lock.press(.digit(digit), now: now) }
        #expect(screen(lock).contains("PIN: •••▏"), "a dot per digit typed")
        _ = lock.press(.other, now: now)
        #expect(screen(lock).contains("PIN-koden er bare sifre (0–9)"))
        _ = lock.press(.confirm, now: now)
        let wrong = screen(lock)
        #expect(wrong.contains("feil PIN-kode, prøv igjen") && wrong.contains("PIN: ▏"), "\(wrong)")
        _ = lock.press(.digit("2"), now: now)
        #expect(!screen(lock).contains("feil PIN-kode") && screen(lock).contains("PIN: •▏"))
        _ = lock.press(.other, now: now)
        #expect(screen(lock, .en).contains("the PIN is digits only"))
    }
}
