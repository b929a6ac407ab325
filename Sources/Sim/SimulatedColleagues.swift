import Foundation
import VardeDomain
import VardeService

/// How many simulated colleagues there can be.
public enum SimulatedColleaguesRoster {
    public static let size = SimulatedColleagues.roster.count
}

/// The operator's colleagues at the simulated centre: nurses who, inside service hours, take the
/// worst and longest-waiting alert nobody holds, claim it and resolve it with an outcome, through the
/// same conditional Task updates a Varde workstation makes. They judge measurements with Varde's own
/// triage, so their alerts carry the keys the operator's cache has; they sometimes race the operator
/// for one, and the loser meets 412 as on a real centre. Out of hours nobody works and the queue fills.
final class SimulatedColleagues: @unchecked Sendable {
    private let centre: SimulatedCentre
    private let tasks: TaskStore
    private let messages: MessageStore
    private var messagesSeen = 0
    private let hours: ServiceHours
    private let triage = Triage()
    private let lock = NSLock()
    private var nurses: [Nurse]
    private var rng: SeededRandom
    /// How far the colleagues have worked, in seconds since 1970 (one step a minute).
    private var clock: Double
    /// Measurements already judged, as a position in the service's arrival order.
    private var judged = 0
    /// The open alert of each patient, as the colleagues' own workstations see it.
    private var open: [String: Alert] = [:]
    private var weights: [String: [HomeMeasurement]] = [:]
    /// The newest message of a patient who had an alert open when it came: a workstation gives it an item
    /// of its own when that alert is resolved.
    private var unread: [String: PatientMessage] = [:]

    /// The colleagues' operator ids and names; the first `count` of them work.
    static let roster = ["hanne", "ola", "siri", "tor", "eva"]
    /// A free nurse takes the next alert after about this many minutes (reading, a phone call in between).
    static let minutesBetweenAlerts = 6.0

    struct Nurse {
        let id: String
        var holding: (key: String, patientID: String, doneAt: Double)?
    }

    init(count: Int, centre: SimulatedCentre, tasks: TaskStore, messages: MessageStore, hours: ServiceHours = ServiceHours(), seed: UInt64, from start: Date) {
        self.centre = centre
        self.tasks = tasks
        self.messages = messages
        self.hours = hours
        nurses = Self.roster.prefix(max(0, min(count, Self.roster.count))).map { Nurse(id: $0) }
        rng = SeededRandom(seed: seed ^ 0xC011_EA6E)
        clock = (start.timeIntervalSince1970 / 60).rounded(.down) * 60
    }

    /// Works every minute up to `now`: the centre's history at start, then as its clock moves.
    func work(until now: Date) {
        lock.lock()
        defer { lock.unlock() }
        guard !nurses.isEmpty else { return }
        let limit = now.timeIntervalSince1970
        while clock + 60 <= limit {
            // Nights and weekends in one stride of quarter hours: nobody works, measurements are judged on arrival.
            if nurses.allSatisfy({ $0.holding == nil }), !hours.isOpen(at: Date(timeIntervalSince1970: clock + 60)) {
                var next = clock + 60
                while next + 900 <= limit, !hours.isOpen(at: Date(timeIntervalSince1970: next + 900)) { next += 900 }
                clock = next
            } else {
                clock += 60
            }
            step(at: clock)
        }
    }

    private func step(at t: Double) {
        let instant = Date(timeIntervalSince1970: t)
        let arrived = centre.received(from: judged, through: instant)
        judged += arrived.count
        for (m, diagnoses, plan) in arrived { judge(m, diagnoses: diagnoses, plan: plan, at: instant) }
        // A message from a patient with nothing open is an item of its own, with the key a workstation gives it.
        let written = messages.fromPatients(from: messagesSeen, through: instant)
        messagesSeen = written.next
        for resource in written.messages {
            // The simulator's own messages always map; one that did not would only go unhandled by colleagues.
            guard let message = try? CommunicationMapping.message(from: resource) else { continue }
            if open[message.patientID] == nil {
                open[message.patientID] = Alert.forMessage(message)
            } else {
                unread[message.patientID] = message // an item of its own once the open alert is resolved
            }
        }
        let isOpen = hours.isOpen(at: instant)
        for index in nurses.indices {
            if let holding = nurses[index].holding, t >= holding.doneAt {
                resolve(holding.key, patientID: holding.patientID, by: nurses[index].id, at: instant)
                nurses[index].holding = nil
            }
            guard isOpen, nurses[index].holding == nil,
                  Double.random(in: 0..<1, using: &rng) < 1 / Self.minutesBetweenAlerts else { continue }
            nurses[index].holding = claimNext(by: nurses[index].id, at: instant)
        }
    }

