import ArgumentParser
import Foundation
import VardeDomain
import VardeService
import VardeStore
import VardeSync

/// `varde sync`: headless sync of a server into the local cache.
struct Sync: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Pull the server's data into the local cache.")

    @OptionGroup var common: CommonOptions
    @OptionGroup var clock: ClockOptions
    @Option(help: "Base URL of the follow-up service (FHIR R4).") var server: String
    @Option(name: .customLong("measurements-url"), help: "Base URL of a PMD-style measurement service (optional).")
    var measurementsURL: String?
    @Flag(help: "Sync once, print a summary line and exit.") var once = false
    @Option(help: "Seconds between passes when not --once.") var interval: Double = 5
    @Flag(help: "Log in as the centre itself (HelseID client credentials with the organisation number), for a sync run as a service.")
    var machine = false
    @Option(name: .customLong("batch-rows"),
            help: ArgumentHelp("The most measurements a catch-up stores in one transaction (default 100000).", visibility: .hidden))
    var batchRows: Int = SyncEngine.BatchLimits.catchUp.rows

    func validate() throws {
        try OptionRules.serviceURL(server, "--server")
        if let measurementsURL { try OptionRules.serviceURL(measurementsURL, "--measurements-url") }
        try OptionRules.number(interval, "--interval", 0...86_400, above: true)
        try OptionRules.whole(batchRows, "--batch-rows", 1...1_000_000)
    }

    func run() throws {
        let home = Home(common.home)
        let settings = home.settings()
        let cache = home.openCache()
        let engine = makeEngine(server: server, measurementsURL: measurementsURL, cache: cache,
                                settings: syncHTTPSettings(common, home: home, settings: settings, server: server,
                                                           measurementsURL: measurementsURL, machine: machine),
                                nurse: common.nurse,
                                serviceHours: settings.serviceHours, municipalities: settings.municipalities,
                                batchLimits: SyncEngine.BatchLimits(rows: batchRows, seconds: SyncEngine.BatchLimits.catchUp.seconds,
                                                                    firstRows: SyncEngine.BatchLimits.catchUp.firstRows),
                                clock: clock.clock())
        repeat {
            do {
                let summary = try engine.syncOnce()
                say("varde sync: \(summary.line)")
            } catch {
                if once { fail("sync failed: \(error)") }
                warn("sync failed: \(error)")
            }
            if !once { Thread.sleep(forTimeInterval: interval) }
        } while !once
    }
}

func makeEngine(server: String, measurementsURL: String? = nil, cache: CacheDatabase, settings: HTTPSettings,
                nurse: String = "ukjent", serviceHours: ServiceHours = ServiceHours(),
                municipalities: Set<String>? = nil, batchLimits: SyncEngine.BatchLimits = .catchUp,
                clock: @escaping @Sendable () -> Date = Date.init) -> SyncEngine {
    let source = measurementsURL.map {
        MeasurementSourceSync(client: FHIRClient(baseURL: $0, http: CurlHTTPClient(settings: settings)), cache: cache)
    }
    return SyncEngine(client: FHIRClient(baseURL: server, http: CurlHTTPClient(settings: settings)), cache: cache,
                      measurementSource: source, nurse: nurse, serviceHours: serviceHours, municipalities: municipalities,
                      batchLimits: batchLimits, clock: clock)
}
