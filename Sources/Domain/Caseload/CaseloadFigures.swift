import Foundation

/// Computes the caseload figures from alerts, their claim and resolve times and the population:
/// pure, so every figure is table-tested. Response times count service hours only.
public enum CaseloadFigures {
    public static func report(alerts: [CaseloadAlert], population: [CaseloadPopulation], since: Date, now: Date,
                              hours: ServiceHours = ServiceHours(), targets: ResponseTargets = ResponseTargets(),
                              staffing: Staffing = Staffing()) -> CaseloadReport {
        report(history: CaseloadHistory(alerts), population: population, since: since, now: now, hours: hours,
               targets: targets, staffing: staffing)
    }

    public static func report(history: CaseloadHistory, population: [CaseloadPopulation], since: Date, now: Date,
                              hours: ServiceHours = ServiceHours(), targets: ResponseTargets = ResponseTargets(),
                              staffing: Staffing = Staffing()) -> CaseloadReport {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = hours.timeZone
        let windowStart: [CaseloadWindow: Date] = [
            .today: calendar.startOfDay(for: now),
            .week: now.addingTimeInterval(-7 * 86_400),
            .month: now.addingTimeInterval(-30 * 86_400),
        ]
        let firstOpened = history.parts.compactMap { $0.lazy.map(\.openedAt).min() }.min().map(Date.init(timeIntervalSince1970:))
        let earliest = min(since, firstOpened ?? since, windowStart[.month] ?? since)
        let service = ServiceCalendar(hours: hours, from: earliest.addingTimeInterval(-86_400), to: now.addingTimeInterval(86_400))
        let clock = Clock(since: since.timeIntervalSince1970, now: now.timeIntervalSince1970,
                          windows: CaseloadWindow.allCases.map { (windowStart[$0] ?? since).timeIntervalSince1970 })
        // Each alert's response times are worked out once and counted for its municipality and the
        // total, in a few parts side by side whose tallies are then added up in order.
        let (tallies, all) = tally(history, clock: clock, service: service, hours: hours, targets: targets)
        let positions = Dictionary(history.municipalities.enumerated().map { ($1, $0) }) { first, _ in first }
        // The total's percentiles are over every alert: worked out beside the municipalities' rows.
        let rowParts = SideBySide<[CaseloadRow]>.all(2) { part in
            part == 0 ? [row("", people: population, tally: all, clock: clock)] : population.map { people in
                row(people.municipality, people: [people], tally: positions[people.municipality].map { tallies[$0] } ?? Tally(), clock: clock)
            }
        }
        let rows = rowParts[1].sorted {
            ($0.openRed, $0.overdue, $0.patients, $1.municipality) > ($1.openRed, $1.overdue, $1.patients, $0.municipality)
        }
        return CaseloadReport(total: rowParts[0][0], municipalities: rows,
                              nurses: nurses(history, since: clock.since, staffing: staffing),
                              staffing: staffing, since: since, now: now)
    }

    /// The tallies per municipality position and for the whole centre.
    static func tally(_ history: CaseloadHistory, clock: Clock, service: ServiceCalendar, hours: ServiceHours,
                      targets: ResponseTargets) -> (municipalities: [Tally], all: Tally) {
        let municipalities = history.municipalities.count
        // Each part as read, cut so that there is work for every core.
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let pieces = history.parts.flatMap { entries in
            let count = max(1, min(cores, entries.count / 10_000))
            return (0..<count).map { entries[(entries.count * $0 / count)..<(entries.count * ($0 + 1) / count)] }
        }
        let partial = SideBySide<([Tally], Tally)>.all(pieces.count) { piece in
            var tallies = [Tally](repeating: Tally(), count: municipalities)
            var all = Tally()
            for entry in pieces[piece] {
                let toClaim = entry.claimedAt.map { service.serviceTime(from: entry.openedAt, to: $0) }
                let toResolve = entry.resolvedAt.map { service.serviceTime(from: entry.openedAt, to: $0) }
                let overdue = entry.isOpen && isOverdue(entry, now: clock.now, service: service, hours: hours, targets: targets)
                tallies[Int(entry.municipality)].count(entry, toClaim: toClaim, toResolve: toResolve, overdue: overdue, clock: clock)
                all.count(entry, toClaim: toClaim, toResolve: toResolve, overdue: overdue, clock: clock)
            }
            return (tallies, all)
        }
        var (tallies, all) = partial[0]
        for (more, moreAll) in partial.dropFirst() {
            for position in tallies.indices { tallies[position].add(more[position]) }
            all.add(moreAll)
        }
        return (tallies, all)
    }

