import Foundation
import HeapModule
import VardeDomain

/// The simulated follow-up centre's data: a fixed population and a growing, time-ordered stream of
/// measurements. Model time runs 1:1 through the history, then `speed` times faster than the clock.
public final class SimulatedCentre: @unchecked Sendable {
    public let config: SimConfig
    private let lock = NSLock()
    private var models: [PatientModel]
    private var due: Heap<Due>
    /// Measurements taken on tablets that upload late, in the order they will arrive.
    private var uploads = Heap<Upload>()
    private var uploadSequence = 0
    private var observations: [HomeMeasurement] = []
    /// `lastUpdated` of each observation in milliseconds: strictly increasing, so keyset paging is exact.
    private var stamps: [Int64] = []
    private var patientStamps: [Int64]
    /// Indexes of each patient's measurements, in time order (for per-patient PMD searches).
    private var indexesByPatient: [String: [Int]] = [:]
    private let patientIndexByNationalID: [String: Int]
    private let patientIndexByID: [String: Int]
    /// Each patient's kommunenummer (for searches limited to an operator's municipalities).
    let municipalityByPatient: [String: String]
    /// The system of the business identifier every simulated measurement carries, in both sources.
    public static let measurementIdentifierSystem = "https://varde.example.no/fhir/sid/measurement"
    /// Versions replaced by a later one (an entered-in-error correction), in increasing order.
    private var superseded: [Int] = []
    /// Corrections still to come: (model time, index of the measurement to mark entered-in-error).
    private var corrections: [(due: Double, index: Int)] = []
    private var nextCorrection = 0
    private var correctionRandom: SeededRandom
    /// Share of measurements a patient later marks as entered in error ("that was my husband's").
    static let correctionRate = 0.005
    private let start: Double
    private let historyStart: Double

    struct Due: Comparable {
        let time: Double
        let patient: Int
        let stream: Int
        static func < (a: Due, b: Due) -> Bool {
            (a.time, a.patient, a.stream) < (b.time, b.patient, b.stream)
        }
    }

    public init(config: SimConfig) {
        self.config = config
        start = config.start.timeIntervalSince1970
        historyStart = start - config.historyDays * 86_400
        models = Population.generate(config, firstTime: historyStart)
        municipalityByPatient = Dictionary(models.map { ($0.patient.id, $0.municipality.number) }) { a, _ in a }
        patientIndexByNationalID = Dictionary(models.enumerated().map { ($1.patient.nationalID, $0) }) { a, _ in a }
        patientIndexByID = Dictionary(models.enumerated().map { ($1.patient.id, $0) }) { a, _ in a }
        allPlans = models.compactMap(\.plan)
        planStamps = allPlans.map { Int64(($0.lastUpdated.timeIntervalSince1970 * 1000).rounded()) }
        patientStamps = models.map { Int64(($0.patient.lastUpdated.timeIntervalSince1970 * 1000).rounded()) }
        var heap = Heap<Due>()
        for (p, model) in models.enumerated() {
            for (s, stream) in model.streams.enumerated() { heap.insert(Due(time: stream.nextDue, patient: p, stream: s)) }
        }
        due = heap
        correctionRandom = SeededRandom(seed: config.seed ^ 0x5E7)
        advance(to: config.start)
    }

    /// Model time at a real instant.
    func modelTime(_ real: Double) -> Double { real <= start ? real : start + (real - start) * config.speed }

    /// Real instant at which something happening at model time `t` is stamped.
    func realTime(_ t: Double) -> Double { t <= start ? t : start + (t - start) / config.speed }

    /// The centre's clock: the wall clock, or `start` for ever when frozen.
    public func now() -> Date { config.frozen ? config.start : Date() }

