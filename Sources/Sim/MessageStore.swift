import Foundation
import VardeDomain
import VardeService

/// The simulator's Communications: the centre's messages (created once per identifier, however often
/// the client repeats itself) and the patients' own, including their answers and read receipts.
final class MessageStore: @unchecked Sendable {
    private let lock = NSLock()
    private let centre: SimulatedCentre
    private var items: [(stamp: Int64, resource: FHIRCommunication)] = []
    private var indexByServerID: [String: Int] = [:]
    private var indexByIdentifier: [String: Int] = [:]
    private var lastStamp: Int64 = 0
    private var random: SeededRandom
    /// Things patients will do later: (real instant, what).
    private var pending: [(due: Double, event: Event)] = []
    /// Model time of the next spontaneous message.
    private var nextSpontaneous: Double

    enum Event {
        case read(index: Int)
        case answer(to: Int)
    }

    init(centre: SimulatedCentre) {
        self.centre = centre
        random = SeededRandom(seed: centre.config.seed ^ 0xC0FFEE)
        let start = centre.config.start.timeIntervalSince1970
        // A few patients wrote during the last day and a half; nobody at the centre has read it yet.
        let patients = centre.allPatients
        nextSpontaneous = start
        let rate = Double(patients.count) * PatientVoice.dailyRate / 86_400
        var t = start - 36 * 3600
        while rate > 0 {
            t += -log(1 - Double.random(in: 0..<1, using: &random)) / rate
            guard t < start else { break }
            let patient = patients[Int.random(in: 0..<patients.count, using: &random)]
            let text = PatientVoice.spontaneous[Int.random(in: 0..<PatientVoice.spontaneous.count, using: &random)]
            append(fromPatient: patient, text: text, sent: t, inResponseTo: nil, stampAt: t)
        }
        if rate > 0 { nextSpontaneous = start + -log(1 - Double.random(in: 0..<1, using: &random)) / rate }
    }

    private lazy var patientIDs = Set(centre.allPatients.map(\.id))

