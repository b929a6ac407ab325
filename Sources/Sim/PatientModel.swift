import Foundation
import VardeDomain

/// One simulated patient: who they are, what they measure, and a hidden deterioration model.
/// Episodes of worsening come and go; during one, values drift towards yellow and red.
struct PatientModel: Sendable {
    let patient: Patient
    let municipality: Municipality
    /// The patient's self-care plan; nil for the few still without one (default limits apply).
    var plan: SelfCarePlan?
    var streams: [Stream]
    /// How faithfully they measure and how their tablet behaves (tidy unless the centre lives everyday life).
    var habits = PatientHabits.tidy
    private var rng: SeededRandom
    /// Draws for habits only, so a forgotten measurement does not change the values of the others.
    private var habitRandom: SeededRandom
    private var episode: Episode?
    private var nextEpisodeAt: Double
    /// Mean days between episodes; a few fragile patients deteriorate often.
    private let meanDaysBetweenEpisodes: Double

    /// What one patient measures and around which personal baseline.
    struct Stream: Sendable {
        let kind: MeasurementKind
        let baseline: Double
        let secondBaseline: Double?
        let interval: Double
        var nextDue: Double
    }

    struct Episode: Sendable {
        let start: Double
        let peakAt: Double
        let end: Double
        let peak: Double
    }

    init(patient: Patient, municipality: Municipality, rng: SeededRandom, firstTime: Double) {
        self.patient = patient
        self.municipality = municipality
        var rng = rng
        let fragile = Double.random(in: 0..<1, using: &rng) < 0.12
        meanDaysBetweenEpisodes = fragile ? 5 : 30
        nextEpisodeAt = firstTime - 3 * 86_400 + rng.exponential(mean: meanDaysBetweenEpisodes * 86_400)
        var kinds: [MeasurementKind] = []
        for diagnosis in patient.diagnoses {
            for kind in Self.kinds(for: diagnosis) where !kinds.contains(kind) { kinds.append(kind) }
        }
        let copd = patient.diagnoses.contains(.copd)
        streams = kinds.map { kind in
            let (base, second) = Self.baseline(kind, copd: copd, rng: &rng)
            let interval = 12 * 3600.0
            return Stream(kind: kind, baseline: base, secondBaseline: second, interval: interval,
                          nextDue: firstTime + Double.random(in: 0..<interval, using: &rng))
        }
        self.rng = rng
        var copy = rng // read, not advanced: the values drawn from `rng` stay as they were
        habitRandom = SeededRandom(seed: copy.next() ^ 0x4AB1_D1CE)
    }

    static func kinds(for diagnosis: Diagnosis) -> [MeasurementKind] {
        switch diagnosis {
        case .copd: [.oxygenSaturation, .heartRate, .respiratoryRate, .bodyTemperature]
        case .heartFailure: [.bodyWeight, .bloodPressure, .heartRate, .oxygenSaturation]
        case .diabetes: [.bloodGlucose, .bloodPressure, .bodyWeight]
        case .cancer: [.bodyTemperature, .heartRate, .oxygenSaturation]
        case .mentalHealth: [.heartRate]
        }
    }

    static func baseline(_ kind: MeasurementKind, copd: Bool, rng: inout SeededRandom) -> (Double, Double?) {
        switch kind {
        case .heartRate: (rng.gaussian(mean: 72, deviation: 6), nil)
        case .oxygenSaturation: (copd ? rng.gaussian(mean: 92, deviation: 1) : rng.gaussian(mean: 97, deviation: 0.8), nil)
        case .respiratoryRate: (rng.gaussian(mean: 16, deviation: 1.5), nil)
        case .bodyTemperature: (rng.gaussian(mean: 36.8, deviation: 0.2), nil)
        case .bloodPressure: (rng.gaussian(mean: 132, deviation: 8), rng.gaussian(mean: 80, deviation: 5))
        case .bodyWeight: (Double.random(in: 55...115, using: &rng), nil)
        case .bloodGlucose: (rng.gaussian(mean: 7, deviation: 1), nil)
        default: (0, nil)
        }
    }

