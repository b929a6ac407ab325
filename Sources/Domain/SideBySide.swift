import Foundation

/// Results of parts of one piece of work done side by side on several threads, one place each,
/// kept under a lock and given back in place order.
public final class SideBySide<Value>: @unchecked Sendable {
    private var results: [Result<Value, any Error>?]
    private let lock = NSLock()

    public init(count: Int) { results = Array(repeating: nil, count: count) }

    public func set(_ place: Int, _ result: Result<Value, any Error>) {
        lock.withLock { results[place] = result }
    }

    /// The values in place order; the first part's error if any part failed.
    public func values() throws -> [Value] {
        try lock.withLock { results }.map { result in
            guard let result else { throw PartDidNotRun() }
            return try result.get()
        }
    }

    /// `count` parts of work that cannot fail run side by side, their results in part order.
    public static func all(_ count: Int, _ part: @Sendable (Int) -> Value) -> [Value] {
        let results = SideBySide(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { place in results.set(place, .success(part(place))) }
        return results.results.map { try! $0!.get() } // every place was set above, none with an error
    }

    public struct PartDidNotRun: Error {}
}
