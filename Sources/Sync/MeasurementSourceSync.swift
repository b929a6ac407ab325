import Foundation
import VardeDomain
import VardeService
import VardeStore

/// Pulls measurements from a PMD-style service: Observation only, one form-encoded
/// `POST Observation/_search` per rostered patient, subjects by fødselsnummer, the municipality in
/// the Bundle's `meta.tag`. A cursor per patient on the measurement time, with an hour of overlap
/// (late arrivals), is safe because stored measurements are recognised again.
public final class MeasurementSourceSync: Sendable {
    public static let municipalityTagSystem =
        "https://register.geonorge.no/sosi-kodelister/inndelinger/inndelingsbase/kommunenummer"
    static let overlap: TimeInterval = 3600

    public let client: FHIRClient
    let cache: CacheDatabase
    let triage: Triage
    private let clock: @Sendable () -> Date

    public init(client: FHIRClient, cache: CacheDatabase, triage: Triage = Triage(),
                clock: @escaping @Sendable () -> Date = Date.init) {
        self.client = client
        self.cache = cache
        self.triage = triage
        self.clock = clock
    }

    public func syncOnce(into summary: inout SyncSummary) throws {
        let roster = try cache.roster()
        let byNationalID = Dictionary(roster.map { ($0.nationalID, $0.patientID) }) { a, _ in a }
        for patient in roster {
            let resource = "Observation@\(patient.patientID)"
            var form = [("patient.identifier", "\(NationalIdentityNumber.system)|\(patient.nationalID)"), ("_count", "1000")]
            if let cursor = try cache.cursor(server: client.baseURL, resource: resource).flatMap(FHIRDateTime.parse) {
                form.append(("date", "gt\(FHIRDateTime.format(cursor.addingTimeInterval(-Self.overlap)))"))
            }
            let page = try client.searchByPost("Observation", form: form, of: FHIRObservation.self)
            summary.pages += 1
            if let tag = page.meta?.tag?.first(where: { $0.system == Self.municipalityTagSystem }), let number = tag.code {
                try cache.assignMunicipality(Municipality(number: number, name: tag.display ?? number),
                                             toPatient: patient.patientID)
            }
            var measurements: [HomeMeasurement] = []
            var problems: [EntryProblem] = []
            for entry in page.entries {
                summary.fetched += 1
                do {
                    measurements.append(try ObservationMapping.measurement(from: entry.get(), patientByNationalID: { byNationalID[$0] },
                                                                           serverBase: client.baseURL))
                } catch {
                    problems.append(error)
                }
            }
            summary.quarantined += problems.count
            summary.deviceChecks += try cache.quarantine(problems.map { $0.quarantined(server: client.baseURL, at: clock()) },
                                                         deviceChecks: problems.compactMap(\.deviceCheck),
                                                         now: clock(), window: triage.window)
            // This cursor is on the measurement time: a device clock in the future must not carry it there.
            let ceiling = CursorCeiling(serverDate: page.serverDate, fallback: clock()).limit
            summary.futureStamped += measurements.filter { $0.effective > ceiling }.count
            let newest = measurements.map(\.effective).filter { $0 <= ceiling }.max()
            let cursor = newest.map { SyncCursor(server: client.baseURL, resource: resource, value: FHIRDateTime.format($0)) }
            let result = try cache.storeMeasurements(measurements, triage: triage, now: clock(), cursor: cursor)
            summary.stored += result.stored
            summary.duplicates += result.duplicates
            summary.alertsOpened += result.alertsOpened
            summary.alertsEscalated += result.alertsEscalated
        }
    }
}