    /// Generates every measurement due up to the real instant `now`, and publishes every late upload
    /// whose time has come: the service stamps a measurement when it arrives, not when it was taken.
    public func advance(to now: Date) {
        lock.lock()
        defer { lock.unlock() }
        let horizon = modelTime(min(now, self.now()).timeIntervalSince1970)
        while true {
            let correction = nextCorrection < corrections.count ? corrections[nextCorrection] : nil
            let upload = uploads.min
            let dueTime = due.min?.time ?? .infinity
            if let correction, correction.due <= horizon, correction.due <= dueTime, correction.due <= (upload?.time ?? .infinity) {
                nextCorrection += 1
                correct(correction.index, at: correction.due)
                continue
            }
            if let upload, upload.time <= horizon, upload.time <= dueTime {
                _ = uploads.removeMin()
                publish(upload.measurement, at: upload.time)
                continue
            }
            guard let next = due.min, next.time <= horizon else { break }
            _ = due.removeMin()
            var model = models[next.patient]
            let stream = model.streams[next.stream]
            if let taken = model.takeDue(stream: next.stream, at: next.time) {
                let measured = realTime(next.time) + taken.clockOffset
                let measurement = HomeMeasurement(
                    id: "", patientID: model.patient.id, kind: stream.kind,
                    code: "\(stream.kind.codes[0].system)|\(stream.kind.codes[0].code)", value: taken.value,
                    secondValue: taken.second, unit: stream.kind.canonicalUnit,
                    effective: Date(timeIntervalSince1970: (measured * 1000).rounded() / 1000), lastUpdated: .distantPast)
                if taken.uploadDelay > 0 {
                    uploads.insert(Upload(time: next.time + taken.uploadDelay, sequence: uploadSequence, measurement: measurement))
                    uploadSequence += 1
                } else {
                    publish(measurement, at: next.time)
                }
            }
            due.insert(Due(time: model.streams[next.stream].nextDue, patient: next.patient, stream: next.stream))
            models[next.patient] = model
        }
    }

    /// A measurement reaches the service at model time `t`: numbered, stamped, served from now on.
    private func publish(_ taken: HomeMeasurement, at t: Double) {
        let stamp = max((stamps.last ?? 0) + 1, Int64((realTime(t) * 1000).rounded()) + 1500)
        var measurement = taken
        measurement.id = "obs-\(observations.count + 1)"
        measurement.lastUpdated = Date(timeIntervalSince1970: Double(stamp) / 1000)
        measurement.sourceIdentifier = "\(Self.measurementIdentifierSystem)|m-\(observations.count + 1)"
        indexesByPatient[measurement.patientID, default: []].append(observations.count)
        observations.append(measurement)
        stamps.append(stamp)
        if Double.random(in: 0..<1, using: &correctionRandom) < Self.correctionRate {
            corrections.append((due: t + 2 * 3600, index: observations.count - 1))
        }
    }

    /// A measurement a late tablet holds until model time `time`.
    struct Upload: Comparable {
        let time: Double
        let sequence: Int
        let measurement: HomeMeasurement
        static func < (a: Upload, b: Upload) -> Bool { (a.time, a.sequence) < (b.time, b.sequence) }
        static func == (a: Upload, b: Upload) -> Bool { a.sequence == b.sequence }
    }

    /// Publishes a new version of measurement `index` marked entered-in-error; the old version is gone.
    private func correct(_ index: Int, at t: Double) {
        var corrected = observations[index]
        corrected.status = .enteredInError
        let stamp = max((stamps.last ?? 0) + 1, Int64((realTime(t) * 1000).rounded()) + 1500)
        corrected.lastUpdated = Date(timeIntervalSince1970: Double(stamp) / 1000)
        indexesByPatient[corrected.patientID, default: []].append(observations.count)
        observations.append(corrected)
        stamps.append(stamp)
        superseded.append(index)
    }

    private func isSuperseded(_ index: Int) -> Bool {
        var low = 0, high = superseded.count
        while low < high {
            let mid = (low + high) / 2
            if superseded[mid] < index { low = mid + 1 } else { high = mid }
        }
        return low < superseded.count && superseded[low] == index
    }

    /// A page of results in `_lastUpdated` order after `cursor` (milliseconds, exclusive).
    public struct Page<Item> {
        public var items: [Item]
        public var total: Int
        public var hasMore: Bool
        public var lastStamp: Int64?
    }

