import Foundation

/// The unattended-screen rule: after `idleLock` seconds without a key the screen is covered; a key
/// (and the PIN, if the centre set one) uncovers it. Pure: time comes in as a parameter.
public struct IdleLock: Sendable, Equatable {
    public let settings: PrivacySettings
    public private(set) var lastActivity: Date
    public private(set) var isLocked = false
    /// The digits typed so far on the lock screen.
    public private(set) var typedPIN = ""
    /// True after a wrong PIN until the next digit.
    public private(set) var wrongPIN = false
    /// True after a key that is not a digit (a letter, an arrow) was pressed for the PIN, until the next digit.
    public private(set) var notADigit = false

    public init(settings: PrivacySettings, now: Date) {
        self.settings = settings
        lastActivity = now
    }

    /// Locks if the operator has been away long enough; returns whether the screen is locked.
    @discardableResult
    public mutating func tick(now: Date) -> Bool {
        if !isLocked, settings.idleLock > 0, now.timeIntervalSince(lastActivity) >= settings.idleLock { lock() }
        return isLocked
    }

    /// Locks at once (L, `:lås`).
    public mutating func lock() {
        isLocked = true
        typedPIN = ""
        wrongPIN = false
        notADigit = false
    }

    /// What a key on the lock screen does to the PIN.
    public enum Input: Sendable, Equatable { case digit(Character), erase, confirm, other }

    /// A key pressed: while unlocked it only counts as activity; while locked it works the PIN.
    /// Returns true when this key unlocked the screen (the key is then not passed on).
    public mutating func press(_ input: Input, now: Date) -> Bool {
        lastActivity = now
        guard isLocked else { return false }
        guard let pin = settings.pin, !pin.isEmpty else {
            isLocked = false
            return true
        }
        switch input {
        case .digit(let c):
            wrongPIN = false
            notADigit = false
            if typedPIN.count < 12 { typedPIN.append(c) }
        case .erase: if !typedPIN.isEmpty { typedPIN.removeLast() }
        case .confirm:
            if typedPIN == pin {
                isLocked = false
                typedPIN = ""
                return true
            }
            wrongPIN = true
            typedPIN = ""
        case .other: notADigit = true
        }
        return false
    }
}