    /// Severity of deterioration at model time `t`: 0 well, about 1 very unwell.
    private mutating func severity(at t: Double) -> Double {
        while true {
            if let e = episode {
                if t < e.start { return 0 }
                if t <= e.peakAt { return e.peak * (t - e.start) / (e.peakAt - e.start) }
                if t <= e.end { return e.peak * (e.end - t) / (e.end - e.peakAt) }
                nextEpisodeAt = e.end + rng.exponential(mean: meanDaysBetweenEpisodes * 86_400)
                episode = nil
            }
            guard t >= nextEpisodeAt else { return 0 }
            let rise = Double.random(in: 0.5...2.5, using: &rng) * 86_400
            let fall = Double.random(in: 1...3, using: &rng) * 86_400
            episode = Episode(start: nextEpisodeAt, peakAt: nextEpisodeAt + rise, end: nextEpisodeAt + rise + fall,
                              peak: Double.random(in: 0.3...1.2, using: &rng))
        }
    }

    /// What happens when stream `index` falls due at model time `t`: nothing (paused, ended, forgotten)
    /// or a measurement, perhaps from a loose clip, with the tablet's clock offset and upload delay.
    mutating func takeDue(stream index: Int, at t: Double) -> Taken? {
        let state = plan?.followUpState(at: Date(timeIntervalSince1970: t)) ?? .followUp
        if state == .paused || state == .ended || Double.random(in: 0..<1, using: &habitRandom) < habits.skipChance {
            streams[index].nextDue = t + streams[index].interval + rng.gaussian(mean: 0, deviation: 1800)
            return nil
        }
        var (value, second) = measure(stream: index, at: t)
        let kind = streams[index].kind
        if kind == .oxygenSaturation || kind == .heartRate, Double.random(in: 0..<1, using: &habitRandom) < habits.looseClipChance {
            value = kind == .oxygenSaturation ? Double(Int.random(in: 55...72, using: &habitRandom))
                                              : Double(Int.random(in: 150...210, using: &habitRandom))
        }
        let delay = habits.uploadDelay.map { Double.random(in: $0, using: &habitRandom) } ?? 0
        return Taken(value: value, second: second, clockOffset: habits.clockOffset, uploadDelay: delay)
    }

    /// A measurement as the tablet reports it.
    struct Taken {
        let value: Double
        let second: Double?
        /// Seconds the device clock is wrong: added to the measurement's time.
        let clockOffset: Double
        /// Seconds after the measurement the tablet uploads it.
        let uploadDelay: Double
    }

    /// The values measured by stream `index` at model time `t`, and the stream's next due time.
    mutating func measure(stream index: Int, at t: Double) -> (value: Double, second: Double?) {
        let s = severity(at: t)
        let stream = streams[index]
        let copd = patient.diagnoses.contains(.copd)
        func noisy(_ mean: Double, _ deviation: Double) -> Double { rng.gaussian(mean: mean, deviation: deviation) }
        let result: (Double, Double?)
        switch stream.kind {
        case .heartRate: result = (noisy(stream.baseline + 45 * s, 3).rounded(), nil)
        case .oxygenSaturation:
            result = (min(100, noisy(stream.baseline - (copd ? 7 : 10) * s, 0.8).rounded()), nil)
        case .respiratoryRate: result = (max(6, noisy(stream.baseline + 12 * s, 1).rounded()), nil)
        case .bodyTemperature: result = ((noisy(stream.baseline + 2.6 * s, 0.15) * 10).rounded() / 10, nil)
        case .bloodPressure:
            result = (noisy(stream.baseline + 60 * s, 5).rounded(),
                      noisy((stream.secondBaseline ?? 80) + 22 * s, 3).rounded())
        case .bodyWeight: result = ((noisy(stream.baseline + 3.5 * s, 0.2) * 10).rounded() / 10, nil)
        case .bloodGlucose: result = (max(1.5, (noisy(stream.baseline + 11 * s, 0.6) * 10).rounded() / 10), nil)
        default: result = (0, nil)
        }
        streams[index].nextDue = t + stream.interval + rng.gaussian(mean: 0, deviation: 1800)
        return result
    }
}
