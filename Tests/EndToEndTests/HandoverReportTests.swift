import Foundation
import Testing
import TestSupport
import VardeDomain
import VardeStore

/// `varde report handover` after a simulated night: the morning nurse sees the night's reds and
/// yellows, what a colleague resolved and how, the claims still held, and what waits.
@Suite(.serialized)
struct HandoverReportTests {
    let varde = vardeExecutable()
    /// Monday 23 November 2026, 07:45 in Oslo: before the centre opens.
    let morning = "2026-11-23T06:45:00Z"

    @Test func theMorningShiftSeesTheNightAndTheirColleaguesWork() throws {
        let sim = try ChildProcess(varde, ["sim", "--port", "0", "--patients", "60", "--seed", "11", "--frozen",
                                           "--start", morning, "--history-days", "2"])
        defer { sim.stop() }
        let line = try #require(sim.waitForLine(containing: "listening on"))
        let url = String(try #require(line.split(separator: " ").last))
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("varde-handover-\(UUID().uuidString)").path
        #expect(try runCommand(varde, ["sync", "--now", morning, "--once", "--server", url, "--home", home]).status == 0)

        // Per resolved one red alert late yesterday evening and still holds another one.
        let cache = try CacheDatabase(path: home + "/cache.sqlite")
        let queue = try cache.queue()
        // Alerts nobody holds (the simulated colleagues may have taken some).
        let alerts = queue.filter { $0.zone >= .yellow && $0.owner == nil }
        #expect(alerts.count >= 2, "a night of measurements raises alerts")
        let evening = try #require(ISO8601DateFormatter().date(from: "2026-11-22T21:10:00Z"))
        let resolved = try #require(alerts.first)
        let held = try #require(alerts.dropFirst().first)
        #expect(try cache.handle(alertID: resolved.alertID, .resolve(.contactedGP, note: "Fastlege varslet om lav metning"),
                                 by: "per", at: evening).isSuccess)
        #expect(try cache.handle(alertID: held.alertID, .claim, by: "per", at: evening).isSuccess)

        let md = try runCommand(varde, ["report", "handover", "--now", morning, "--format", "md", "--home", home])
        #expect(md.status == 0, "\(md.stderr)")
        // Monday morning: the previous shift began on Friday at 08:00.
        #expect(md.stdout.hasPrefix("# Vaktoverlevering fra 20.11 08:00 til 23.11 07:45"))
        #expect(md.stdout.contains("## Nye røde og gule varsler"))
        #expect(md.stdout.contains("\(resolved.patientName) av per: kontaktet fastlege"))
        #expect(md.stdout.contains("Fastlege varslet om lav metning"))
        #expect(md.stdout.contains("## Tatt, ikke avsluttet"))
        #expect(md.stdout.contains("- per (1): \(held.patientName)"))
        #expect(md.stdout.contains("uleste meldinger fra pasienter"))

        let text = try runCommand(varde, ["report", "handover", "--now", morning, "--since", "8h", "--lang", "en", "--home", home])
        #expect(text.status == 0)
        #expect(text.stdout.hasPrefix("Shift handover from 22.11 23:45 until 23.11 07:45"))
        #expect(!text.stdout.contains("Fastlege varslet"), "resolved before the period asked for")
        let wrong = try runCommand(varde, ["report", "handover", "--since", "yesterday", "--home", home])
        #expect(wrong.status == 2)
        #expect(wrong.stderr.contains("--since"))
    }
}
