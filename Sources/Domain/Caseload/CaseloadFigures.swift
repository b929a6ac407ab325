import Foundation

/// Computes the caseload figures from alerts, their claim and resolve times and the population:
/// pure, so every figure is table-tested. Response times count service hours only.
public enum CaseloadFigures {
    public static func report(alerts: [CaseloadAlert], population: [CaseloadPopulation], since: Date, now: Date,
                              hours: ServiceHours = ServiceHours(), targets: ResponseTargets = ResponseTargets(),
                              staffing: Staffing = Staffing()) -> CaseloadReport {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = hours.timeZone
        let windowStart: [CaseloadWindow: Date] = [
            .today: calendar.startOfDay(for: now),
            .week: now.addingTimeInterval(-7 * 86_400),
            .month: now.addingTimeInterval(-30 * 86_400),
        ]
        let earliest = min(since, alerts.map(\.openedAt).min() ?? since, windowStart[.month] ?? since)
        let service = ServiceCalendar(hours: hours, from: earliest.addingTimeInterval(-86_400), to: now.addingTimeInterval(86_400))
        // Each alert's response times are worked out once, then shared by its municipality and the total;
        // municipalities take their alerts by position rather than as copies.
        let timed = alerts.map { alert in
            Timed(toClaim: alert.claimedAt.map { service.serviceTime(from: alert.openedAt, to: $0) },
                  toResolve: alert.resolvedAt.map { service.serviceTime(from: alert.openedAt, to: $0) },
                  overdue: alert.isOpen && isOverdue(alert, now: now, service: service, hours: hours, targets: targets))
        }
        var indexes: [String: [Int]] = [:]
        for (index, alert) in alerts.enumerated() { indexes[alert.municipality, default: []].append(index) }
        var rows = population.map { people in
            row(people.municipality, people: [people], alerts: alerts, timed: timed, members: indexes[people.municipality] ?? [],
                since: since, windows: windowStart)
        }
        rows.sort { ($0.openRed, $0.overdue, $0.patients, $1.municipality) > ($1.openRed, $1.overdue, $1.patients, $0.municipality) }
        let total = row("", people: population, alerts: alerts, timed: timed, members: Array(alerts.indices), since: since,
                        windows: windowStart)
        return CaseloadReport(total: total, municipalities: rows, nurses: nurses(alerts, since: since, staffing: staffing),
                              staffing: staffing, since: since, now: now)
    }

    /// An alert's response times in service seconds and whether it is overdue now (by the alert's position).
    struct Timed {
        var toClaim: TimeInterval?
        var toResolve: TimeInterval?
        var overdue: Bool
    }

    static func row(_ municipality: String, people: [CaseloadPopulation], alerts: [CaseloadAlert], timed: [Timed],
                    members: [Int], since: Date, windows: [CaseloadWindow: Date]) -> CaseloadRow {
        var diagnoses: [Diagnosis: Int] = [:]
        for group in people { diagnoses.merge(group.byDiagnosis, uniquingKeysWith: +) }
        var row = CaseloadRow(municipality: municipality, patients: people.reduce(0) { $0 + $1.patients },
                              byDiagnosis: diagnoses, messagesWaiting: people.reduce(0) { $0 + $1.messagesWaiting })
        // Arrays by window position, and rows read in place: this loop runs over every alert twice.
        let windowList = CaseloadWindow.allCases
        let starts = windowList.map { (windows[$0] ?? since).timeIntervalSince1970 }
        var claims = [[TimeInterval]](repeating: [], count: windowList.count)
        var resolutions = [[TimeInterval]](repeating: [], count: windowList.count)
        var missed = Set<String>()
        let sinceSeconds = since.timeIntervalSince1970
        for index in members {
            if alerts[index].isOpen {
                switch alerts[index].zone {
                case .red: row.openRed += 1
                case .yellow: row.openYellow += 1
                case .green: row.openRoutine += 1
                }
                if timed[index].overdue { row.overdue += 1 }
            }
            let opened = alerts[index].openedAt.timeIntervalSince1970
            for window in starts.indices where opened >= starts[window] {
                if let claim = timed[index].toClaim { claims[window].append(claim) }
                if let resolve = timed[index].toResolve { resolutions[window].append(resolve) }
            }
            if alerts[index].basis == .missingMeasurement, opened >= sinceSeconds { missed.insert(alerts[index].patientID) }
        }
        for (position, window) in windowList.enumerated() {
            row.toClaim[window] = ResponseTimes(claims[position])
            row.toResolve[window] = ResponseTimes(resolutions[position])
        }
        let withPlan = people.reduce(0) { $0 + $1.withPlan }
        row.missedPatients = missed.count
        row.patientsWithPlan = withPlan
        if withPlan > 0 { row.missingRate = Double(missed.count) / Double(withPlan) }
        return row
    }

    /// The same rule as the queue's, on the precomputed calendar.
    static func isOverdue(_ alert: CaseloadAlert, now: Date, service: ServiceCalendar, hours: ServiceHours,
                          targets: ResponseTargets) -> Bool {
        switch alert.zone {
        case .red: service.serviceTime(from: alert.raisedAt, to: now) > targets.red
        case .yellow: service.serviceTime(from: alert.raisedAt, to: now) > targets.yellow
        case .green: now > (service.closingTime(onOrAfter: alert.raisedAt) ?? hours.closingTime(onOrAfter: alert.raisedAt))
        }
    }

    static func nurses(_ alerts: [CaseloadAlert], since: Date, staffing: Staffing) -> [NurseLoad] {
        var loads: [String: NurseLoad] = [:]
        // Changed in place: one lookup per step, not a read and a write.
        for alert in alerts {
            if let nurse = alert.claimedBy, let at = alert.claimedAt, at >= since {
                loads[nurse, default: NurseLoad(nurse: nurse, fte: staffing.fte[nurse])].claimed += 1
            }
            if let nurse = alert.resolvedBy, let at = alert.resolvedAt, at >= since {
                loads[nurse, default: NurseLoad(nurse: nurse, fte: staffing.fte[nurse])].resolved += 1
            }
            if alert.isOpen, let owner = alert.owner {
                loads[owner, default: NurseLoad(nurse: owner, fte: staffing.fte[owner])].openClaims += 1
            }
        }
        for (nurse, fte) in staffing.fte where loads[nurse] == nil { loads[nurse] = NurseLoad(nurse: nurse, fte: fte) }
        return loads.values.sorted { ($0.resolved, $0.claimed, $1.nurse) > ($1.resolved, $1.claimed, $0.nurse) }
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
