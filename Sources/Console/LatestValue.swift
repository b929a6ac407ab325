import Foundation

/// The newest value handed over from a background queue to the UI thread.
final class LatestValue<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value?

    func set(_ newValue: Value) {
        lock.lock()
        value = newValue
        lock.unlock()
    }

    var hasValue: Bool {
        lock.lock()
        defer { lock.unlock() }
        return value != nil
    }

    func take() -> Value? {
        lock.lock()
        defer { lock.unlock() }
        let current = value
        value = nil
        return current
    }
}
