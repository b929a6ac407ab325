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
    @Option(name: .customLong("page-size"), help: "Resources per FHIR page (the product's by default).")
    var pageSize: Int = SyncEngine.defaultPageSize
    @Option(name: .customLong("python-client"), help: "The paired Python client (skipped when missing).")
    var pythonClient: String = "Tests/Bench/python_client.py"
    @Option(help: "Where to write the results as JSON.") var json: String = "bench-results.json"
    @Option(help: "The varde executable, for the console's idle output (skipped without it).") var varde: String?
    @Flag(name: .customLong("frames-only"), help: "Only the console frame benchmarks.") var framesOnly = false
    @Flag(name: .customLong("caseload-only"), help: "Only the caseload benchmark.") var caseloadOnly = false
    @Flag(name: .customLong("ingest-only"), help: "Only the floor, the store and the initial sync.") var ingestOnly = false
    @Option(name: .customLong("ingest-part"), help: .hidden) var ingestPart: String?
    @Flag(name: .customLong("snapshot-only"), help: "Only the console's snapshot: a frame with its read, a cold start, idle CPU.")
    var snapshotOnly = false
    @Option(name: .customLong("snapshot-observations"), help: "Observations in the snapshot benchmark's cache (50,000 open alerts; kept in .build-bench/caches).")
    var snapshotObservations = 10_000_000
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
            var rows = try SnapshotBench.rows(observations: snapshotObservations)
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
        // The parts that store without HTTP need no pages (a profiler's run of one of them starts at once).
        if ingestPart == nil || ingestPart == "sync" || ingestPart == "sync-console" || ingestPart == "decode" {
            let encoded = Date()
            box.server = try PageServer.encode(centre, pageSize: pageSize, port: port)
            note("encoded \(box.server!.observationPages.count) pages, \(box.server!.bytes / 1_000_000) MB in \(seconds(encoded))")
        }

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("varde-bench-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // The caches of a full run take more than a gigabyte: removed on failure and before exit() (which skips defer).
        defer { try? FileManager.default.removeItem(at: folder) }

        // What the sync decodes with, and Foundation's Codable on the same pages for comparison.
        let skipRest = ingestOnly || ingestPart != nil
        let decodeRate = skipRest ? 0 : try rate(box.server!.observationPages) { try ObservationPageDecoder.decodeOrFallBack($0) }
        let codableRate = skipRest ? 0 : try rate(box.server!.observationPages) {
            try JSONDecoder().decode(ReceivedPage<FHIRObservation>.self, from: $0)
        }
        if ingestPart == "decode" {
            // The fetching thread's work without the network: pages decoded and mapped, for a profiler.
            let started = Date(), cpu = processCPU()
            var mapped = 0, refused = 0
            for page in box.server!.observationPages {
                for entry in try ObservationPageDecoder.decodeOrFallBack(page).entries {
                    // A refused resource is counted and printed: the rate is of measurements mapped.
                    do {
                        _ = try ObservationMapping.measurement(from: entry.get(), serverBase: nil)
                        mapped += 1
                    } catch {
                        refused += 1
                    }
                }
            }
            print(String(format: "parts.decode_and_map %.0f obs/s [%.1f µs CPU/obs, %d refused]",
                         Double(mapped) / Date().timeIntervalSince(started), (processCPU() - cpu) * 1e6 / Double(mapped), refused))
            Foundation.exit(0)
        }
        let script = FileManager.default.fileExists(atPath: pythonClient) ? pythonClient : nil
        let ingest = IngestBench(centre: centre, measurements: measurements, port: port, folder: folder, pageSize: pageSize,
                                 start: config.start, python: script, only: ingestPart, note: note)
        var rows = try ingest.rows()
        if !skipRest {
            rows.append(Row(name: "parts.json_decode", value: decodeRate, unit: "obs/s"))
            rows.append(Row(name: "parts.json_decode_codable", value: codableRate, unit: "obs/s"))
            rows += try FrameBench.rows(varde: varde, queueFrames: false)
            rows.append(try CaseloadBench.row(folder: folder))
            rows += try SnapshotBench.rows(observations: snapshotObservations)
            if let varde { rows.append(try IdleCPUBench.row(varde: varde, patients: idlePatients)) }
        }
        print(rows.map(\.line).joined(separator: "\n"))
        try JSONSerialization.data(withJSONObject: rows.map(\.json), options: [.prettyPrinted, .sortedKeys])
            .write(to: URL(fileURLWithPath: json))
        try? FileManager.default.removeItem(at: folder)
        Foundation.exit(0)
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

    func note(_ text: String) { FileHandle.standardError.write(Data("# \(text)\n".utf8)) }
    func seconds(_ since: Date) -> String { String(format: "%.1f s", Date().timeIntervalSince(since)) }
}

/// One benchmark line: `name  value unit  floor value unit  ratio r`.
struct Row {
    var name: String
    var value: Double
    var unit: String
    var floor: Double?
    var floorUnit: String?
    /// Bytes written and CPU per observation, after the figures.
    var note: String?

    init(name: String, value: Double, unit: String, floor: Double? = nil, floorUnit: String? = nil, note: String? = nil) {
        self.name = name
        self.value = value
        self.unit = unit
        self.floor = floor
        self.floorUnit = floorUnit
        self.note = note
    }

    var line: String {
        let format = value < 100 ? "%12.2f %@" : "%12.0f %@"
        var text = name.padding(toLength: 30, withPad: " ", startingAt: 0) + String(format: format, value, unit)
        if let floor, let floorUnit {
            text += String(format: floor < 100 ? "   %@ %10.2f %@   ratio %.2f" : "   %@ %10.0f %@   ratio %.2f",
                           floorUnit.hasSuffix("target") ? "target" : "floor", floor,
                           floorUnit.replacingOccurrences(of: " target", with: ""), value / floor)
        }
        if let note { text += "   [\(note)]" }
        return text
    }

    var json: [String: Any] {
        var object: [String: Any] = ["name": name, "value": value, "unit": unit]
        if let floor { object["floor"] = floor; object["floor_unit"] = floorUnit ?? ""; object["ratio"] = value / floor }
        if let note { object["note"] = note }
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
