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
        let byMunicipality = Dictionary(grouping: alerts, by: \.municipality)
        var rows = population.map { people in
            row(people.municipality, people: [people], alerts: byMunicipality[people.municipality] ?? [], since: since,
                now: now, windows: windowStart, service: service, hours: hours, targets: targets)
        }
        rows.sort { ($0.openRed, $0.overdue, $0.patients, $1.municipality) > ($1.openRed, $1.overdue, $1.patients, $0.municipality) }
        let total = row("", people: population, alerts: alerts, since: since, now: now, windows: windowStart,
                        service: service, hours: hours, targets: targets)
        return CaseloadReport(total: total, municipalities: rows, nurses: nurses(alerts, since: since, staffing: staffing),
                              staffing: staffing, since: since, now: now)
    }

    static func row(_ municipality: String, people: [CaseloadPopulation], alerts: [CaseloadAlert], since: Date, now: Date,
                    windows: [CaseloadWindow: Date], service: ServiceCalendar, hours: ServiceHours,
                    targets: ResponseTargets) -> CaseloadRow {
        var diagnoses: [Diagnosis: Int] = [:]
        for group in people { diagnoses.merge(group.byDiagnosis, uniquingKeysWith: +) }
        var row = CaseloadRow(municipality: municipality, patients: people.reduce(0) { $0 + $1.patients },
                              byDiagnosis: diagnoses, messagesWaiting: people.reduce(0) { $0 + $1.messagesWaiting })
        for alert in alerts where alert.isOpen {
            switch alert.zone {
            case .red: row.openRed += 1
            case .yellow: row.openYellow += 1
            case .green: row.openRoutine += 1
            }
            if isOverdue(alert, now: now, service: service, hours: hours, targets: targets) { row.overdue += 1 }
        }
        for window in CaseloadWindow.allCases {
            let start = windows[window] ?? since
            let inWindow = alerts.filter { $0.openedAt >= start }
            row.toClaim[window] = ResponseTimes(inWindow.compactMap { alert in
                alert.claimedAt.map { service.serviceTime(from: alert.openedAt, to: $0) }
            })
            row.toResolve[window] = ResponseTimes(inWindow.compactMap { alert in
                alert.resolvedAt.map { service.serviceTime(from: alert.openedAt, to: $0) }
            })
        }
        let withPlan = people.reduce(0) { $0 + $1.withPlan }
        if withPlan > 0 {
            let missed = Set(alerts.filter { $0.basis == .missingMeasurement && $0.openedAt >= since }.map(\.patientID))
            row.missingRate = Double(missed.count) / Double(withPlan)
        }
        return row
    }

    /// The same rule as the queue's, on the precomputed calendar.
    static func isOverdue(_ alert: CaseloadAlert, now: Date, service: ServiceCalendar, hours: ServiceHours,
                          targets: ResponseTargets) -> Bool {
        switch alert.zone {
        case .red: service.serviceTime(from: alert.raisedAt, to: now) > targets.red
        case .yellow: service.serviceTime(from: alert.raisedAt, to: now) > targets.yellow
        case .green: now > hours.closingTime(onOrAfter: alert.raisedAt)
        }
    }

    static func nurses(_ alerts: [CaseloadAlert], since: Date, staffing: Staffing) -> [NurseLoad] {
        var loads: [String: NurseLoad] = [:]
        func load(_ nurse: String) -> NurseLoad { loads[nurse] ?? NurseLoad(nurse: nurse, fte: staffing.fte[nurse]) }
        for alert in alerts {
            if let nurse = alert.claimedBy, let at = alert.claimedAt, at >= since {
                var entry = load(nurse)
                entry.claimed += 1
                loads[nurse] = entry
            }
            if let nurse = alert.resolvedBy, let at = alert.resolvedAt, at >= since {
                var entry = load(nurse)
                entry.resolved += 1
                loads[nurse] = entry
            }
            if alert.isOpen, let owner = alert.owner {
                var entry = load(owner)
                entry.openClaims += 1
                loads[owner] = entry
            }
        }
        for nurse in staffing.fte.keys where loads[nurse] == nil { loads[nurse] = load(nurse) }
        return loads.values.sorted { ($0.resolved, $0.claimed, $1.nurse) > ($1.resolved, $1.claimed, $0.nurse) }
    }
}

/// Small numbers that could point at a person are not given out: 1–4 is written "<5".
public enum Suppression {
    public static let threshold = 5

    public static func count(_ value: Int) -> String {
        value > 0 && value < threshold ? "<\(threshold)" : String(value)
    }

    /// A response time is given only when it rests on enough alerts.
    public static func time(_ times: ResponseTimes?, _ pick: (ResponseTimes) -> TimeInterval?) -> TimeInterval? {
        guard let times, times.count >= threshold else { return nil }
        return pick(times)
    }
}
