import Foundation
import Testing
import VardeDomain

/// Norwegian time on a day of November 2026 (23 is a Monday).
private func at(_ day: Int, _ hour: Int, _ minute: Int = 0) -> Date {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "Europe/Oslo")!
    return calendar.date(from: DateComponents(year: 2026, month: 11, day: day, hour: hour, minute: minute))!
}

/// Every caseload figure from a small, hand-made week.
struct CaseloadFiguresTests {
    let now = at(27, 12)

    func alert(_ patient: String, in municipality: String = "1804", zone: Zone = .red, basis: Judgement.Basis = .plan,
               open: Bool = false, opened: Date, claimed: (Date, String)? = nil, resolved: (Date, String)? = nil,
               owner: String? = nil) -> CaseloadAlert {
        CaseloadAlert(patientID: patient, municipality: municipality, zone: zone, basis: basis, isOpen: open, openedAt: opened,
                      raisedAt: opened, owner: owner, claimedAt: claimed?.0, claimedBy: claimed?.1,
                      resolvedAt: resolved?.0, resolvedBy: resolved?.1)
    }

    @Test func openAlertsAreCountedByZoneAndOverdueOnesAreCounted() {
        let alerts = [
            alert("a", open: true, opened: at(27, 11, 50)),                        // red, 10 min: in time
            alert("b", open: true, opened: at(27, 11)),                             // red, 60 min: overdue
            alert("c", zone: .yellow, open: true, opened: at(27, 9)),               // yellow, 3 h: in time
            alert("d", zone: .green, basis: .message, open: true, opened: at(27, 8)), // routine: until 15:30
            alert("e", opened: at(26, 9), resolved: (at(26, 9, 20), "kari")),       // resolved: not open
        ]
        let report = CaseloadFigures.report(alerts: alerts, population: [CaseloadPopulation(municipality: "1804", patients: 40)],
                                            since: at(20, 12), now: now)
        let row = report.total
        #expect(row.openRed == 2)
        #expect(row.openYellow == 1)
        #expect(row.openRoutine == 1)
        #expect(row.overdue == 1)
    }

    @Test func responseTimesCountServiceHoursOnlyWithMedianAndNinetiethPercentile() {
        // Opened Friday 15:00, claimed Monday 08:30: 30 min on Friday + 30 min on Monday = 60 service minutes.
        let overWeekend = alert("w", opened: at(20, 15), claimed: (at(23, 8, 30), "ola"))
        var alerts = [overWeekend]
        for (index, minutes) in [5, 10, 15, 20, 25, 30, 35, 40, 45].enumerated() {
            alerts.append(alert("p\(index)", opened: at(25, 10), claimed: (at(25, 10, minutes), "kari"),
                                resolved: (at(25, 10, minutes + 30), "kari")))
        }
        let report = CaseloadFigures.report(alerts: alerts, population: [CaseloadPopulation(municipality: "1804", patients: 40)],
                                            since: at(20, 12), now: now)
        let month = report.total.toClaim[.month]
        #expect(month?.count == 10)
        #expect(month?.median?.rounded() == TimeInterval(25 * 60))
        #expect(month?.p90?.rounded() == TimeInterval(45 * 60))
        #expect(report.total.toClaim[.week]?.count == 10)
        #expect(report.total.toResolve[.month]?.count == 9)
        #expect(report.total.toResolve[.month]?.median?.rounded() == TimeInterval(55 * 60))
        let weekend = CaseloadFigures.report(alerts: [overWeekend], population: [], since: at(20, 12), now: now)
        #expect(weekend.total.toClaim[.month]?.median?.rounded() == TimeInterval(60 * 60), "nights and the weekend do not count")
        #expect(report.total.toClaim[.today]?.count == 0)
    }

    @Test func windowsTakeTheAlertsOpenedInThem() {
        let alerts = [alert("t", opened: at(27, 9), claimed: (at(27, 9, 10), "kari")),
                      alert("w", opened: at(23, 9), claimed: (at(23, 9, 20), "kari")),
                      alert("m", opened: at(5, 9), claimed: (at(5, 9, 30), "kari"))]
        let report = CaseloadFigures.report(alerts: alerts, population: [], since: at(1, 0), now: now)
        #expect(report.total.toClaim[.today]?.count == 1)
        #expect(report.total.toClaim[.week]?.count == 2)
        #expect(report.total.toClaim[.month]?.count == 3)
    }