    /// The report's instants in seconds since 1970; `windows` are the starts of the response-time windows.
    struct Clock {
        var since: TimeInterval
        var now: TimeInterval
        var windows: [TimeInterval]
        /// The start of the longest window: alerts opened before it have no response time counted.
        var earliestWindow: TimeInterval

        init(since: TimeInterval, now: TimeInterval, windows: [TimeInterval]) {
            self.since = since
            self.now = now
            self.windows = windows
            earliestWindow = windows.min() ?? now
        }
    }

    /// What a municipality's (or the centre's) alerts add up to, before the percentiles are taken.
    struct Tally {
        var openRed = 0, openYellow = 0, openRoutine = 0, overdue = 0
        /// The response times of the alerts opened in any window, once each: split by window when the row is made.
        var responses: [Response] = []
        /// The patients of missing-measurement alerts in the period, with repeats (counted once in `missedPatients`).
        var missed: [Int] = []

        /// One alert's response times; NaN where it was not (yet) claimed or resolved, which keeps the
        /// list at three numbers an alert.
        struct Response {
            var openedAt: TimeInterval
            var toClaim: TimeInterval
            var toResolve: TimeInterval
        }

        /// How many different patients missed a measurement.
        var missedPatients: Int {
            var patients = missed
            patients.sort()
            return patients.indices.reduce(0) { count, index in index == 0 || patients[index] != patients[index - 1] ? count + 1 : count }
        }

        /// Adds another part's tally of other alerts to this one.
        mutating func add(_ other: Tally) {
            openRed += other.openRed
            openYellow += other.openYellow
            openRoutine += other.openRoutine
            overdue += other.overdue
            responses.append(contentsOf: other.responses)
            missed.append(contentsOf: other.missed)
        }

        mutating func count(_ entry: CaseloadHistory.Entry, toClaim: TimeInterval?, toResolve: TimeInterval?, overdue: Bool,
                            clock: Clock) {
            if entry.isOpen {
                switch entry.zone {
                case .red: openRed += 1
                case .yellow: openYellow += 1
                case .green: openRoutine += 1
                }
                if overdue { self.overdue += 1 }
            }
            if entry.openedAt >= clock.earliestWindow, toClaim != nil || toResolve != nil {
                responses.append(Response(openedAt: entry.openedAt, toClaim: toClaim ?? .nan, toResolve: toResolve ?? .nan))
            }
            if entry.missingMeasurement, entry.openedAt >= clock.since { missed.append(entry.patient) }
        }

        /// The times to claim and to resolve of the alerts opened since `start`.
        func times(since start: TimeInterval) -> (toClaim: [TimeInterval], toResolve: [TimeInterval]) {
            var claims: [TimeInterval] = [], resolutions: [TimeInterval] = []
            claims.reserveCapacity(responses.count)
            resolutions.reserveCapacity(responses.count)
            for response in responses where response.openedAt >= start {
                if !response.toClaim.isNaN { claims.append(response.toClaim) }
                if !response.toResolve.isNaN { resolutions.append(response.toResolve) }
            }
            return (claims, resolutions)
        }
    }

