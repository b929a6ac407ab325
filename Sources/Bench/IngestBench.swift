import Foundation
import GRDB
import VardeDomain
import VardeService
import VardeSim
import VardeStore
import VardeSync

/// The ingest rows of `make bench`, all in one run on the same rows: the physical limit (the table in
/// arrival order, no per-patient index), the honest floor (raw SQLite into a layout the console can read,
/// a transaction per page), the initial sync through the product's own path (page size, batches and
/// checkpoints as `varde sync` has them), its storing part alone, and a Python client on the same pages.
/// Every row carries bytes written to disk and CPU per observation: on a shared machine they explain
/// the wall clock.
struct IngestBench {
    let centre: SimulatedCentre
    let measurements: [HomeMeasurement]
    let port: Int
    let folder: URL
    let pageSize: Int
    let start: Date
    let python: String?
    /// One part alone (`store`, `store-per-page`, `sync`, `sync-console`, `floor`, `floor-batched`, `limit`), for a profiler.
    var only: String? = nil
    let note: (String) -> Void

    var count: Int { measurements.count }
    var batchRows: Int { SyncEngine.BatchLimits.catchUp.rows }

    func rows() throws -> [Row] {
        if let only { return [try part(only)] }
        let limit = try RawSQLiteFloor.insert(measurements, layout: .arrivalOrder, batch: batchRows, path: path("limit"))
        let floor = try RawSQLiteFloor.insert(measurements, layout: .perPatientIndex, batch: pageSize, path: path("floor"))
        let floorBatched = try RawSQLiteFloor.insert(measurements, layout: .perPatientIndex, batch: batchRows,
                                                     path: path("floor-batched"))
        let (sync, storingCPU) = try initialSync()
        // The same sync with the console's loop beside it, reading and drawing what it shows as batches commit;
        // paired alone / console / console / alone, so that the disk's writeback of one run and the machine's
        // drift weigh on both sides alike.
        let (withConsole, _) = try initialSync(console: true)
        let (withConsoleAgain, _) = try initialSync(console: true, run: 2)
        let (syncAgain, _) = try initialSync(run: 2)
        let (alonePair, consolePair) = (sync + syncAgain, withConsole + withConsoleAgain)
        let stored = try storeWithTriage(batched: true)
        let storedPerPage = try storeWithTriage(batched: false)
        var rows = [
            Row(name: "sync.initial_ingest", value: sync.rate(count), unit: "obs/s", floor: floor.rate(count), floorUnit: "rows/s",
                note: threads(sync, storingCPU: storingCPU)),
            // The floor here is the sync alone: the ratio says how much the open console slows it (target ≤ 1.1×).
            Row(name: "sync.initial_with_console_open", value: consolePair.rate(2 * count), unit: "obs/s",
                floor: alonePair.rate(2 * count), floorUnit: "obs/s alone", note: consolePair.perRow(2 * count) + ", two runs each"),
            Row(name: "sync.of_arrival_order_limit", value: sync.rate(count), unit: "obs/s", floor: limit.rate(count),
                floorUnit: "rows/s"),
            Row(name: "limit.arrival_order_table", value: limit.rate(count), unit: "rows/s", note: limit.perRow(count, unit: "row")),
            Row(name: "floor.sqlite_per_page", value: floor.rate(count), unit: "rows/s", note: floor.perRow(count, unit: "row")),
            Row(name: "floor.sqlite_batched", value: floorBatched.rate(count), unit: "rows/s",
                note: floorBatched.perRow(count, unit: "row")),
            Row(name: "parts.store_with_triage", value: stored.rate(count), unit: "obs/s", floor: floorBatched.rate(count),
                floorUnit: "rows/s", note: stored.perRow(count)),
            Row(name: "parts.store_per_page", value: storedPerPage.rate(count), unit: "obs/s", floor: floor.rate(count),
                floorUnit: "rows/s", note: storedPerPage.perRow(count)),
        ]
        if let python, let paired = try pythonClient(python) {
            rows.append(Row(name: "python.initial_ingest", value: paired.rate(count), unit: "obs/s", note: paired.perRow(count)))
            rows.append(Row(name: "sync.vs_python", value: sync.rate(count), unit: "obs/s", floor: paired.rate(count),
                            floorUnit: "obs/s", note: String(format: "CPU per observation %.2f× Python's", sync.cpu / paired.cpu)))
        }
        return rows
    }

    /// One row measured alone, without the others' runs around it (for `perf record`).
    private func part(_ name: String) throws -> Row {
        switch name {
        case "limit":
            let limit = try RawSQLiteFloor.insert(measurements, layout: .arrivalOrder, batch: batchRows, path: path("limit"))
            return Row(name: "limit.arrival_order_table", value: limit.rate(count), unit: "rows/s", note: limit.perRow(count, unit: "row"))
        case "floor":
            let floor = try RawSQLiteFloor.insert(measurements, layout: .perPatientIndex, batch: pageSize, path: path("floor"))
            return Row(name: "floor.sqlite_per_page", value: floor.rate(count), unit: "rows/s", note: floor.perRow(count, unit: "row"))
        case "floor-batched":
            let floor = try RawSQLiteFloor.insert(measurements, layout: .perPatientIndex, batch: batchRows, path: path("floor"))
            return Row(name: "floor.sqlite_batched", value: floor.rate(count), unit: "rows/s", note: floor.perRow(count, unit: "row"))
        case "sync":
            let (sync, storingCPU) = try initialSync()
            return Row(name: "sync.initial_ingest", value: sync.rate(count), unit: "obs/s",
                       note: threads(sync, storingCPU: storingCPU))
        case "sync-console":
            let (withConsole, _) = try initialSync(console: true)
            return Row(name: "sync.initial_with_console_open", value: withConsole.rate(count), unit: "obs/s",
                       note: withConsole.perRow(count))
        case "store", "store-per-page":
            let stored = try storeWithTriage(batched: name == "store")
            return Row(name: "parts.\(name == "store" ? "store_with_triage" : "store_per_page")", value: stored.rate(count),
                       unit: "obs/s", note: stored.perRow(count))
        default:
            throw BenchError("no ingest part \(name): limit, floor, floor-batched, sync, sync-console, store, store-per-page")
        }
    }

