import Foundation

/// What the process spent on a piece of work: wall time, CPU time of all its threads, and the bytes it
/// caused to be written to disk (`write_bytes` of /proc/self/io: the log, the checkpoints, the file).
struct Observed {
    var seconds: Double
    var cpu: Double
    var written: Int64

    /// Runs `body` and measures it; `settle` runs after the clock stops and before the bytes are read
    /// (a last checkpoint, so that the copy back into the file is counted).
    static func measure(_ body: () throws -> Void, settle: () throws -> Void = {}) throws -> Observed {
        let cpu = processCPU(), bytes = writtenBytes(), started = Date()
        try body()
        let seconds = Date().timeIntervalSince(started)
        try settle()
        return Observed(seconds: seconds, cpu: processCPU() - cpu, written: writtenBytes() - bytes)
    }

    func rate(_ count: Int) -> Double { Double(count) / seconds }

    /// `1.2 KB/obs, 14.1 µs CPU/obs` for `count` rows.
    func perRow(_ count: Int, unit: String = "obs") -> String {
        String(format: "%.0f B/%@, %.1f µs CPU/%@", Double(written) / Double(count), unit, cpu * 1e6 / Double(count), unit)
    }
}

/// User and system time of the whole process so far, all threads.
func processCPU() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
    return seconds(usage.ru_utime) + seconds(usage.ru_stime)
}

/// User and system time of the calling thread so far.
func threadCPU() -> Double {
    var usage = rusage()
    getrusage(1 /* RUSAGE_THREAD */, &usage)
    return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
        + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
}

/// Bytes this process has caused to be written to storage so far (0 where /proc/self/io is missing).
func writtenBytes() -> Int64 {
    guard let text = try? String(contentsOfFile: "/proc/self/io", encoding: .utf8) else { return 0 }
    for line in text.split(separator: "\n") where line.hasPrefix("write_bytes:") {
        return Int64(line.split(separator: " ").last ?? "") ?? 0
    }
    return 0
}
