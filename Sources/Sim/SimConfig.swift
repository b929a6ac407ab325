import Foundation
import VardeDomain

/// Everything that shapes a simulated follow-up centre; equal configs give equal centres.
public struct SimConfig: Sendable {
    public var patients = 400
    public var municipalities = 30
    public var seed: UInt64 = 1
    /// How many times faster than real time the simulated patients live (measure, deteriorate).
    public var speed: Double = 1
    /// Days of measurement history that exist when the simulator starts.
    public var historyDays: Double = 3
    /// The real time the simulation starts at; history lies before it.
    public var start = Date()
    /// A frozen centre never moves past `start`: its data is the same on every run (golden screens, tests).
    public var frozen = false
    public var faults = SimFaults()
    /// Share of measurements that only the PMD-style companion endpoint has (taken at the GP's office,
    /// say); 0 means the follow-up service has them all.
    public var pmdOnlyShare = 0.0
    /// Compress responses with gzip when the client accepts it, as production servers do.
    public var gzip = true
    /// Patients live as patients do: some forget to measure, some are on holiday or in hospital, in their
    /// trial period or done with follow-up; some tablets upload late or have a clock a few minutes wrong.
    /// Off, every patient measures on time, every time (`PatientHabits`, `FollowUpCalendars`).
    public var everyday = true
    /// Nurses besides the operator who claim and resolve alerts in service hours (`SimulatedColleagues`).
    public var colleagues = 3
    /// `varde demo`'s pace (see the Manual's "Den simulerte sentralen" for the reasoning).
    public static let demoSpeed = 12.0
    /// Patients' blocks of named operators (sperring) the centre starts with.
    public var blocks: [PatientBlock] = []
    /// A strict simulated HelseID in front of the FHIR routes (`--auth helseid`); nil keeps them open.
    public var auth: SimAuth?

    public init(patients: Int = 400, municipalities: Int = 30, seed: UInt64 = 1, speed: Double = 1,
                historyDays: Double = 3, start: Date = Date(), frozen: Bool = false, faults: SimFaults = SimFaults()) {
        self.patients = patients
        self.municipalities = municipalities
        self.seed = seed
        self.speed = speed
        self.historyDays = historyDays
        self.start = start
        self.frozen = frozen
        self.faults = faults
    }
}

/// Faults the simulator injects so that tests can prove the client survives them.
public struct SimFaults: Sendable {
    /// Fraction of requests answered 503 with an OperationOutcome and Retry-After.
    public var failRate = 0.0
    /// Delay before every response.
    public var latencyMs = 0
    /// Fraction of search pages sent as truncated, unparseable JSON.
    public var malformedRate = 0.0
    /// Fraction of search pages whose connection is cut halfway through the body.
    public var dropRate = 0.0
    /// Fraction of observations served as invalid resources (no subject, a text value); always the same ones.
    public var invalidResourceRate = 0.0
    /// Delay after a request has been carried out, before the answer goes out: a client can be
    /// stopped after the server did the work but before it heard so.
    public var replyDelayMs = 0

    public init(failRate: Double = 0, latencyMs: Int = 0, malformedRate: Double = 0, dropRate: Double = 0,
                invalidResourceRate: Double = 0, replyDelayMs: Int = 0) {
        self.replyDelayMs = replyDelayMs
        self.failRate = failRate
        self.latencyMs = latencyMs
        self.malformedRate = malformedRate
        self.dropRate = dropRate
        self.invalidResourceRate = invalidResourceRate
    }
}
