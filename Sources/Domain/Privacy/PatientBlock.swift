import Foundation

/// A patient's block (sperring) of one named health worker: that operator must never see the
/// patient's identity or data. Comes from the follow-up service as a FHIR Consent with a deny provision.
public struct PatientBlock: Sendable, Equatable, Hashable {
    /// The Consent's id on the server.
    public var id: String
    public var patientID: String
    /// The blocked operator's identity (as in `--operator`).
    public var operatorID: String
    /// False once the patient lifts the block.
    public var active: Bool

    public init(id: String, patientID: String, operatorID: String, active: Bool = true) {
        self.id = id
        self.patientID = patientID
        self.operatorID = operatorID
        self.active = active
    }
}

/// Who is looking: the operator of a session and the municipalities they are authorised for.
/// Every query that shows patient data takes one, so blocks and tenancy hold in every view.
public struct Viewer: Sendable, Equatable {
    public var operatorID: String
    /// Kommunenummer the operator may see; nil means every municipality the server serves.
    public var municipalities: Set<String>?

    public init(operatorID: String, municipalities: Set<String>? = nil) {
        self.operatorID = operatorID
        self.municipalities = municipalities
    }
}

extension Viewer {
    /// No operator and no tenancy: for headless tools and tests only, never for a console session.
    public static let unrestricted = Viewer(operatorID: "")
}
