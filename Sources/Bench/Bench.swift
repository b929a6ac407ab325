import ArgumentParser
import Foundation
import Hummingbird
import Logging
import VardeDomain
import VardeService
import VardeSim
import VardeStore
import VardeSync
import VardeConsole
import VardeTerminal

/// `make bench`: initial-sync ingest over loopback against a raw-SQLite floor measured in the same run.
@main
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "varde-bench",
                                                    abstract: "Measure Varde's ingest speed against a floor.")

    @Option(help: "Observations to ingest (about; the simulated centre decides the exact number).")
    var observations: Int = 1_000_000
    @Option(name: .customLong("page-size"), help: "Resources per FHIR page.") var pageSize: Int = 1000
    @Option(help: "Where to write the results as JSON.") var json: String = "bench-results.json"
    @Option(help: "The varde executable, for the console's idle output (skipped without it).") var varde: String?
    @Flag(name: .customLong("frames-only"), help: "Only the console frame benchmarks.") var framesOnly = false
    @Flag(name: .customLong("caseload-only"), help: "Only the caseload benchmark.") var caseloadOnly = false
    @Flag(name: .customLong("ingest-only"), help: "Only the floor, the store and the initial sync.") var ingestOnly = false
    @Flag(name: .customLong("snapshot-only"), help: "Only the console's snapshot: a frame with its read, a cold start, idle CPU.")
    var snapshotOnly = false
    @Option(name: .customLong("snapshot-observations"), help: "Observations in the snapshot benchmark's cache (50,000 open alerts).")
    var snapshotObservations = 1_000_000
    @Option(name: .customLong("idle-patients"), help: "Patients in the live demo whose idle CPU is measured.")
    var idlePatients = 20_000

    func run() throws {
        if caseloadOnly {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("varde-bench-\(getpid())")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let row = try CaseloadBench.row(folder: folder)
            // exit() skips defer blocks: the caches go first.
            try? FileManager.default.removeItem(at: folder)
            print(row.line)
            Foundation.exit(0)
        }
        if snapshotOnly {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("varde-bench-\(getpid())")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            var rows = try SnapshotBench.rows(folder: folder, observations: snapshotObservations)
            try? FileManager.default.removeItem(at: folder)
            if let varde { rows.append(try IdleCPUBench.row(varde: varde, patients: idlePatients)) }
            print(rows.map(\.line).joined(separator: "\n"))
            Foundation.exit(0)
        }
        if framesOnly {
            let rows = try FrameBench.rows(varde: varde)
            print(rows.map(\.line).joined(separator: "\n"))
            Foundation.exit(0)
        }
        let patients = max(50, observations / 20)
        var config = SimConfig(patients: patients, municipalities: 56, seed: 11, speed: 1, historyDays: 3,
                               start: Date(timeIntervalSince1970: 1_795_348_800), frozen: true)
        config.faults = SimFaults()
        let generated = Date()
        let centre = SimulatedCentre(config: config)
        let measurements = centre.allObservations()
        note("simulated \(patients) patients, \(measurements.count) observations in \(seconds(generated))")

        let box = PageBox()
        let port = try startServer(box)
        let encoded = Date()
        box.server = try PageServer.encode(centre, pageSize: pageSize, port: port)
        note("encoded \(box.server!.observationPages.count) pages, \(box.server!.bytes / 1_000_000) MB in \(seconds(encoded))")

        var rows: [Row] = []
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("varde-bench-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // The caches of a full run take more than a gigabyte: removed on failure and before exit() (which skips defer).
        defer { try? FileManager.default.removeItem(at: folder) }

        // The floor first, so both runs meet the same page cache state of the machine.
        var cpu = processCPU()
        let floorTime = try RawSQLiteFloor.insert(measurements, batch: pageSize, path: folder.appendingPathComponent("floor.sqlite").path)
        let floorRate = Double(measurements.count) / floorTime
        let floorCPU = processCPU() - cpu

        // What the sync decodes with, and Foundation's Codable on the same pages for comparison.
        let decodeRate = ingestOnly ? 0 : try rate(box.server!.observationPages) { try ObservationPageDecoder.decodeOrFallBack($0) }
        let codableRate = ingestOnly ? 0 : try rate(box.server!.observationPages) {
            try JSONDecoder().decode(ReceivedPage<FHIRObservation>.self, from: $0)
        }

        // The centre's patients and plans first (not timed), so that triage meets what it meets in a sync.
        let storeCache = try CacheDatabase(path: folder.appendingPathComponent("store.sqlite").path)
        let municipalities = Dictionary(uniqueKeysWithValues: MunicipalityCatalogue.all.map { ($0.number, $0) })
        try storeCache.storePatients(centre.allPatients, municipalities: centre.allPatients.compactMap { municipalities[$0.municipalityNumber] },
                                     cursor: nil)
        try storeCache.storePlans(centre.allPlans, cursor: nil)
        cpu = processCPU()
        let storeStarted = Date()
        for start in stride(from: 0, to: measurements.count, by: pageSize) {
            try storeCache.storeMeasurements(Array(measurements[start..<min(measurements.count, start + pageSize)]),
                                             triage: Triage(), now: config.start, cursor: nil)
        }
        let storeRate = Double(measurements.count) / Date().timeIntervalSince(storeStarted)
        let storeCPU = processCPU() - cpu

        cpu = processCPU()
        let (ingestRate, syncLine) = try syncRate(port: port, start: config.start, expected: measurements.count, folder: folder)
        let syncCPU = processCPU() - cpu

        rows.append(Row(name: "sync.initial_ingest", value: ingestRate, unit: "obs/s", floor: floorRate, floorUnit: "rows/s"))
        if !ingestOnly {
            let (consoleRate, _) = try syncRate(port: port, start: config.start, expected: measurements.count, folder: folder, console: true)
            // The floor here is the sync alone: the ratio says how much the open console slows it (target ≤ 1.1×).
            rows.append(Row(name: "sync.initial_with_console_open", value: consoleRate, unit: "obs/s", floor: ingestRate, floorUnit: "obs/s alone"))
        }
        if !ingestOnly {
            rows.append(Row(name: "parts.json_decode", value: decodeRate, unit: "obs/s", floor: floorRate, floorUnit: "rows/s"))
            rows.append(Row(name: "parts.json_decode_codable", value: codableRate, unit: "obs/s", floor: floorRate, floorUnit: "rows/s"))
        }
        rows.append(Row(name: "parts.store_with_triage", value: storeRate, unit: "obs/s", floor: floorRate, floorUnit: "rows/s"))
        rows.append(Row(name: "floor.sqlite_prepared_insert", value: floorRate, unit: "rows/s", floor: nil, floorUnit: nil))
        note("sync: \(syncLine)")
        // The machine is shared: CPU time per row says what the code costs when wall clocks are noisy.
        let perRow = { (seconds: Double) in String(format: "%.1f µs", seconds * 1e6 / Double(measurements.count)) }
        note("cpu per observation: floor \(perRow(floorCPU)), store with triage \(perRow(storeCPU)), sync (all threads) \(perRow(syncCPU))")
        if !ingestOnly {
            rows += try FrameBench.rows(varde: varde)
            rows.append(try CaseloadBench.row(folder: folder))
            rows += try SnapshotBench.rows(folder: folder, observations: snapshotObservations)
            if let varde { rows.append(try IdleCPUBench.row(varde: varde, patients: idlePatients)) }
        }
        print(rows.map(\.line).joined(separator: "\n"))
        try JSONSerialization.data(withJSONObject: rows.map(\.json), options: [.prettyPrinted, .sortedKeys])
            .write(to: URL(fileURLWithPath: json))
        try? FileManager.default.removeItem(at: folder)
        Foundation.exit(0)
    }

    /// The initial sync of the whole centre from the page server into a fresh cache.
    func syncRate(port: Int, start: Date, expected: Int, folder: URL, console: Bool = false) throws -> (rate: Double, summary: String) {
        let cache = try CacheDatabase(path: folder.appendingPathComponent(console ? "cache-console.sqlite" : "cache.sqlite").path)
        // With the console open: its loop beside the sync, reading and drawing what it shows as pages commit.
        let watcher = console ? ConsoleWatcher(cache: cache, now: start) : nil
        defer { watcher?.stop() }
        let engine = SyncEngine(client: FHIRClient(baseURL: "http://127.0.0.1:\(port)", http: CurlHTTPClient()),
                                cache: cache, pageSize: pageSize, clock: { start })
        let started = Date()
        let storing = threadCPU()
        let summary = try engine.syncOnce()
        let time = Date().timeIntervalSince(started)
        // The storing thread is the one the sync waits for; the others fetch and decode alongside.
        note(String(format: "sync: storing thread %.1f µs per observation", (threadCPU() - storing) * 1e6 / Double(expected)))
        guard try cache.counts().measurements == expected else {
            throw BenchError("sync lost observations: \(summary.line); \(try cache.counts().measurements) stored of \(expected)")
        }
        return (Double(expected) / time, summary.line)
    }

    func rate(_ pages: [Data], _ decode: (Data) throws -> ReceivedPage<FHIRObservation>) throws -> Double {
        let started = Date()
        var decoded = 0
        for page in pages { decoded += try decode(page).entries.count }
        return Double(decoded) / Date().timeIntervalSince(started)
    }

    func startServer(_ box: PageBox) throws -> Int {
        let ready = DispatchSemaphore(value: 0)
        let port = PortHolder()
        Task {
            var logger = Logger(label: "bench")
            logger.logLevel = .critical
            let app = Application(router: LazyRouter(box: box).router(),
                                  configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                                  onServerRunning: { channel in port.value = channel.localAddress?.port; ready.signal() },
                                  logger: logger)
            try? await app.run()
        }
        ready.wait()
        guard let value = port.value else { throw BenchError("server did not start") }
        return value
    }

    /// User and system time of the calling thread so far.
    func threadCPU() -> Double {
        var usage = rusage()
        getrusage(1 /* RUSAGE_THREAD */, &usage)
        return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
            + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    }

    func note(_ text: String) { FileHandle.standardError.write(Data("# \(text)\n".utf8)) }
    func seconds(_ since: Date) -> String { String(format: "%.1f s", Date().timeIntervalSince(since)) }
}

