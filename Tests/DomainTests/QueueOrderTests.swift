import Foundation
import Testing
import VardeDomain

struct QueueOrderTests {
    func entry(_ id: Int64, _ zone: Zone, waitedMinutes: Double) -> QueueEntry {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let m = HomeMeasurement(id: "m\(id)", patientID: "p\(id)", kind: .heartRate, code: "c", value: 1, unit: "/min",
                                effective: now, lastUpdated: now)
        return QueueEntry(alertID: id, zone: zone, patientID: "p\(id)", patientName: "P \(id)",
                          municipality: Municipality(number: "1804", name: "Bodø"), trigger: m,
                          raisedAt: now.addingTimeInterval(-waitedMinutes * 60))
    }

    @Test func redBeforeYellowThenLongestWaitingFirst() {
        let entries = [entry(1, .yellow, waitedMinutes: 300), entry(2, .red, waitedMinutes: 5),
                       entry(3, .red, waitedMinutes: 50), entry(4, .yellow, waitedMinutes: 10)]
        #expect(entries.sorted(by: QueueEntry.inQueueOrder).map(\.alertID) == [3, 2, 1, 4])
    }
}
