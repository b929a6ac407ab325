import Foundation
import VardeDomain
import VardeStore
import VardeTerminal

/// Everything that can change what the console shows: the operator's keys, what the cache holds,
/// the clock, the terminal's size, and what an effect came to.
public enum ConsoleEvent: Sendable {
    case key(Key)
    case snapshot(ConsoleSnapshot)
    /// The clock moved on (and a frame went out: a status message's few seconds start then).
    case tick(Date)
    case resize(width: Int, height: Int)
    case done(EffectResult)
}

/// What the console shows from the cache, read in one transaction, with the request it answers.
public struct ConsoleSnapshot: Sendable {
    public var request: ConsoleReadRequest
    public var read: ConsoleRead

    public init(request: ConsoleReadRequest, read: ConsoleRead) {
        self.request = request
        self.read = read
    }
}