    public func patients(after cursor: Int64?, count: Int, in municipalities: Set<String>? = nil,
                         where keep: ((Patient, Municipality) -> Bool)? = nil) -> Page<(Patient, Municipality)> {
        lock.lock()
        defer { lock.unlock() }
        let from = Self.firstIndex(in: patientStamps, after: cursor)
        if let keep {
            let matching = (from..<models.count).filter {
                (municipalities?.contains(models[$0].municipality.number) ?? true) && keep(models[$0].patient, models[$0].municipality)
            }
            let taken = matching.prefix(count)
            return Page(items: taken.map { (models[$0].patient, models[$0].municipality) }, total: matching.count,
                        hasMore: matching.count > count, lastStamp: taken.last.map { patientStamps[$0] })
        }
        guard let municipalities else {
            let to = min(patientStamps.count, from + count)
            return Page(items: models[from..<to].map { ($0.patient, $0.municipality) }, total: patientStamps.count - from,
                        hasMore: to < patientStamps.count, lastStamp: to > from ? patientStamps[to - 1] : nil)
        }
        let matching = (from..<models.count).filter { municipalities.contains(models[$0].municipality.number) }
        let taken = matching.prefix(count)
        return Page(items: taken.map { (models[$0].patient, models[$0].municipality) }, total: matching.count,
                    hasMore: matching.count > count, lastStamp: taken.last.map { patientStamps[$0] })
    }

    /// Current versions only: a measurement corrected later is served in its corrected form.
    public func observations(after cursor: Int64?, count: Int, in municipalities: Set<String>? = nil) -> Page<HomeMeasurement> {
        lock.lock()
        defer { lock.unlock() }
        let from = Self.firstIndex(in: stamps, after: cursor)
        let served = { (index: Int) in
            !self.isSuperseded(index) && !self.isPMDOnly(self.observations[index])
                && (municipalities.map { $0.contains(self.municipalityByPatient[self.observations[index].patientID] ?? "") } ?? true)
        }
        var items: [HomeMeasurement] = []
        var index = from
        while index < observations.count, items.count < count {
            if served(index) { items.append(observations[index]) }
            index += 1
        }
        let laterSuperseded = superseded.filter { $0 >= from }.count
        return Page(items: items, total: observations.count - from - laterSuperseded,
                    hasMore: (index..<observations.count).contains(where: served),
                    lastStamp: index > from ? stamps[index - 1] : nil)
    }

    /// A search narrowed by more than the municipality: the measurements of `patientIDs` (all when nil)
    /// that `keep` accepts, in `_lastUpdated` order after `cursor`.
    public func observations(after cursor: Int64?, count: Int, in municipalities: Set<String>?, patientIDs: Set<String>?,
                             where keep: (HomeMeasurement) -> Bool) -> Page<HomeMeasurement> {
        lock.lock()
        defer { lock.unlock() }
        let from = Self.firstIndex(in: stamps, after: cursor)
        let candidates: [Int] = patientIDs.map { ids in
            ids.flatMap { indexesByPatient[$0] ?? [] }.filter { $0 >= from }.sorted()
        } ?? Array(from..<observations.count)
        let matching = candidates.filter { index in
            let m = observations[index]
            return !isSuperseded(index) && !isPMDOnly(m)
                && (municipalities.map { $0.contains(municipalityByPatient[m.patientID] ?? "") } ?? true) && keep(m)
        }
        let taken = matching.prefix(count)
        return Page(items: taken.map { observations[$0] }, total: matching.count, hasMore: matching.count > count,
                    lastStamp: taken.last.map { stamps[$0] })
    }

    /// The current version of measurement `id`, if the follow-up service serves it.
    public func observation(id: String) -> HomeMeasurement? {
        lock.lock()
        defer { lock.unlock() }
        guard id.hasPrefix("obs-"), let number = Int(id.dropFirst(4)), number >= 1, number <= observations.count else { return nil }
        var index = number - 1
        guard observations[index].id == id else { return nil }
        if isSuperseded(index) {
            guard let later = indexesByPatient[observations[index].patientID]?.last(where: { observations[$0].id == id }),
                  !isSuperseded(later) else { return nil }
            index = later
        }
        return isPMDOnly(observations[index]) ? nil : observations[index]
    }

    /// Patient `id` and their municipality.
    public func patient(id: String) -> (Patient, Municipality)? {
        lock.lock()
        defer { lock.unlock() }
        return patientIndexByID[id].map { (models[$0].patient, models[$0].municipality) }
    }

