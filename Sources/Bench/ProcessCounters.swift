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
        let cpu = processCPU(), bytes = try writtenBytes(), started = Date()
        try body()
        let seconds = Date().timeIntervalSince(started)
        try settle()
        return Observed(seconds: seconds, cpu: processCPU() - cpu, written: try writtenBytes() - bytes)
    }

    func rate(_ count: Int) -> Double { Double(count) / seconds }

    /// Two runs as one: their times, CPU and bytes added.
    static func + (a: Observed, b: Observed) -> Observed {
        Observed(seconds: a.seconds + b.seconds, cpu: a.cpu + b.cpu, written: a.written + b.written)
    }

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

/// Bytes this process has caused to be written to storage so far. Every ingest row reports them, so a
/// kernel without /proc/self/io stops the bench with that reason rather than printing 0 bytes.
func writtenBytes() throws -> Int64 {
    let text: String
    do {
        text = try String(contentsOfFile: "/proc/self/io", encoding: .utf8)
    } catch {
        throw BenchError("cannot read /proc/self/io (bytes written per row): \(error)")
    }
    guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("write_bytes:") }),
          let bytes = Int64(line.split(separator: " ").last ?? "") else {
        throw BenchError("/proc/self/io has no write_bytes line")
    }
    return bytes
}