    func knows(patient id: String) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return patientIDs.contains(id)
    }

    /// The real clock the store stamps with: a frozen centre's data still changes when a client writes.
    private func wallClock() -> Double { Date().timeIntervalSince1970 }

    /// Lets patients read, answer and write up to now.
    func advance() {
        lock.lock()
        defer { lock.unlock() }
        let now = wallClock()
        pending.sort { $0.due < $1.due }
        while let first = pending.first, first.due <= now {
            pending.removeFirst()
            switch first.event {
            case .read(let index):
                var resource = items[index].resource
                resource.received = FHIRDateTime.format(Date(timeIntervalSince1970: first.due))
                restamp(index, resource)
            case .answer(let index):
                let question = items[index].resource
                guard let subject = question.subject?.reference,
                      let patient = centre.allPatients.first(where: { "Patient/\($0.id)" == subject }) else { continue }
                let text = PatientVoice.replies[Int.random(in: 0..<PatientVoice.replies.count, using: &random)]
                let identifier = question.identifier?.first?.value
                append(fromPatient: patient, text: text, sent: first.due, inResponseTo: identifier, stampAt: now)
            }
        }
        guard !centre.config.frozen else { return }
        let modelNow = centre.modelTime(now)
        let patients = centre.allPatients
        let rate = Double(patients.count) * PatientVoice.dailyRate / 86_400
        while rate > 0, nextSpontaneous <= modelNow {
            let patient = patients[Int.random(in: 0..<patients.count, using: &random)]
            let text = PatientVoice.spontaneous[Int.random(in: 0..<PatientVoice.spontaneous.count, using: &random)]
            append(fromPatient: patient, text: text, sent: centre.realTime(nextSpontaneous), inResponseTo: nil, stampAt: now)
            nextSpontaneous += -log(1 - Double.random(in: 0..<1, using: &random)) / rate
        }
    }

    /// Stores a Communication the centre sends; with `ifNoneExist` naming an identifier it already has,
    /// returns that one instead (the client repeated itself).
    func create(_ resource: FHIRCommunication, ifNoneExist: String?) -> (FHIRCommunication, created: Bool) {
        lock.lock()
        defer { lock.unlock() }
        let identifier = resource.identifier?.first?.value
        let wanted = ifNoneExist.flatMap(Self.identifierValue) ?? identifier
        if let wanted, let index = indexByIdentifier[wanted] { return (items[index].resource, false) }
        var stored = resource
        stored.id = "com-\(items.count + 1)"
        let index = insert(stored, stampAt: wallClock())
        // The patient reads it after a while and, usually, answers.
        if stored.sender?.reference?.hasPrefix("Patient/") != true {
            let now = wallClock()
            let delay = { (model: TimeInterval) in self.centre.config.frozen ? model / 300 : model / self.centre.config.speed }
            pending.append((now + max(1, delay(PatientVoice.readAfter)), .read(index: index)))
            if FNV1a.fraction(identifier ?? stored.id ?? "") < PatientVoice.answerShare {
                pending.append((now + max(2, delay(PatientVoice.answerAfter)), .answer(to: index)))
            }
        }
        return (items[index].resource, true)
    }

    /// `identifier=system|value` → value.
    static func identifierValue(_ query: String) -> String? {
        let decoded = query.removingPercentEncoding ?? query
        guard decoded.hasPrefix("identifier=") else { return nil }
        let token = decoded.dropFirst("identifier=".count)
        return token.split(separator: "|", maxSplits: 1).last.map(String.init)
    }

    func get(id: String) -> FHIRCommunication? {
        lock.lock()
        defer { lock.unlock() }
        return indexByServerID[id].map { items[$0].resource }
    }

    func find(identifier: String) -> [FHIRCommunication] {
        lock.lock()
        defer { lock.unlock() }
        return indexByIdentifier[identifier].map { [items[$0].resource] } ?? []
    }

    /// Messages patients wrote, from position `from` in the order they arrived, up to the first received
    /// after `instant`; and the position to go on from. (Messages are appended as they arrive; only the
    /// centre's own are stamped again when the patient reads them.)
    func fromPatients(from: Int, through instant: Date) -> (messages: [FHIRCommunication], next: Int) {
        lock.lock()
        defer { lock.unlock() }
        let limit = Int64((instant.timeIntervalSince1970 * 1000).rounded())
        var index = from
        var result: [FHIRCommunication] = []
        while index < items.count, items[index].stamp <= limit {
            let resource = items[index].resource
            if resource.sender?.reference?.hasPrefix("Patient/") == true, resource.inResponseTo == nil { result.append(resource) }
            index += 1
        }
        return (result, index)
    }

    /// Communications changed after `cursor` (ms), oldest change first.
    /// Messages changed after `cursor`, oldest change first; only those of patients in `municipalities` if given.
    func changed(after cursor: Int64?, count: Int, in municipalities: Set<String>? = nil)
        -> (items: [FHIRCommunication], hasMore: Bool, lastStamp: Int64?) {
        lock.lock()
        defer { lock.unlock() }
        let inTenancy = { (message: FHIRCommunication) -> Bool in
            guard let municipalities else { return true }
            let patient = message.subject?.reference.map { String($0.dropFirst("Patient/".count)) } ?? ""
            return municipalities.contains(self.centre.municipalityByPatient[patient] ?? "")
        }
        let sorted = items.filter { $0.stamp > (cursor ?? Int64.min) && inTenancy($0.resource) }.sorted { $0.stamp < $1.stamp }
        let page = sorted.prefix(count)
        return (page.map(\.resource), sorted.count > count, page.last?.stamp)
    }

    /// Every Communication, for tests.
    var all: [FHIRCommunication] {
        lock.lock()
        defer { lock.unlock() }
        return items.map(\.resource)
    }

    private func append(fromPatient patient: Patient, text: String, sent: Double, inResponseTo: String?, stampAt: Double) {
        var resource = FHIRCommunication(status: "completed")
        resource.id = "com-\(items.count + 1)"
        resource.identifier = [FHIRIdentifier(system: CommunicationMapping.identifierSystem,
                                              value: "urn:uuid:\(Self.uuid(&random))")]
        resource.subject = FHIRReference(reference: "Patient/\(patient.id)")
        resource.sender = FHIRReference(reference: "Patient/\(patient.id)", display: "\(patient.givenName) \(patient.familyName)")
        resource.sent = FHIRDateTime.format(Date(timeIntervalSince1970: (sent * 1000).rounded() / 1000))
        resource.payload = [FHIRCommunication.Payload(contentString: text)]
        resource.inResponseTo = inResponseTo.map {
            [FHIRReference(reference: nil, identifier: FHIRIdentifier(system: CommunicationMapping.identifierSystem, value: $0))]
        }
        _ = insert(resource, stampAt: stampAt)
    }

    @discardableResult
    private func insert(_ resource: FHIRCommunication, stampAt: Double) -> Int {
        let index = items.count
        items.append((0, resource))
        if let id = resource.id { indexByServerID[id] = index }
        if let identifier = resource.identifier?.first?.value { indexByIdentifier[identifier] = index }
        restamp(index, resource, at: stampAt)
        return index
    }

    private func restamp(_ index: Int, _ resource: FHIRCommunication, at instant: Double? = nil) {
        lastStamp = max(lastStamp + 1, Int64(((instant ?? wallClock()) * 1000).rounded()))
        var stamped = resource
        stamped.meta = FHIRMeta(lastUpdated: FHIRDateTime.format(Date(timeIntervalSince1970: Double(lastStamp) / 1000)))
        items[index] = (lastStamp, stamped)
    }

    private static func uuid(_ random: inout SeededRandom) -> String {
        let a = random.next(), b = random.next()
        let hex = String(format: "%016llx%016llx", a, b)
        let c = Array(hex)
        return "\(String(c[0..<8]))-\(String(c[8..<12]))-4\(String(c[13..<16]))-a\(String(c[17..<20]))-\(String(c[20..<32]))"
    }
}
