import Foundation

/// The alert history as the caseload figures read it: one small entry per alert, with times in
/// seconds since 1970 and municipalities, nurses and patients as positions instead of strings.
public struct CaseloadHistory: Sendable {
    /// One alert; a name position of -1 means nobody.
    public struct Entry: Sendable {
        public var municipality: Int32
        public var owner: Int32
        public var claimedBy: Int32
        public var resolvedBy: Int32
        /// Any number that tells the alert's patient from the others.
        public var patient: Int
        public var zone: Zone
        public var isOpen: Bool
        public var missingMeasurement: Bool
        public var openedAt: TimeInterval
        public var raisedAt: TimeInterval
        public var claimedAt: TimeInterval?
        public var resolvedAt: TimeInterval?

        public init(municipality: Int32, owner: Int32, claimedBy: Int32, resolvedBy: Int32, patient: Int, zone: Zone,
                    isOpen: Bool, missingMeasurement: Bool, openedAt: TimeInterval, raisedAt: TimeInterval,
                    claimedAt: TimeInterval?, resolvedAt: TimeInterval?) {
            self.municipality = municipality
            self.owner = owner
            self.claimedBy = claimedBy
            self.resolvedBy = resolvedBy
            self.patient = patient
            self.zone = zone
            self.isOpen = isOpen
            self.missingMeasurement = missingMeasurement
            self.openedAt = openedAt
            self.raisedAt = raisedAt
            self.claimedAt = claimedAt
            self.resolvedAt = resolvedAt
        }
    }

    /// Municipality numbers by position.
    public var municipalities: [String]
    /// Nurses by position.
    public var nurses: [String]
    /// The entries in parts, as they were read side by side (their order means nothing).
    public var parts: [[Entry]]

    public init(municipalities: [String], nurses: [String], parts: [[Entry]]) {
        self.municipalities = municipalities
        self.nurses = nurses
        self.parts = parts
    }

    public init(municipalities: [String], nurses: [String], entries: [Entry]) {
        self.init(municipalities: municipalities, nurses: nurses, parts: [entries])
    }

    /// The same alerts given one by one.
    public init(_ alerts: [CaseloadAlert]) {
        var municipalityPositions: [String: Int32] = [:], nursePositions: [String: Int32] = [:], patients: [String: Int] = [:]
        var municipalities: [String] = [], nurses: [String] = []
        func nurse(_ name: String?) -> Int32 {
            guard let name else { return -1 }
            if let position = nursePositions[name] { return position }
            nurses.append(name)
            nursePositions[name] = Int32(nurses.count - 1)
            return Int32(nurses.count - 1)
        }
        var entries: [Entry] = []
        entries.reserveCapacity(alerts.count)
        for alert in alerts {
            let municipality = municipalityPositions[alert.municipality] ?? {
                municipalities.append(alert.municipality)
                municipalityPositions[alert.municipality] = Int32(municipalities.count - 1)
                return Int32(municipalities.count - 1)
            }()
            let patient = patients[alert.patientID] ?? {
                patients[alert.patientID] = patients.count
                return patients.count - 1
            }()
            entries.append(Entry(municipality: municipality, owner: nurse(alert.owner), claimedBy: nurse(alert.claimedBy),
                                 resolvedBy: nurse(alert.resolvedBy), patient: patient, zone: alert.zone, isOpen: alert.isOpen,
                                 missingMeasurement: alert.basis == .missingMeasurement,
                                 openedAt: alert.openedAt.timeIntervalSince1970, raisedAt: alert.raisedAt.timeIntervalSince1970,
                                 claimedAt: alert.claimedAt?.timeIntervalSince1970,
                                 resolvedAt: alert.resolvedAt?.timeIntervalSince1970))
        }
        self.init(municipalities: municipalities, nurses: nurses, entries: entries)
    }

    /// Only the alerts in the given municipalities (a workstation limited to some of them).
    public func limited(to allowed: Set<String>) -> CaseloadHistory {
        let kept = municipalities.map(allowed.contains)
        return CaseloadHistory(municipalities: municipalities, nurses: nurses,
                               parts: parts.map { $0.filter { kept[Int($0.municipality)] } })
    }
}
