import Foundation

/// A physically impossible value from a patient's device, set aside in quarantine: the patient gets a
/// routine item so that someone checks the device ("umulig verdi fra apparatet").
public struct ImpossibleValue: Sendable, Equatable {
    public var patientID: String
    /// The quarantined Observation's id.
    public var resourceID: String
    public var measuredAt: Date

    public init(patientID: String, resourceID: String, measuredAt: Date) {
        self.patientID = patientID
        self.resourceID = resourceID
        self.measuredAt = measuredAt
    }
}
