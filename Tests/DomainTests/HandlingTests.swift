import Foundation
import Testing
import VardeDomain

struct HandlingTests {
    let alert = Alert(id: 1, patientID: "p", zone: .red, openedAt: Date(timeIntervalSince1970: 0),
                      raisedAt: Date(timeIntervalSince1970: 0), triggerMeasurementID: "m")

    @Test func aNurseClaimsReleasesAndResolves() throws {
        let claimed = try Handling.apply(.claim, to: alert, by: "Kari").get()
        #expect(claimed.owner == "Kari")
        #expect(try Handling.apply(.claim, to: claimed, by: "Kari").get().owner == "Kari")
        #expect(try Handling.apply(.release, to: claimed, by: "Kari").get().owner == nil)
        let resolved = try Handling.apply(.resolve(.advisedPerPlan, note: "Trinn 2"), to: claimed, by: "Kari").get()
        #expect(resolved.status == .resolved && resolved.outcome == .advisedPerPlan && resolved.note == "Trinn 2")
    }

    @Test func nobodyTakesOverAColleaguesAlert() throws {
        let claimed = try Handling.apply(.claim, to: alert, by: "Kari").get()
        #expect(Handling.apply(.claim, to: claimed, by: "Ola") == .failure(.claimedBy("Kari")))
        #expect(Handling.apply(.release, to: claimed, by: "Ola") == .failure(.claimedBy("Kari")))
        #expect(Handling.apply(.resolve(.noActionNeeded, note: ""), to: claimed, by: "Ola") == .failure(.claimedBy("Kari")))
        #expect(Handling.apply(.release, to: alert, by: "Ola") == .failure(.notYours))
    }

    @Test func aResolvedAlertTakesNoMoreSteps() throws {
        let resolved = try Handling.apply(.resolve(.measurementError, note: ""), to: alert, by: "Kari").get()
        #expect(Handling.apply(.claim, to: resolved, by: "Kari") == .failure(.notOpen))
    }
}
