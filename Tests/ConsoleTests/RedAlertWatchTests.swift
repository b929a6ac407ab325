import Foundation
import Testing
import VardeConsole
import VardeDomain
import VardeTerminal

/// A red alert that arrives while the nurse works stays in a banner until she has seen it.
struct RedAlertWatchTests {
    let now = Date(timeIntervalSince1970: 1_795_348_800)

    func entry(_ id: Int64, _ zone: Zone, patient: String = "p") -> QueueEntry {
        let m = HomeMeasurement(id: "m\(id)", patientID: "\(patient)\(id)", kind: .oxygenSaturation, code: "c", value: 85,
                                unit: "%", effective: now, lastUpdated: now)
        return QueueEntry(alertID: id, zone: zone, patientID: "\(patient)\(id)", patientName: "Ødegård, Åse \(id)",
                          municipality: Municipality(number: "1804", name: "Bodø"), trigger: m, raisedAt: now)
    }

    @Test func redAlertsFromBeforeTheShiftAreNotNewsLaterOnesAreUntilSeen() {
        var watch = RedAlertWatch(startedAt: now.addingTimeInterval(60))
        var old = entry(1, .red)
        old.raisedAt = now.addingTimeInterval(-3600)
        watch.observe([old, entry(2, .yellow)])
        #expect(watch.unseen.isEmpty, "the first sync of an empty cache brings history, not news")
        watch.observe([old, entry(2, .red), entry(3, .red)])
        #expect(watch.unseen.map(\.alertID) == [2, 3], "escalated from yellow and brand new (within the grace)")
        watch.seen(alertID: 2)
        #expect(watch.unseen.map(\.alertID) == [3])
        watch.observe([old, entry(2, .red), entry(3, .red)])
        #expect(watch.unseen.map(\.alertID) == [3], "seen stays seen")
        watch.seen(patientID: "p3")
        #expect(watch.unseen.isEmpty)
    }

    @Test func aResolvedAlertLeavesTheBanner() {
        var watch = RedAlertWatch()
        watch.observe([])
        watch.observe([entry(5, .red)])
        #expect(watch.unseen.count == 1)
        watch.observe([])
        #expect(watch.unseen.isEmpty)
    }

    @Test func theBannerNamesTheOldestUnseenAndCountsTheRestWithoutColourAlone() {
        var watch = RedAlertWatch()
        watch.observe([])
        watch.observe([entry(7, .red), entry(8, .red)])
        var buffer = ScreenBuffer(width: 100, height: 24)
        watch.draw(&buffer, y: 1, language: .nb)
        #expect(buffer.line(1).contains("■ NYTT RØDT VARSEL: Ødegård, Åse 7 · Bodø · SpO2 85 % · ! viser det (+1)"), "\(buffer.line(1))")
        #expect(buffer[0, 1].style.role == .banner)
        var english = ScreenBuffer(width: 100, height: 24)
        watch.draw(&english, y: 1, language: .en)
        #expect(english.line(1).contains("■ NEW RED ALERT: Ødegård, Åse 7"))
    }
}
