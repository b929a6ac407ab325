import Foundation

/// One alert as the caseload figures need it: where, how bad, and when it was claimed and resolved.
public struct CaseloadAlert: Sendable, Equatable {
    public var patientID: String
    public var municipality: String
    public var zone: Zone
    public var basis: Judgement.Basis
    public var isOpen: Bool
    public var openedAt: Date
    public var raisedAt: Date
    public var owner: String?
    public var claimedAt: Date?
    public var claimedBy: String?
    public var resolvedAt: Date?
    public var resolvedBy: String?

    public init(patientID: String, municipality: String, zone: Zone, basis: Judgement.Basis, isOpen: Bool, openedAt: Date,
                raisedAt: Date, owner: String? = nil, claimedAt: Date? = nil, claimedBy: String? = nil,
                resolvedAt: Date? = nil, resolvedBy: String? = nil) {
        self.patientID = patientID
        self.municipality = municipality
        self.zone = zone
        self.basis = basis
        self.isOpen = isOpen
        self.openedAt = openedAt
        self.raisedAt = raisedAt
        self.owner = owner
        self.claimedAt = claimedAt
        self.claimedBy = claimedBy
        self.resolvedAt = resolvedAt
        self.resolvedBy = resolvedBy
    }

    /// Red and yellow are clinical; suspected errors, messages and missing measurements are routine.
    public var isRoutine: Bool { zone == .green }
}

/// A municipality's patients as the figures count them.
public struct CaseloadPopulation: Sendable, Equatable {
    public var municipality: String
    public var patients: Int
    public var byDiagnosis: [Diagnosis: Int]
    /// Patients with a self-care plan (a measurement schedule that can be missed).
    public var withPlan: Int
    /// Messages from patients nobody has opened.
    public var messagesWaiting: Int

    public init(municipality: String, patients: Int, byDiagnosis: [Diagnosis: Int] = [:], withPlan: Int = 0,
                messagesWaiting: Int = 0) {
        self.municipality = municipality
        self.patients = patients
        self.byDiagnosis = byDiagnosis
        self.withPlan = withPlan
        self.messagesWaiting = messagesWaiting
    }
}

/// Median and 90th percentile of response times in service seconds, and how many alerts they rest on.
public struct ResponseTimes: Sendable, Equatable {
    public var count: Int
    public var median: TimeInterval?
    public var p90: TimeInterval?

    public init(_ samples: [TimeInterval]) {
        count = samples.count
        guard !samples.isEmpty else { return }
        // Nearest rank by selection, not by sorting: a month of a large centre is 150,000 samples.
        var values = samples
        median = Self.select(&values, rank: Self.rank(0.5, count))
        p90 = Self.select(&values, rank: Self.rank(0.9, count))
    }

    /// The 0-based nearest rank of percentile `p` among `count` samples.
    static func rank(_ p: Double, _ count: Int) -> Int {
        max(0, min(count - 1, Int((p * Double(count)).rounded(.up)) - 1))
    }

    /// The value that would be at `rank` if `values` were sorted (Hoare's selection; reorders `values`).
    static func select(_ values: inout [TimeInterval], rank: Int) -> TimeInterval {
        var low = 0, high = values.count - 1
        while low < high {
            let pivot = values[(low + high) / 2]
            var i = low, j = high
            while i <= j {
                while values[i] < pivot { i += 1 }
                while values[j] > pivot { j -= 1 }
                if i <= j {
                    values.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            if rank <= j { high = j } else if rank >= i { low = i } else { return values[rank] }
        }
        return values[rank]
    }
}

/// The figures for one municipality, or for the whole centre.
public struct CaseloadRow: Sendable, Equatable {
    public var municipality: String
    public var patients: Int
    public var byDiagnosis: [Diagnosis: Int]
    public var openRed = 0
    public var openYellow = 0
    public var openRoutine = 0
    public var overdue = 0
    /// Time to claim and to resolve, per window (`today`, `7d`, `30d`), counted in service hours.
    public var toClaim: [CaseloadWindow: ResponseTimes] = [:]
    public var toResolve: [CaseloadWindow: ResponseTimes] = [:]
    /// Share of patients with a plan who missed a scheduled measurement in the report's period.
    public var missingRate: Double?
    /// How many patients that share counts, and out of how many (for suppressing it in exports).
    public var missedPatients = 0
    public var patientsWithPlan = 0
    public var messagesWaiting: Int
}

/// One nurse's part of the work in the report's period.
public struct NurseLoad: Sendable, Equatable {
    public var nurse: String
    public var claimed = 0
    public var resolved = 0
    public var openClaims = 0
    public var fte: Double?
}

/// The periods response times are given for.
public enum CaseloadWindow: String, CaseIterable, Sendable {
    case today, week = "7d", month = "30d"
}

/// Everything the caseload view and report show.
public struct CaseloadReport: Sendable, Equatable {
    public var total: CaseloadRow
    public var municipalities: [CaseloadRow]
    public var nurses: [NurseLoad]
    public var staffing: Staffing
    public var since: Date
    public var now: Date
    /// Municipality number → name, for showing the rows.
    public var municipalityNames: [String: String] = [:]

    public func name(_ number: String) -> String { municipalityNames[number] ?? number }

    /// Active patients per full-time nurse; nil when the configuration names no FTEs.
    public var patientsPerFTE: Double? {
        let fte = staffing.totalFTE
        return fte > 0 ? Double(total.patients) / fte : nil
    }

    /// Whether the load is above the guideline (about 80 patients per full-time nurse).
    public var overGuideline: Bool { (patientsPerFTE ?? 0) > Double(staffing.patientsPerFTE) }
}