    /// The sync's figures with its CPU split: the storing thread (the pipeline's critical path) and the
    /// rest of the process (fetching and decoding pages, the page server, the checkpoints), and the cores
    /// it kept busy on average (CPU over wall time; the CPU includes the last checkpoint after the clock
    /// stopped, a little): on a machine whose speed drifts, the figure that says whether a change to the
    /// pipeline helped.
    private func threads(_ sync: Observed, storingCPU: Double) -> String {
        sync.perRow(count) + String(format: ", storing thread %.1f µs/obs, other threads %.1f µs/obs, %.2f cores busy",
                                    storingCPU * 1e6 / Double(count), (sync.cpu - storingCPU) * 1e6 / Double(count),
                                    sync.cpu / sync.seconds)
    }

    private func path(_ name: String) -> String { folder.appendingPathComponent("\(name).sqlite").path }

    /// The initial sync of the whole centre from the page server into a fresh cache, as `varde sync` runs it.
    private func initialSync(console: Bool = false, run: Int = 1) throws -> (Observed, storingCPU: Double) {
        let file = path((console ? "cache-console" : "cache") + (run > 1 ? "-\(run)" : ""))
        // A run's cache goes once measured: four of them at a million observations fill gigabytes.
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: file + suffix) } }
        let cache = try CacheDatabase(path: file)
        let watcher = console ? ConsoleWatcher(cache: cache, now: start) : nil
        defer { watcher?.stop() }
        let engine = SyncEngine(client: FHIRClient(baseURL: "http://127.0.0.1:\(port)", http: CurlHTTPClient()),
                                cache: cache, pageSize: pageSize, clock: { [start] in start })
        var storing = 0.0
        var summary = SyncSummary()
        let observed = try Observed.measure({
            let before = threadCPU()
            summary = try engine.syncOnce()
            storing = threadCPU() - before
        }, settle: { try settle(cache) })
        note("sync: \(summary.line)")
        guard try cache.counts().measurements == count else {
            throw BenchError("sync lost observations: \(summary.line); \(try cache.counts().measurements) stored of \(count)")
        }
        return (observed, storing)
    }

    /// Storing alone (no HTTP, no decoding), with triage, in page-sized slices: batched as the sync does, or
    /// one transaction per page.
    private func storeWithTriage(batched: Bool) throws -> Observed {
        let cache = try CacheDatabase(path: path(batched ? "store" : "store-per-page"))
        let municipalities = Dictionary(uniqueKeysWithValues: MunicipalityCatalogue.all.map { ($0.number, $0) })
        // The centre's patients and plans first (not measured), so that triage meets what it meets in a sync.
        try cache.storePatients(centre.allPatients, municipalities: centre.allPatients.compactMap { municipalities[$0.municipalityNumber] },
                                cursor: nil)
        try cache.storePlans(centre.allPlans, cursor: nil)
        let pages = stride(from: 0, to: count, by: pageSize).map { Array(measurements[$0..<min(count, $0 + pageSize)]) }
        return try Observed.measure({
            if batched {
                let perBatch = max(1, batchRows / pageSize)
                for first in stride(from: 0, to: pages.count, by: perBatch) {
                    try cache.storeInOneTransaction { batch in
                        for page in pages[first..<min(pages.count, first + perBatch)] {
                            _ = try batch.storeMeasurements(page, triage: Triage(), now: start, cursor: nil)
                        }
                    }
                }
            } else {
                for page in pages { try cache.storeMeasurements(page, triage: Triage(), now: self.start, cursor: nil) }
            }
        }, settle: { try settle(cache) })
    }

    private func settle(_ cache: CacheDatabase) throws {
        Thread.sleep(forTimeInterval: 0.5)
        try cache.writer.writeWithoutTransaction { db in _ = try db.checkpoint(.passive) }
    }

    /// The Python client on the same pages; nil when python3 cannot be started.
    private func pythonClient(_ script: String) throws -> Observed? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, "http://127.0.0.1:\(port)/Observation?page=0", path("python")]
        let output = Pipe()
        process.standardOutput = output
        do { try process.run() } catch {
            note("python client not run: \(error)")
            return nil
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0,
              let result = try JSONSerialization.jsonObject(with: data) as? [String: Any],
              let stored = result["stored"] as? Int, let seconds = result["seconds"] as? Double,
              let cpu = result["cpu"] as? Double, let written = result["written"] as? Int else {
            throw BenchError("python client failed (\(process.terminationStatus)): \(String(decoding: data, as: UTF8.self))")
        }
        guard stored == count else { throw BenchError("python client stored \(stored) of \(count)") }
        return Observed(seconds: seconds, cpu: cpu, written: Int64(written))
    }
}
