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

    func config(defaultSpeed: Double, faults: SimFaults = SimFaults()) -> SimConfig {
        var startDate = Date()
        if let start {
            guard let parsed = FHIRDateTime.parse(start) else { fail("--start must be a FHIR instant") }
            startDate = parsed
        }
        var config = SimConfig(patients: max(1, patients), municipalities: max(1, municipalities), seed: seed,
                               speed: max(0.01, speed ?? defaultSpeed), historyDays: max(0, historyDays), start: startDate,
                               frozen: frozen, faults: faults)
        config.gzip = !noGzip
        config.blocks = block.enumerated().map { index, text in
            let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { fail("--block must look like PATIENT:OPERATOR") }
            return PatientBlock(id: "block-\(index + 1)", patientID: parts[0], operatorID: parts[1])
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

    func run() throws {
        let faults = SimFaults(failRate: failRate, latencyMs: latencyMs, malformedRate: malformedRate,
                               dropRate: dropConnections, invalidResourceRate: invalidRate)
        var config = sim.config(defaultSpeed: 1, faults: faults)
        config.pmdOnlyShare = min(1, max(0, pmdOnlyShare))
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
                FileHandle.standardError.write(Data("varde: simulator stopped: \(error)\n".utf8))
            }
            done.signal()
        }
        done.wait()
    }
}
