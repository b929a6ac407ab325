import Foundation

extension Alert {
    /// Whether colleagues can see this alert: someone has claimed it, or the service holds its Task.
    /// From then on its key is fixed; before, it may still be renamed by an earlier finding.
    public var isShared: Bool { owner != nil || taskVersion != nil }

    /// Whether a measurement opened the alert (not a message, a missing measurement or an impossible value).
    public var isOpenedByMeasurement: Bool {
        let opening = key.dropFirst(patientID.count + 2)
        return key.hasPrefix(patientID + "--") && !opening.isEmpty
            && !["msg-", "missing-", "impossible-"].contains { opening.hasPrefix($0) }
    }

    /// The alert as the episode's earliest-measured finding names it, when a late upload measured before
    /// the alert opened arrives while nobody has shared it yet; nil when nothing changes.
    ///
    /// A workstation that receives both measurements in one page judges them in measurement order and
    /// opens the alert on the earlier one; one that receives them in two pages (or a colleague's, minute by
    /// minute) would open it on the later one. Naming it by the earliest finding until it is shared gives
    /// every workstation the same key, and so the same shared Task, whatever the pages were.
    public func named(byEarlier measurement: HomeMeasurement, finding: Judgement) -> Alert? {
        guard status == .open, !isShared, isOpenedByMeasurement, measurement.effective < openedAt,
              measurement.patientID == patientID else { return nil }
        var renamed = self
        renamed.openedAt = measurement.effective
        renamed.key = "\(patientID)--\(measurement.id)"
        // The earliest of equal findings sets the zone's time, as if the two had come in order.
        if finding.zone == zone, measurement.effective < raisedAt {
            renamed.raisedAt = measurement.effective
            renamed.triggerMeasurementID = measurement.id
            renamed.basis = finding.basis
            renamed.marks = finding.marks
        }
        return renamed
    }
}
