import Foundation
import GRDB
import VardeConsole
import VardeDomain
import VardeStore
import VardeTerminal

/// The console's snapshot against a large cache: a frame including the one read of everything on
/// screen (50,000 open alerts, against 5 ms), and a cold start to the first frame (the cache opened,
/// read once and drawn, against 200 ms). The cache is seeded directly through SQL.
enum SnapshotBench {
    static let frameTarget = 5.0
    static let coldTarget = 200.0

    static func rows(folder: URL, alerts: Int = 50_000, observations: Int) throws -> [Row] {
        let path = folder.appendingPathComponent("snapshot.sqlite").path
        let now = Date(timeIntervalSince1970: 1_795_420_800)
        do {
            let cache = try CacheDatabase(path: path)
            let seeded = Date()
            try seed(cache, alerts: alerts, observations: observations, now: now)
            FileHandle.standardError.write(Data("# snapshot: seeded \(alerts) open alerts, \(observations) observations in \(String(format: "%.1f", Date().timeIntervalSince(seeded))) s\n".utf8))
        }
        let context = ConsoleContext(language: .nb, now: now, theme: Themes.default, nurse: "kari", width: 200, height: 50)
        // Cold: the file opened (and checked), one read, the model built and the first frame drawn.
        var cold: [Double] = [], opening: [Double] = []
        for _ in 0..<3 {
            let started = DispatchTime.now().uptimeNanoseconds
            let cache = try CacheDatabase(path: path)
            opening.append(Double(DispatchTime.now().uptimeNanoseconds - started) / 1_000_000)
            let script = ConsoleScript(cache: cache, context: context, workstation: nil)
            let frame = script.draw()
            cold.append(Double(DispatchTime.now().uptimeNanoseconds - started) / 1_000_000)
            guard frame.plainText.contains("Tetisk") else { throw BenchError("the first frame shows no queue") }
        }
        // Warm: a commit elsewhere, then the console reads everything on screen again and draws it.
        let cache = try CacheDatabase(path: path)
        let reader = ConsoleReader(cache: cache)
        var model = ConsoleModel(context: context)
        var frame = ScreenBuffer(width: 1, height: 1)
        let ms = FrameBench.median(runs: 11) {
            let request = model.readRequest
            _ = model.update(.snapshot(ConsoleSnapshot(request: request, read: reader.read(request))))
            frame = model.render()
        }
        guard frame.plainText.contains("Tetisk") else { throw BenchError("the snapshot frame shows no queue") }
        // Where the time goes: the read, taking it into the model, drawing.
        let request = model.readRequest
        var read = reader.read(request)
        let readMs = FrameBench.median(runs: 5) { read = reader.read(request) }
        let takeMs = FrameBench.median(runs: 5) { _ = model.update(.snapshot(ConsoleSnapshot(request: request, read: read))) }
        let drawMs = FrameBench.median(runs: 5) { frame = model.render() }
        FileHandle.standardError.write(Data(String(format: "# snapshot: read %.1f ms, take %.1f ms, draw %.1f ms\n", readMs, takeMs, drawMs).utf8))
        return [
            Row(name: "console.snapshot_frame_50k", value: ms, unit: "ms", floor: frameTarget, floorUnit: "ms target"),
            Row(name: "console.cold_first_frame", value: cold.sorted()[1], unit: "ms", floor: coldTarget, floorUnit: "ms target"),
            // Of which: opening the file with its quick check (the damaged-cache guard), before any read.
            Row(name: "console.cold_open_and_check", value: opening.sorted()[1], unit: "ms", floor: nil, floorUnit: nil),
        ]
    }