    static func row(_ municipality: String, people: [CaseloadPopulation], tally: Tally, clock: Clock) -> CaseloadRow {
        var diagnoses: [Diagnosis: Int] = [:]
        for group in people { diagnoses.merge(group.byDiagnosis, uniquingKeysWith: +) }
        var row = CaseloadRow(municipality: municipality, patients: people.reduce(0) { $0 + $1.patients },
                              byDiagnosis: diagnoses, messagesWaiting: people.reduce(0) { $0 + $1.messagesWaiting })
        row.openRed = tally.openRed
        row.openYellow = tally.openYellow
        row.openRoutine = tally.openRoutine
        row.overdue = tally.overdue
        for (position, window) in CaseloadWindow.allCases.enumerated() {
            let (claims, resolutions) = tally.times(since: clock.windows[position])
            row.toClaim[window] = ResponseTimes(claims)
            row.toResolve[window] = ResponseTimes(resolutions)
        }
        let withPlan = people.reduce(0) { $0 + $1.withPlan }
        let missed = tally.missedPatients
        row.missedPatients = missed
        row.patientsWithPlan = withPlan
        if withPlan > 0 { row.missingRate = Double(missed) / Double(withPlan) }
        return row
    }

    /// The same rule as the queue's, on the precomputed calendar.
    static func isOverdue(_ entry: CaseloadHistory.Entry, now: TimeInterval, service: ServiceCalendar, hours: ServiceHours,
                          targets: ResponseTargets) -> Bool {
        switch entry.zone {
        case .red: service.serviceTime(from: entry.raisedAt, to: now) > targets.red
        case .yellow: service.serviceTime(from: entry.raisedAt, to: now) > targets.yellow
        case .green:
            now > (service.closingTime(onOrAfter: entry.raisedAt)
                ?? hours.closingTime(onOrAfter: Date(timeIntervalSince1970: entry.raisedAt)).timeIntervalSince1970)
        }
    }

    /// Claims and resolutions in the period per nurse, counted by position, and the open alerts each has.
    static func nurses(_ history: CaseloadHistory, since: TimeInterval, staffing: Staffing) -> [NurseLoad] {
        var loads = history.nurses.map { NurseLoad(nurse: $0) }
        for entry in history.parts.joined() {
            if entry.claimedBy >= 0, let at = entry.claimedAt, at >= since { loads[Int(entry.claimedBy)].claimed += 1 }
            if entry.resolvedBy >= 0, let at = entry.resolvedAt, at >= since { loads[Int(entry.resolvedBy)].resolved += 1 }
            if entry.isOpen, entry.owner >= 0 { loads[Int(entry.owner)].openClaims += 1 }
        }
        var byNurse: [String: NurseLoad] = [:]
        for var load in loads where load.claimed + load.resolved + load.openClaims > 0 {
            load.fte = staffing.fte[load.nurse]
            byNurse[load.nurse] = load
        }
        for (nurse, fte) in staffing.fte where byNurse[nurse] == nil { byNurse[nurse] = NurseLoad(nurse: nurse, fte: fte) }
        return byNurse.values.sorted { ($0.resolved, $0.claimed, $1.nurse) > ($1.resolved, $1.claimed, $0.nurse) }
    }
}

/// Small numbers that could point at a person are not given out: 1–4 is written "<5".
public enum Suppression {
    public static let threshold = 5

    public static func count(_ value: Int) -> String {
        value > 0 && value < threshold ? "<\(threshold)" : String(value)
    }

    /// A share of patients in percent, given only when it rests on at least five patients, and
    /// written "<5" when one to four patients are behind it ("1 %" of 200 would give the 2 away).
    public static func share(_ part: Int, of whole: Int) -> String {
        guard whole >= threshold else { return "–" }
        if part > 0, part < threshold { return "<\(threshold)" }
        return "\(Int((Double(part) / Double(whole) * 100).rounded())) %"
    }

    /// A response time is given only when it rests on enough alerts.
    public static func time(_ times: ResponseTimes?, _ pick: (ResponseTimes) -> TimeInterval?) -> TimeInterval? {
        guard let times, times.count >= threshold else { return nil }
        return pick(times)
    }
}
