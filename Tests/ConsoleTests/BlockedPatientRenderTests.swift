import Foundation
import Testing
import TestSupport
import VardeConsole
import VardeDomain
import VardeService
import VardeSim
import VardeStore
import VardeSync

/// A patient who has blocked the operator leaves no trace in anything drawn for that operator:
/// not the name, not the fødselsnummer, not the patient id, not the values.
@Suite(.serialized)
struct BlockedPatientRenderTests {
    @Test func aBlockedOperatorsRendersHoldNoTraceOfThePatient() async throws {
        // The patient of the first alert in the queue blocks Kari (found with a colleague's view first).
        let sim = try await RunningSim(frozenCentre(patients: 120, municipalities: 30))
        defer { sim.stop() }
        let probe = try CacheDatabase()
        _ = try await offPool {
            try SyncEngine(client: FHIRClient(baseURL: sim.baseURL, http: CurlHTTPClient()), cache: probe, clock: { fixedStart }).syncOnce()
        }
        // A patient with both a measurement alert and, if the simulated patients wrote, messages.
        let queue = try probe.queue()
        let target = try #require(queue.first { $0.trigger != nil && $0.unreadMessages > 0 } ?? queue.first { $0.trigger != nil })
        let patient = try #require(sim.centre.allPatients.first { $0.id == target.patientID })
        sim.server.blocks.set(PatientBlock(id: "consent-kari-1", patientID: patient.id, operatorID: "kari"))

        let cache = try CacheDatabase()
        _ = try await offPool {
            try SyncEngine(client: FHIRClient(baseURL: sim.baseURL, http: CurlHTTPClient()), cache: cache, nurse: "kari",
                           clock: { fixedStart }).syncOnce()
        }
        let kari = Viewer(operatorID: "kari")
        let values = try cache.measurements(of: patient.id, from: .distantPast, to: .distantFuture)
        #expect(!values.isEmpty, "the data is cached; only Kari's reads are refused")
        var output = ""
        for language in Language.allCases {
            for (width, height) in [(80, 24), (160, 48)] {
                for screen in ConsoleScript.screens {
                    let buffer = try renderScreen(screen, cache: cache, now: fixedStart.addingTimeInterval(90),
                                                  width: width, height: height, language: language, nurse: kari.operatorID,
                                                  workstation: "ws")
                    output += buffer.plainText
                }
            }
            #expect(throws: ConsoleScript.Problem.self) {
                try renderScreen("trends", cache: cache, now: fixedStart, width: 80, height: 24, language: language,
                                 patientID: patient.id, nurse: kari.operatorID, workstation: "ws")
            }
        }
        #expect(output.contains("sperret pasient") && output.contains("blocked patient"))
        // Synthetic names repeat (another Solberg may be in the queue): the full name must not appear.
        #expect(!output.contains(patient.listName), "the name \(patient.listName) is shown")
        #expect(!output.contains("\(patient.givenName) \(patient.familyName)"))
        #expect(!output.contains(patient.nationalID))
        #expect(!output.contains(patient.id))
        let shown = Formatting(.nb).measurement(try #require(target.trigger))
        #expect(!output.contains(shown), "the trigger value \(shown) is shown")
        // The simulated patients share stock phrases: only words no other patient wrote prove a leak.
        let thread = try #require(try cache.patientRecord(patient.id, since: .distantPast)).messages
        let othersWrote = Set(sim.server.communications.filter { $0.subject?.reference != "Patient/\(patient.id)" }
            .compactMap { $0.payload?.first?.contentString })
        for message in thread where !othersWrote.contains(message.text) {
            #expect(!output.contains(String(message.text.prefix(30))), "a message is shown: \(message.text)")
        }
        #expect(try cache.accessLog(patientID: patient.id).isEmpty, "a refused open is not an access")
        // A colleague still sees the patient.
        let ola = try renderScreen("queue", cache: cache, now: fixedStart.addingTimeInterval(90), width: 160, height: 48,
                                   language: .nb, nurse: "ola")
        #expect(ola.plainText.contains(patient.listName))
    }
}
