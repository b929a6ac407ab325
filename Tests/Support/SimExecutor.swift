import Foundation

/// Threads of the in-process simulators' own. The tests share Swift's cooperative pool, which is only as
/// wide as the machine has cores (two on CI): a test that blocks a pool thread (a synchronous sync, a child
/// process waited for) would otherwise keep another test's simulator from answering until its curl timed out.
public final class SimExecutor: TaskExecutor, @unchecked Sendable {
    /// Every in-process simulator of the test run serves from these.
    public static let shared = SimExecutor(threads: 4)

    private let lock = NSCondition()
    private var jobs: [UnownedJob] = []

    init(threads: Int) {
        for index in 0..<threads {
            let thread = Thread { [unowned self] in self.work() }
            thread.name = "sim-\(index)"
            thread.start()
        }
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        lock.lock()
        jobs.append(job)
        lock.signal()
        lock.unlock()
    }

    private func work() {
        while true {
            lock.lock()
            while jobs.isEmpty { lock.wait() }
            let job = jobs.removeFirst()
            lock.unlock()
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}