    private func judge(_ m: HomeMeasurement, diagnoses: [Diagnosis], plan: SelfCarePlan?, at now: Date) {
        guard m.status.counts else { return }
        let recent = weights[m.patientID] ?? []
        if m.kind == .bodyWeight { weights[m.patientID] = (recent + [m]).suffix(14) }
        guard now.timeIntervalSince(m.effective) <= triage.window,
              let finding = triage.finding(m, diagnoses: diagnoses, plan: plan, recentWeights: recent) else { return }
        // A late upload measured before the alert opened names it, as on a workstation, until its Task exists.
        func named(_ alert: Alert) -> Alert {
            guard tasks.get(TaskMapping.taskID(alert.key)) == nil else { return alert }
            return alert.named(byEarlier: m, finding: finding) ?? alert
        }
        switch triage.evaluate(m, diagnoses: diagnoses, plan: plan, recentWeights: recent, openAlert: open[m.patientID], now: now) {
        case .open(let alert): open[m.patientID] = alert
        case .escalate(let alert): open[m.patientID] = named(alert)
        case .none: if let alert = open[m.patientID] { open[m.patientID] = named(alert) }
        }
    }

    /// The worst, longest-waiting alert nobody holds, claimed with a conditional update; nil when none
    /// is left or the operator got there first.
    private func claimNext(by nurse: String, at now: Date) -> (key: String, patientID: String, doneAt: Double)? {
        var passed = Set(nurses.compactMap { $0.holding?.key })
        // Worst first, longest waiting next; a message that has waited half a service day ranks with the yellows.
        func rank(_ alert: Alert) -> Int {
            alert.zone == .green && now.timeIntervalSince(alert.openedAt) > 4 * 3600 ? Zone.yellow.rawValue : alert.zone.rawValue
        }
        func first(_ a: Alert, _ b: Alert) -> Bool { rank(a) != rank(b) ? rank(a) > rank(b) : a.openedAt < b.openedAt }
        while var alert = open.values.lazy.filter({ !passed.contains($0.key) }).min(by: first) {
            passed.insert(alert.key)
            let id = TaskMapping.taskID(alert.key)
            let current = tasks.get(id)
            if let current, let state = TaskMapping.state(of: current.task), state.owner != nil || state.resolved {
                if state.resolved { open[alert.patientID] = nil }
                continue // somebody at a workstation has it
            }
            alert.owner = nurse
            let result = tasks.put(id, TaskMapping.task(from: alert), ifMatch: current?.version, ifNoneMatch: current == nil, at: now)
            guard case .stored = result else { continue }
            let minutes = alert.zone == .red ? Double.random(in: 8...30, using: &rng) : Double.random(in: 4...15, using: &rng)
            return (alert.key, alert.patientID, now.timeIntervalSince1970 + minutes * 60)
        }
        return nil
    }

    private func resolve(_ key: String, patientID: String, by nurse: String, at now: Date) {
        let id = TaskMapping.taskID(key)
        guard var alert = open[patientID], alert.key == key else { return }
        open[patientID] = unread.removeValue(forKey: patientID).map(Alert.forMessage)
        // Taken over or resolved at a workstation meanwhile: theirs stands.
        guard let current = tasks.get(id), let state = TaskMapping.state(of: current.task), state.owner == nurse, !state.resolved else { return }
        alert.owner = nurse
        alert.status = .resolved
        let (outcome, note) = Self.outcome(for: alert.zone, &rng)
        alert.outcome = outcome
        alert.note = note
        _ = tasks.put(id, TaskMapping.task(from: alert), ifMatch: current.version, ifNoneMatch: false, at: now)
    }

    /// What a nurse did, in the proportions a centre's log shows (see the Manual's "Den simulerte sentralen").
    static func outcome(for zone: Zone, _ rng: inout SeededRandom) -> (HandlingOutcome, String) {
        let roll = Double.random(in: 0..<1, using: &rng)
        if zone == .green { return (.contactedPatient, "Svart pasienten på telefon.") }
        if zone == .red {
            switch roll {
            case ..<0.45: return (.contactedPatient, "Ringt pasienten, fulgt planen for rødt.")
            case ..<0.70: return (.contactedGP, "Fastlegen kontaktet, vurderes i dag.")
            case ..<0.85: return (.advisedPerPlan, "Rådet etter planen, ny måling i kveld.")
            case ..<0.95: return (.referredEmergency, "Henvist legevakt.")
            default: return (.measurementError, "Feilmåling, ny måling normal.")
            }
        }
        switch roll {
        case ..<0.40: return (.advisedPerPlan, "Rådet etter planen.")
        case ..<0.70: return (.contactedPatient, "Ringt pasienten, følger med.")
        case ..<0.90: return (.askedToRemeasure, "Bedt om ny måling.")
        default: return (.noActionNeeded, "Kjent for oss, ingen tiltak.")
        }
    }
}
