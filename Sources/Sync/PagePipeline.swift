import Foundation

/// Fetches and decodes pages on a background thread while the caller stores the previous ones:
/// on two cores the network and JSON work overlaps the SQLite work. Pages come out in order; an
/// error comes out after every page fetched before it, so those are still stored.
final class PagePipeline<Page: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var ready: [Result<Page, any Error>] = []
    private var finished = false
    private var cancelled = false
    /// Pages the consumer is done with, freed on the fetching thread (see `dispose`).
    private var spent: [Page] = []
    private let capacity: Int

    /// `fetch` is called with the URL to get and returns the page and the next URL (nil at the end).
    init(first: String, capacity: Int = 4, fetch: @escaping @Sendable (String) throws -> (Page, String?)) {
        self.capacity = capacity
        let thread = Thread { [self] in
            var next: String? = first
            while let url = next {
                let outcome = Result { try fetch(url) }
                condition.lock()
                var freed = spent
                spent.removeAll()
                while ready.count >= capacity, !cancelled { condition.wait() }
                if cancelled { condition.unlock(); return }
                switch outcome {
                case .success(let (page, following)):
                    ready.append(.success(page))
                    next = following
                case .failure(let error):
                    ready.append(.failure(error))
                    next = nil
                }
                condition.broadcast()
                condition.unlock()
                freed.removeAll() // outside the lock
            }
            condition.lock()
            finished = true
            condition.broadcast()
            condition.unlock()
        }
        thread.name = "varde-pages"
        thread.start()
    }

    /// The next page, nil when there are no more; throws the fetch error in its place.
    func next() throws -> Page? {
        condition.lock()
        defer { condition.unlock() }
        while ready.isEmpty, !finished { condition.wait() }
        guard !ready.isEmpty else { return nil }
        let outcome = ready.removeFirst()
        condition.broadcast()
        return try outcome.get()
    }

    /// What `next(by:)` found.
    enum Arrival {
        case page(Page)
        /// No more pages.
        case finished
        /// None was ready by the deadline.
        case late
    }

    /// The next page if it is ready by `deadline` (a catch-up batch waits that long before committing).
    func next(by deadline: Date) throws -> Arrival {
        condition.lock()
        defer { condition.unlock() }
        while ready.isEmpty, !finished {
            if !condition.wait(until: deadline) { break }
        }
        guard !ready.isEmpty else { return finished ? .finished : .late }
        let outcome = ready.removeFirst()
        condition.broadcast()
        return .page(try outcome.get())
    }

    /// Hands a stored page back: freeing a page's thousands of small strings cost the storing thread
    /// (the one the whole sync waits for) as much as storing them, so the fetching thread frees them.
    func dispose(_ page: consuming Page) {
        condition.lock()
        spent.append(page)
        condition.unlock()
    }

    /// Stops the fetching thread (after an error on the consuming side).
    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }
}