    @Test func municipalitiesArePerMunicipalityAndSortedWorstFirstAndTheTotalAddsUp() {
        let population = [CaseloadPopulation(municipality: "1804", patients: 30, byDiagnosis: [.copd: 20, .heartFailure: 12],
                                             withPlan: 20, messagesWaiting: 2),
                          CaseloadPopulation(municipality: "5001", patients: 12, byDiagnosis: [.copd: 3], withPlan: 10)]
        let alerts = [alert("x", in: "5001", open: true, opened: at(27, 11, 55)),
                      alert("m1", in: "1804", zone: .green, basis: .missingMeasurement, opened: at(24, 10)),
                      alert("m1", in: "1804", zone: .green, basis: .missingMeasurement, opened: at(25, 10)),
                      alert("m2", in: "1804", zone: .green, basis: .missingMeasurement, opened: at(26, 10))]
        let report = CaseloadFigures.report(alerts: alerts, population: population, since: at(20, 12), now: now)
        #expect(report.municipalities.map(\.municipality) == ["5001", "1804"], "open red first")
        #expect(report.total.patients == 42)
        #expect(report.total.byDiagnosis[.copd] == 23)
        #expect(report.total.messagesWaiting == 2)
        let bodø = report.municipalities[1]
        #expect(bodø.missingRate == 2.0 / 20.0, "patients who missed, not misses")
        #expect(bodø.missedPatients == 2 && bodø.patientsWithPlan == 20)
        #expect(report.municipalities[0].missingRate == 0)
        #expect(report.total.missedPatients == 2 && report.total.patientsWithPlan == 30)
    }

    @Test func nursesClaimResolveAndHoldAndTheLoadIsMeasuredAgainstTheGuideline() {
        let alerts = [alert("a", opened: at(25, 9), claimed: (at(25, 9, 5), "kari"), resolved: (at(25, 9, 30), "kari")),
                      alert("b", open: true, opened: at(26, 9), claimed: (at(26, 9, 5), "ola"), owner: "ola"),
                      alert("c", opened: at(1, 9), claimed: (at(1, 9, 5), "kari"), resolved: (at(1, 9, 30), "kari"))]
        let staffing = Staffing(fte: ["kari": 1.0, "ola": 0.5, "per": 0.6], patientsPerFTE: 80)
        let report = CaseloadFigures.report(alerts: alerts, population: [CaseloadPopulation(municipality: "1804", patients: 200)],
                                            since: at(20, 12), now: now, staffing: staffing)
        let kari = report.nurses.first { $0.nurse == "kari" }
        #expect(kari?.claimed == 1 && kari?.resolved == 1, "only what happened in the period")
        #expect(report.nurses.first { $0.nurse == "ola" }?.openClaims == 1)
        #expect(report.nurses.contains { $0.nurse == "per" && $0.claimed == 0 && $0.fte == 0.6 }, "staff with nothing yet still listed")
        #expect(report.patientsPerFTE == 200 / 2.1)
        #expect(report.overGuideline)
        #expect(CaseloadFigures.report(alerts: [], population: [], since: at(20, 12), now: now).patientsPerFTE == nil)
    }

    @Test(arguments: [(0, "0"), (1, "<5"), (4, "<5"), (5, "5"), (123, "123")])
    func smallCountsAreSuppressed(value: Int, shown: String) {
        #expect(Suppression.count(value) == shown)
    }

    /// A share hides a count: 2 of 200 patients is "1 %", which gives the 2 away.
    @Test(arguments: [(0, 200, "0 %"), (2, 200, "<5"), (4, 10, "<5"), (5, 10, "50 %"), (200, 200, "100 %"),
                      (3, 4, "–"), (0, 4, "–"), (0, 0, "–")])
    func sharesRestingOnOneToFourPatientsAreSuppressed(part: Int, whole: Int, shown: String) {
        #expect(Suppression.share(part, of: whole) == shown)
    }

    @Test func anAlertOpenedBeforeThePeriodButHandledInItCountsForTheNurseNotForTheWindows() {
        let old = alert("o", opened: at(10, 9), claimed: (at(23, 9), "kari"), resolved: (at(23, 10), "kari"))
        let report = CaseloadFigures.report(alerts: [old], population: [], since: at(20, 12), now: now)
        #expect(report.nurses.first { $0.nurse == "kari" }.map { ($0.claimed, $0.resolved) } ?? (0, 0) == (1, 1))
        #expect(report.total.toClaim[.week]?.count == 0, "response times belong to the window the alert opened in")
        #expect(report.total.toClaim[.month]?.count == 1)
    }

    @Test func anAlertThatEscalatedIsTimedFromWhenItOpened() {
        // Yellow at 09:00, taken at 09:20, red at 09:40: it waited 20 minutes, not "minus 20".
        var escalated = alert("e", zone: .red, opened: at(25, 9), claimed: (at(25, 9, 20), "kari"))
        escalated.raisedAt = at(25, 9, 40)
        let report = CaseloadFigures.report(alerts: [escalated], population: [], since: at(20, 12), now: now)
        #expect(report.total.toClaim[.week]?.median?.rounded() == TimeInterval(20 * 60))
    }

