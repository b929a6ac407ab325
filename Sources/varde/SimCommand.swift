import ArgumentParser
import Foundation
import VardeDomain
import VardeService
import VardeSim

/// Options that shape a simulated centre, shared by `varde sim` and `varde demo`.
struct SimOptions: ParsableArguments {
    @Option(help: "Number of synthetic patients.") var patients: Int = 400
    @Option(help: "Number of municipalities (at most 56).") var municipalities: Int = 30
    @Option(help: "Seed: the same seed gives the same centre.") var seed: UInt64 = 1
    @Option(help: "How many times faster than real time patients measure and deteriorate.") var speed: Double?
    @Option(name: .customLong("history-days"), help: "Days of measurement history at start.") var historyDays: Double = 3
    @Option(help: "Start the centre at this FHIR instant instead of now.") var start: String?
    @Flag(help: "Keep the centre's clock at its start: the same data on every run.") var frozen = false
    @Flag(name: .customLong("no-gzip"), help: "Never compress responses (by default gzip, when the client accepts it).")
    var noGzip = false
    @Option(help: "A patient's block of a named operator, PATIENT:OPERATOR (served as Consent); repeatable.")
    var block: [String] = []
    @Option(help: "Nurses besides you who claim and resolve alerts in service hours (0 to 5).") var colleagues: Int = 3
    @Flag(help: "Patients who never forget, pause or upload late: every measurement on time.") var tidy = false

    func validate() throws {
        try OptionRules.whole(patients, "--patients", 1...100_000)
        try OptionRules.whole(municipalities, "--municipalities", 1...56)
        if let speed { try OptionRules.number(speed, "--speed", 0.01...100_000) }
        try OptionRules.number(historyDays, "--history-days", 0...365)
        try OptionRules.whole(colleagues, "--colleagues", 0...SimulatedColleaguesRoster.size)
        if let start { try OptionRules.instant(start, "--start") }
        for text in block where Self.blockParts(text) == nil {
            throw ValidationError("--block must be PATIENT:OPERATOR with a FHIR patient id, such as pas-00017:kari; not '\(text)'")
        }
    }

    /// `PATIENT:OPERATOR` split, or nil when either part is missing or the patient is no FHIR id.
    static func blockParts(_ text: String) -> (patient: String, operator: String)? {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2, OptionRules.isResourceID(parts[0]), OptionRules.isOperatorID(parts[1]) else { return nil }
        return (parts[0], parts[1])
    }

    func config(defaultSpeed: Double, faults: SimFaults = SimFaults()) -> SimConfig {
        var config = SimConfig(patients: patients, municipalities: municipalities, seed: seed,
                               speed: speed ?? defaultSpeed, historyDays: historyDays,
                               start: start.flatMap(FHIRDateTime.parse) ?? Date(), frozen: frozen, faults: faults)
        config.gzip = !noGzip
        config.colleagues = colleagues
        config.everyday = !tidy
        config.blocks = block.enumerated().compactMap { index, text in
            Self.blockParts(text).map { PatientBlock(id: "block-\(index + 1)", patientID: $0.patient, operatorID: $0.operator) }
        }
        return config
    }
}

/// `varde sim`: the simulated follow-up service alone, on loopback.
struct Sim: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the simulated follow-up service (FHIR R4 over HTTP).")

    @Option(help: "Port on 127.0.0.1 (0 picks a free one).") var port: Int = 8080
    @OptionGroup var sim: SimOptions
    @Option(name: .customLong("fail-rate"), help: "Fraction of requests answered 503.") var failRate: Double = 0
    @Option(name: .customLong("latency-ms"), help: "Delay before every response.") var latencyMs: Int = 0
    @Option(name: .customLong("malformed-rate"), help: "Fraction of pages sent as broken JSON.") var malformedRate: Double = 0
    @Option(name: .customLong("drop-connections"), help: "Fraction of pages whose connection is cut halfway.") var dropConnections: Double = 0
    @Option(name: .customLong("invalid-rate"), help: "Fraction of observations served as invalid resources.") var invalidRate: Double = 0
    @Option(name: .customLong("pmd-only-share"), help: "Fraction of measurements only the PMD-style endpoint (/pmd) serves.")
    var pmdOnlyShare: Double = 0
    @OptionGroup var auth: SimAuthOptions

    func validate() throws {
        try OptionRules.port(port, "--port")
        for (option, rate) in [("--fail-rate", failRate), ("--malformed-rate", malformedRate),
                               ("--drop-connections", dropConnections), ("--invalid-rate", invalidRate),
                               ("--pmd-only-share", pmdOnlyShare)] {
            try OptionRules.fraction(rate, option)
        }
        try OptionRules.whole(latencyMs, "--latency-ms", 0...60_000)
    }

    func run() throws {
        let faults = SimFaults(failRate: failRate, latencyMs: latencyMs, malformedRate: malformedRate,
                               dropRate: dropConnections, invalidResourceRate: invalidRate)
        var config = sim.config(defaultSpeed: 1, faults: faults)
        config.pmdOnlyShare = pmdOnlyShare
        config.auth = auth.simAuth()
        let centre = SimulatedCentre(config: config)
        let server = SimServer(centre: centre)
        let done = DispatchSemaphore(value: 0)
        let port = self.port
        Task {
            do {
                try await server.run(port: port, handleSignals: true) { bound in
                    say("varde sim listening on http://127.0.0.1:\(bound)")
                }
            } catch {
                warn("simulator stopped: \(plainReason(error))")
            }
            done.signal()
        }
        done.wait()
    }
}