    /// Measurements in the order the service received them, from position `from`, received by `instant`
    /// (their `lastUpdated`), with the patient's diagnoses and plan: what a colleague's queue is made of.
    func received(from: Int, through instant: Date) -> [(measurement: HomeMeasurement, diagnoses: [Diagnosis], plan: SelfCarePlan?)] {
        lock.lock()
        defer { lock.unlock() }
        let limit = Int64((instant.timeIntervalSince1970 * 1000).rounded())
        var result: [(HomeMeasurement, [Diagnosis], SelfCarePlan?)] = []
        var index = from
        while index < observations.count, stamps[index] <= limit {
            let m = observations[index]
            if let p = patientIndexByID[m.patientID] { result.append((m, models[p].patient.diagnoses, models[p].plan)) }
            index += 1
        }
        return result
    }

    /// Plan `id`.
    public func plan(id: String) -> SelfCarePlan? { allPlans.first { $0.id == id } }

    /// Whether only the PMD-style endpoint serves this measurement (decided by its identifier).
    public func isPMDOnly(_ m: HomeMeasurement) -> Bool {
        guard config.pmdOnlyShare > 0, let identifier = m.sourceIdentifier else { return false }
        return FNV1a.fraction(identifier) < config.pmdOnlyShare
    }

    /// Whether the PMD-style endpoint has this measurement: its own ones and a third of the shared ones.
    public func isInPMD(_ m: HomeMeasurement) -> Bool {
        if isPMDOnly(m) { return true }
        guard let number = m.sourceIdentifier?.split(separator: "-").last.flatMap({ Int($0) }) else { return false }
        return number % 3 == 0
    }

    /// A PMD-style per-patient search: the patient's current measurements in PMD with `effective` after `after`.
    public func pmdSearch(nationalID: String, after: Date?, before: Date? = nil) -> (Patient, Municipality, [HomeMeasurement])? {
        lock.lock()
        defer { lock.unlock() }
        guard let index = patientIndexByNationalID[nationalID] else { return nil }
        let model = models[index]
        let items = (indexesByPatient[model.patient.id] ?? []).lazy
            .filter { !self.isSuperseded($0) }
            .map { self.observations[$0] }
            .filter { m in self.isInPMD(m) && (after.map { m.effective > $0 } ?? true) && (before.map { m.effective < $0 } ?? true) }
        return (model.patient, model.municipality, Array(items))
    }

    /// How many measurements the centre holds now (current versions).
    public var observationCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return observations.count - superseded.count
    }

    /// The current version of every measurement (for tests that compare a cache with the server).
    public func allObservations() -> [HomeMeasurement] {
        lock.lock()
        defer { lock.unlock() }
        return observations.indices.filter { !isSuperseded($0) }.map { observations[$0] }
    }

    public var allPatients: [Patient] { models.map(\.patient) }

    /// Plans never change while the simulator runs: ordered once, with their stamps, at start.
    public let allPlans: [SelfCarePlan]
    private let planStamps: [Int64]

    /// Plans in `_lastUpdated` order after `cursor` (milliseconds, exclusive).
    public func plans(after cursor: Int64?, count: Int, in municipalities: Set<String>? = nil,
                      where keep: ((SelfCarePlan) -> Bool)? = nil) -> Page<SelfCarePlan> {
        let plans = allPlans
        let stamps = planStamps
        let from = Self.firstIndex(in: stamps, after: cursor)
        if municipalities != nil || keep != nil {
            let matching = (from..<plans.count).filter {
                (municipalities?.contains(municipalityByPatient[plans[$0].patientID] ?? "") ?? true) && (keep?(plans[$0]) ?? true)
            }
            let taken = matching.prefix(count)
            return Page(items: taken.map { plans[$0] }, total: matching.count, hasMore: matching.count > count,
                        lastStamp: taken.last.map { stamps[$0] })
        }
        let to = min(plans.count, from + count)
        return Page(items: Array(plans[from..<to]), total: plans.count - from, hasMore: to < plans.count,
                    lastStamp: to > from ? stamps[to - 1] : nil)
    }

    static func firstIndex(in stamps: [Int64], after cursor: Int64?) -> Int {
        guard let cursor else { return 0 }
        var low = 0, high = stamps.count
        while low < high {
            let mid = (low + high) / 2
            if stamps[mid] <= cursor { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