/// User and system time of the whole process so far, all threads.
func processCPU() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
    return seconds(usage.ru_utime) + seconds(usage.ru_stime)
}

/// One benchmark line: `name  value unit  floor value unit  ratio r`.
struct Row {
    var name: String
    var value: Double
    var unit: String
    var floor: Double?
    var floorUnit: String?

    var line: String {
        let format = value < 100 ? "%12.2f %@" : "%12.0f %@"
        var text = name.padding(toLength: 30, withPad: " ", startingAt: 0) + String(format: format, value, unit)
        if let floor, let floorUnit {
            text += String(format: floor < 100 ? "   %@ %10.2f %@   ratio %.2f" : "   %@ %10.0f %@   ratio %.2f",
                           floorUnit.hasSuffix("target") ? "target" : "floor", floor,
                           floorUnit.replacingOccurrences(of: " target", with: ""), value / floor)
        }
        return text
    }

    var json: [String: Any] {
        var object: [String: Any] = ["name": name, "value": value, "unit": unit]
        if let floor { object["floor"] = floor; object["floor_unit"] = floorUnit ?? ""; object["ratio"] = value / floor }
        return object
    }
}

final class PageBox: @unchecked Sendable { var server: PageServer? }
final class PortHolder: @unchecked Sendable { var value: Int? }

/// Routes to the pages once they are encoded (the links inside them need the port first).
struct LazyRouter: Sendable {
    let box: PageBox
    func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.get("Patient") { request, _ in box.server!.serve(box.server!.patientPages, request) }
        router.get("CarePlan") { request, _ in box.server!.serve(box.server!.planPages, request) }
        router.get("Observation") { request, _ in box.server!.serve(box.server!.observationPages, request) }
        // The sync also asks for messages, tasks and consents; an initial sync finds none.
        for resource in ["Communication", "Task", "Consent"] {
            router.get(RouterPath(stringLiteral: resource)) { request, _ in box.server!.serve([], request) }
        }
        return router
    }
}
