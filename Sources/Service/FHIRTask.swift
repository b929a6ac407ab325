import Foundation
import VardeDomain

/// A FHIR `Task`: the shared handling of one alert between the nurses of a centre.
public struct FHIRTask: Codable, Sendable, Equatable {
    public var resourceType = "Task"
    public var id: String?
    public var meta: FHIRMeta?
    public var identifier: [FHIRIdentifier]?
    public var status: String
    public var intent = "order"
    public var businessStatus: FHIRCodeableConcept?
    public var `for`: FHIRReference?
    public var focus: FHIRReference?
    public var owner: FHIRReference?
    public var note: [Annotation]?

    /// A FHIR `Annotation` (the nurse's note).
    public struct Annotation: Codable, Sendable, Equatable {
        public var text: String
    }
}

/// Alert ↔ FHIR Task: `identifier` names the alert (the same on every workstation), `status`
/// requested / in-progress / completed, `owner` the nurse, `businessStatus` the outcome, `note` the note.
public enum TaskMapping {
    public static let alertSystem = "https://varde.example.no/fhir/sid/alert"
    public static let operatorSystem = "https://varde.example.no/fhir/sid/operator"
    public static let outcomeSystem = "https://varde.example.no/fhir/CodeSystem/handling-outcome"

    /// The Task id for an alert key (FHIR ids allow letters, digits, '-' and '.', at most 64).
    public static func taskID(_ key: String) -> String {
        let allowed = key.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." ? $0 : "-" }
        return String(String(allowed).prefix(64))
    }

    public static func task(from alert: Alert) -> FHIRTask {
        var task = FHIRTask(id: taskID(alert.key), status: "requested")
        task.identifier = [FHIRIdentifier(system: alertSystem, value: alert.key)]
        task.for = FHIRReference(reference: "Patient/\(alert.patientID)")
        if let message = alert.triggerMessageID {
            task.focus = FHIRReference(reference: nil, identifier: FHIRIdentifier(system: CommunicationMapping.identifierSystem,
                                                                                  value: message), display: nil)
        } else {
            task.focus = FHIRReference(reference: "Observation/\(alert.triggerMeasurementID)")
        }
        if let owner = alert.owner {
            task.owner = FHIRReference(reference: nil, identifier: FHIRIdentifier(system: operatorSystem, value: owner), display: owner)
            task.status = "in-progress"
        }
        if alert.status == .resolved {
            task.status = "completed"
            task.businessStatus = alert.outcome.map {
                FHIRCodeableConcept(coding: [FHIRCoding(system: outcomeSystem, code: $0.rawValue)], text: $0.rawValue)
            }
            if let note = alert.note, !note.isEmpty { task.note = [FHIRTask.Annotation(text: note)] }
        }
        return task
    }

    /// What a Task says about its alert.
    public struct State: Equatable, Sendable {
        public var alertKey: String
        public var owner: String?
        public var resolved: Bool
        public var outcome: HandlingOutcome?
        public var note: String?
        public var version: String?
        /// The patient the Task is for (`Task.for`): a step under a name this workstation does not know
        /// still concerns that patient's open alert.
        public var patientID: String? = nil
        /// When the step was taken on the server (`meta.lastUpdated`).
        public var steppedAt: Date? = nil
    }

    public static func state(of task: FHIRTask) -> State? {
        guard let key = task.identifier?.first(where: { $0.system == alertSystem })?.value else { return nil }
        let outcome = task.businessStatus?.coding?.first?.code.flatMap(HandlingOutcome.init(rawValue:))
        let patient = task.for?.reference.flatMap { $0.hasPrefix("Patient/") ? String($0.dropFirst(8)) : nil }
        return State(alertKey: key, owner: task.owner?.identifier?.value ?? task.owner?.display,
                     resolved: task.status == "completed", outcome: outcome, note: task.note?.first?.text,
                     version: task.meta?.versionId, patientID: patient,
                     steppedAt: task.meta?.lastUpdated.flatMap(FHIRDateTime.parse))
    }
}

extension FHIRTask {
    init(id: String, status: String) {
        self.id = id
        self.status = status
    }
}
