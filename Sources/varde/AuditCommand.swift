import ArgumentParser
import Foundation
import VardeService
import VardeStore

/// `varde audit`: the local access log: who opened which patient, what, when, from where, and
/// whether the server has the AuditEvent yet.
struct Audit: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the local access log (who opened which patient).")

    @OptionGroup var common: CommonOptions
    @Option(help: "Only this patient's accesses.") var patient: String?
    @Option(help: "Only accesses since a FHIR instant or an age such as 30m, 24h, 7d.") var since: String?

    func validate() throws {
        if let patient { try OptionRules.resourceID(patient, "--patient") }
        if let since, Self.instant(since, now: Date()) == nil {
            throw ValidationError("--since must be a FHIR instant or an age in minutes, hours or days, such as 30m, 24h or 7d; not '\(since)'")
        }
    }

    func run() throws {
        let from = since.flatMap { Self.instant($0, now: Date()) }
        let cache = Home(common.home).openCache()
        do {
            let log = try cache.accessLog(patientID: patient, since: from)
            let waiting = log.filter { $0.deliveredAt == nil }.count
            say("\(log.count) access\(log.count == 1 ? "" : "es"), \(waiting) not yet delivered")
            for access in log {
                say("\(FHIRDateTime.format(access.at))  \(access.operatorID)  \(access.patientID)  \(access.what.rawValue)  "
                    + "\(access.workstation)  \(access.deliveredAt == nil ? "waiting" : "delivered")")
            }
        } catch {
            fail("cannot read the local cache: \(plainReason(error))")
        }
    }

    /// A FHIR instant, or an age before `now` (`30m`, `24h`, `7d`).
    static func instant(_ text: String, now: Date) -> Date? {
        if let date = FHIRDateTime.parse(text) { return date }
        guard let unit = text.last, let amount = Double(text.dropLast()), amount.isFinite, amount >= 0 else { return nil }
        let seconds: Double? = switch unit {
        case "m": 60
        case "h", "t": 3600
        case "d": 86_400
        default: nil
        }
        return seconds.map { now.addingTimeInterval(-amount * $0) }
    }
}
