import Foundation
import Testing
import VardeConsole
import VardeDomain
import VardeStore
import VardeTerminal

/// The words filter (and the municipality filter) kept between reads follows what later commits change: a patient who moved, an alert
/// resolved or new, a block, a renamed municipality; each time the screen is what a console opened fresh
/// on the same cache shows.
struct QueueWordsAfterCommitTests {
    /// The queue's figures ("■ 32 rød  ▲ 187 gul  ! 32 forsinket") and the detail line's total.
    static func figures(_ script: ConsoleScript) -> [String] {
        let screen = script.draw().plainText
        let title = screen.split(separator: "\n").first { $0.contains("■") && $0.contains("rød") }.map(String.init) ?? ""
        let figures = title.range(of: "■").map { String(title[$0.lowerBound...].prefix { $0 != "!" }) } ?? ""
        // The kept console's selection stays on its alert while others arrive in front: only the total counts.
        let total = QueueWindowTests.selection(script).position.split(separator: "/").last.map(String.init) ?? ""
        return [figures, total]
    }

    /// Words, a municipality alone (whose keys are kept the same way), and words only a measurement has.
    @Test(arguments: ["/kommune space 3 enter", ":kommune space Kommune space 3 enter", "/333 enter"])
    func theFilterFollowsEveryKindOfChange(keys: String) throws {
        let cache = try CacheDatabase()
        try QueueWindowTests.seed(cache, count: 800)
        let filter = ConsoleScript.keys(keys)
        let kept = QueueWindowTests.script(cache)
        kept.press(filter)
        let changes: [(String, String)] = [
            ("a patient moves out of Kommune 3", "UPDATE patient SET municipalityNumber = '7004' WHERE id = 'p000003'"),
            ("a patient moves into Kommune 3", "UPDATE patient SET municipalityNumber = '7003' WHERE id = 'p000005'"),
            ("an alert is resolved", "UPDATE alert SET status = 'resolved' WHERE patientID = 'p000043'"),
            // Words are folded again only when they may have changed: not when an alert changes hands.
            ("a nurse takes an alert", "UPDATE alert SET owner = 'per' WHERE patientID IN ('p000003', 'p000013')"),
            ("a measurement is amended", "UPDATE observation SET value = 333 WHERE id IN ('o000013', 'o000023')"),
            ("a patient is renamed into the filter", "UPDATE patient SET familyName = 'Kommune 3' WHERE id = 'p000006'"),
            ("a patient blocks the nurse", "INSERT INTO patient_block(id, patientID, operatorID, active) VALUES ('b1', 'p000083', 'kari', 1)"),
            ("the block is lifted", "UPDATE patient_block SET active = 0 WHERE id = 'b1'"),
            ("an alert is deleted", "DELETE FROM alert WHERE patientID = 'p000123'"),
            ("a municipality is renamed", "UPDATE municipality SET name = 'Nykommune' WHERE number = '7003'"),
        ]
        for (change, sql) in changes {
            try cache.writer.write { db in try db.execute(sql: sql) }
            kept.settle()
            let fresh = QueueWindowTests.script(cache)
            fresh.press(filter)
            #expect(Self.figures(kept) == Self.figures(fresh), "after \(change)")
        }
        // New alerts arrive, some of them in Kommune 3.
        try QueueWindowTests.seed(cache, count: 80, first: 2_000, newest: QueueWindowTests.now.timeIntervalSince1970 - 30)
        kept.settle()
        let fresh = QueueWindowTests.script(cache)
        fresh.press(filter)
        #expect(Self.figures(kept) == Self.figures(fresh), "after new alerts")
        #expect(Self.figures(kept)[0].contains("■"), "\(kept.draw().plainText)")
    }
}