    @Test func responseTimesFromFewerThanFiveAlertsAreNotGivenOut() {
        #expect(Suppression.time(ResponseTimes([60, 120, 180, 240]), \.median) == nil)
        #expect(Suppression.time(ResponseTimes([60, 120, 180, 240, 300]), \.median) == 180)
    }

    @Test func aLargeCentreCountedInPartsSideBySideGivesEachMunicipalityItsOwnFigures() {
        // 27,000 alerts are tallied in parts side by side; one municipality's 9,000 alone in one part.
        var seed: UInt64 = 7
        func next(_ bound: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(seed >> 33) % bound
        }
        let municipalities = ["1804", "1840", "5501"]
        let alerts = (0..<27_000).map { index -> CaseloadAlert in
            let opened = at(27, 12).addingTimeInterval(-Double(next(30 * 86_400)))
            let open = next(10) == 0
            let claimed = open && next(2) == 0 ? nil : (opened.addingTimeInterval(Double(60 + next(14_400))), "nurse\(next(7))")
            let resolved = open ? nil : claimed.map { ($0.0.addingTimeInterval(Double(60 + next(7_200))), "nurse\(next(7))") }
            return alert("p\(next(3_000))", in: municipalities[index % 3], zone: [.red, .yellow, .green][next(3)],
                         basis: next(5) == 0 ? .missingMeasurement : .plan, open: open, opened: opened, claimed: claimed,
                         resolved: resolved, owner: open ? claimed?.1 : nil)
        }
        let population = municipalities.map { CaseloadPopulation(municipality: $0, patients: 1_000, withPlan: 900) }
        let whole = CaseloadFigures.report(alerts: alerts, population: population, since: at(20, 12), now: now)
        for municipality in municipalities {
            let alone = CaseloadFigures.report(alerts: alerts.filter { $0.municipality == municipality },
                                               population: population.filter { $0.municipality == municipality },
                                               since: at(20, 12), now: now)
            #expect(whole.municipalities.first { $0.municipality == municipality } == alone.municipalities.first)
        }
        #expect(whole.total.openRed == whole.municipalities.reduce(0) { $0 + $1.openRed })
        #expect(whole.total.toClaim[.month]?.count == whole.municipalities.reduce(0) { $0 + ($1.toClaim[.month]?.count ?? 0) })
        #expect(whole.nurses.reduce(0) { $0 + $1.resolved } == alerts.filter { ($0.resolvedAt ?? .distantPast) >= at(20, 12) }.count)
        // Read in three uneven parts, as the cache reads them side by side: the same figures.
        let history = CaseloadHistory(alerts)
        let entries = history.parts.joined().map { $0 }
        let parted = CaseloadHistory(municipalities: history.municipalities, nurses: history.nurses,
                                     parts: [Array(entries[..<4_000]), Array(entries[4_000..<19_000]), Array(entries[19_000...])])
        #expect(CaseloadFigures.report(history: parted, population: population, since: at(20, 12), now: now) == whole)
    }

    @Test func theServiceCalendarAgreesWithServiceHours() {
        let hours = ServiceHours()
        let calendar = ServiceCalendar(hours: hours, from: at(1, 0), to: at(30, 0))
        for (from, to) in [(at(20, 15), at(23, 8, 30)), (at(23, 7), at(23, 9)), (at(23, 16), at(24, 7)), (at(21, 10), at(22, 10)),
                           (at(2, 12), at(27, 12)), (at(24, 10), at(24, 9))] {
            #expect(calendar.serviceTime(from: from, to: to) == hours.serviceTime(from: from, to: to))
        }
    }
}

/// Median and 90th percentile by selection agree with sorting, whatever the order and repeats.
struct ResponseTimesTests {
    @Test func selectionAgreesWithSortingNearestRank() {
        var generator = SystemRandomNumberGenerator()
        for count in [1, 2, 3, 5, 10, 11, 99, 1000] {
            for _ in 0..<20 {
                let samples = (0..<count).map { _ in Double(Int.random(in: 0..<50, using: &generator)) * 60 }
                let sorted = samples.sorted()
                let times = ResponseTimes(samples)
                #expect(times.median == sorted[max(0, Int((0.5 * Double(count)).rounded(.up)) - 1)])
                #expect(times.p90 == sorted[max(0, Int((0.9 * Double(count)).rounded(.up)) - 1)])
            }
        }
        #expect(ResponseTimes([]).median == nil)
    }
}
