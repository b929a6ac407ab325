import Foundation
import GRDB
import VardeDomain

/// Keeps a queue observation alive; dropping it (or calling `cancel`) stops the updates.
public final class QueueObservation: @unchecked Sendable {
    private let cancellable: AnyDatabaseCancellable

    init(_ cancellable: AnyDatabaseCancellable) { self.cancellable = cancellable }

    public func cancel() { cancellable.cancel() }
}

extension CacheDatabase {
    /// Calls `onChange` with the queue now and after every committed change that touches it
    /// (the database drives the UI; network code never pokes views). After an error, reported to
    /// `onError`, the observation has stopped for good: the caller must say so and start a new one.
    public func observeQueue(for viewer: Viewer = .unrestricted, _ onChange: @escaping @Sendable ([QueueEntry]) -> Void,
                             onError: @escaping @Sendable (any Error) -> Void) -> QueueObservation {
        let observation = ValueObservation.tracking { db in try Self.fetchQueue(db, for: viewer) }.removeDuplicates()
        let cancellable = observation.start(in: reader, scheduling: .async(onQueue: DispatchQueue(label: "varde.queue")),
                                            onError: onError, onChange: onChange)
        return QueueObservation(cancellable)
    }
}
