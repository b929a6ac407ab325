import Foundation

/// What the console says when its data may not be current: the stale header, failed reads, and the
/// measurements kept as "other". One catalogue per language.
struct FreshnessStrings: Sendable {
    /// "DATA IKKE OPPDATERT · siste synk %@"
    var syncStopped: String
    var neverSynced: String
    /// "INGEN NYE MÅLINGER SIDEN %@"
    var noMeasurementsSince: String
    var noMeasurementsYet: String
    /// What could not be read, by part of the cache; each followed by ": <reason>".
    var failed: [DataPathHealth.Part: String]
    /// Said after a failed read's reason: Varde tries again by itself.
    var retrying: String
    /// "1 annen måling" / "%d andre målinger"
    var oneOther: String
    var manyOther: String

    static func of(_ language: Language) -> FreshnessStrings { language == .nb ? nb : en }

    func other(_ count: Int) -> String {
        count == 1 ? oneOther : manyOther.replacingOccurrences(of: "%d", with: String(count))
    }

    static let nb = FreshnessStrings(
        syncStopped: "DATA IKKE OPPDATERT · siste synk %@", neverSynced: "DATA IKKE OPPDATERT · aldri synket",
        noMeasurementsSince: "INGEN NYE MÅLINGER SIDEN %@", noMeasurementsYet: "INGEN MÅLINGER MOTTATT ENNÅ",
        failed: [.queue: "KØEN OPPDATERES IKKE", .syncState: "SYNKSTATUS KAN IKKE LESES",
                 .measurements: "MÅLINGENE KAN IKKE TELLES", .outbox: "UTBOKSEN KAN IKKE LESES",
                 .quarantine: "KARANTENEN KAN IKKE LESES", .notices: "KOLLEGERS STEG KAN IKKE LESES"],
        retrying: "prøver igjen", oneOther: "1 annen måling", manyOther: "%d andre målinger")

    static let en = FreshnessStrings(
        syncStopped: "DATA NOT UP TO DATE · last sync %@", neverSynced: "DATA NOT UP TO DATE · never synced",
        noMeasurementsSince: "NO NEW MEASUREMENTS SINCE %@", noMeasurementsYet: "NO MEASUREMENTS RECEIVED YET",
        failed: [.queue: "QUEUE NOT UPDATING", .syncState: "SYNC STATE CANNOT BE READ",
                 .measurements: "MEASUREMENTS CANNOT BE COUNTED", .outbox: "OUTBOX CANNOT BE READ",
                 .quarantine: "QUARANTINE CANNOT BE READ", .notices: "COLLEAGUES' STEPS CANNOT BE READ"],
        retrying: "retrying", oneOther: "1 other measurement", manyOther: "%d other measurements")
}