    /// Open alerts on patients spread over 400 municipalities, each triggered by one of the observations.
    static func seed(_ cache: CacheDatabase, alerts: Int, observations: Int, now: Date) throws {
        try cache.writer.write { db in
            for index in 0..<400 {
                try db.execute(sql: "INSERT INTO municipality(number, name) VALUES (?, ?)", arguments: [String(format: "9%03d", index), "Kommune \(index)"])
            }
            let patient = try db.makeStatement(sql: """
                INSERT INTO patient(id, nationalID, givenName, familyName, birthDate, gender, municipalityNumber, diagnoses, lastUpdated)
                VALUES (?, ?, 'Syn', 'Tetisk', '1950-01-01', 'female', ?, '["copd"]', 0)
                """)
            let observation = try db.makeStatement(sql: """
                INSERT INTO observation(id, patientID, kind, code, codeDisplay, value, unit, effective, lastUpdated, status)
                VALUES (?, ?, 'oxygenSaturation', '59408-5', 'SpO2', ?, '%', ?, ?, 'final')
                """)
            let alert = try db.makeStatement(sql: """
                INSERT INTO alert(patientID, zone, openedAt, raisedAt, triggerMeasurementID, status, basis, key)
                VALUES (?, ?, ?, ?, ?, 'open', 'plan', ?)
                """)
            let perPatient = max(1, observations / alerts)
            for index in 0..<alerts {
                let id = "p\(index)"
                try patient.execute(arguments: [id, String(format: "%011d", index), String(format: "9%03d", index % 400)])
                for number in 0..<perPatient {
                    let at = now.timeIntervalSince1970 - Double((index * 37 + number * 3_600) % 2_000_000)
                    try observation.execute(arguments: ["o\(index)-\(number)", id, 85 + Double(number % 10), at, at])
                }
                let raised = now.timeIntervalSince1970 - Double(index * 37 % 200_000)
                try alert.execute(arguments: [id, index % 7 == 0 ? 2 : 1, raised, raised, "o\(index)-0", "\(id)--0"])
            }
        }
    }
}

/// The console idle on a pseudo-terminal beside a live simulated centre of 20,000 patients: the
/// CPU the process takes (the simulator runs inside it too, as in `varde demo`), against 2 %.
enum IdleCPUBench {
    static let target = 2.0

    static func row(varde: String, patients: Int = 20_000) throws -> Row {
        let terminal = try PseudoTerminal(width: 120, height: 40)
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("varde-idle-\(getpid())").path
        let child = try terminal.spawn(varde, ["demo", "--patients", String(patients), "--home", home],
                                       environment: ["TERM": "xterm-256color", "LANG": "C.UTF-8"])
        defer {
            child.terminate()
            try? FileManager.default.removeItem(atPath: home)
        }
        // The first sync of a centre this size takes a while: wait until the process calms down (or
        // three minutes pass: a live centre this size may never be quiet, which is then the figure).
        for _ in 0..<36 {
            let before = try cpuSeconds(child.pid)
            _ = terminal.drain(seconds: 5)
            if (try cpuSeconds(child.pid) - before) / 5 < 0.2 { break }
        }
        let before = try cpuSeconds(child.pid)
        _ = terminal.drain(seconds: 20)
        let percent = (try cpuSeconds(child.pid) - before) / 20 * 100
        return Row(name: "console.idle_cpu_demo_\(patients / 1000)k", value: percent, unit: "%", floor: target, floorUnit: "% target")
    }

    /// User and system CPU of a process so far, from /proc.
    static func cpuSeconds(_ pid: pid_t) throws -> Double {
        let stat = try String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)
        guard let close = stat.lastIndex(of: ")") else { throw BenchError("cannot read /proc/\(pid)/stat") }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else {
            throw BenchError("cannot read /proc/\(pid)/stat")
        }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }
}

/// The console's loop without a terminal: every quarter second it asks whether the cache changed,
/// reads what it shows when it did (paced as the console paces it) and draws a frame.
final class ConsoleWatcher: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)

    init(cache: CacheDatabase, now: Date) {
        let feed = SnapshotFeed(reader: ConsoleReader(cache: cache))
        let context = ConsoleContext(language: .nb, now: now, theme: Themes.default, nurse: "kari", liveSync: true,
                                     width: 120, height: 40)
        let (done, finished) = (done, finished)
        Thread.detachNewThread {
            var model = ConsoleModel(context: context)
            while done.wait(timeout: .now() + .milliseconds(250)) == .timedOut {
                if let snapshot = feed.take(now: Date()) { _ = model.update(.snapshot(snapshot)) }
                _ = model.render()
                feed.poll(model.readRequest, now: Date())
            }
            finished.signal()
        }
    }

    func stop() {
        done.signal()
        finished.wait()
    }
}
