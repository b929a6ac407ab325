import Foundation
import Testing
import VardeConsole
import VardeDomain
import VardeStore
import VardeTerminal

/// The console keeps the queue rows it has read and, after a commit, reads again only those that
/// changed: every kind of change a row shows (who holds it, the measurement amended, a message from the
/// patient or seen, an escalation, the patient's age and diagnoses, a block, a renamed municipality, a
/// patient deleted) reaches the screen exactly as a console opened fresh shows it.
struct QueueRowsAfterCommitTests {
    static func script(_ cache: CacheDatabase) -> ConsoleScript {
        // Wide enough for every column: who holds it, when measured, age and diagnoses.
        ConsoleScript(cache: cache, context: ConsoleContext(language: .nb, now: QueueWindowTests.now, theme: Themes.default,
                                                            nurse: "kari", width: 220, height: 30), workstation: nil)
    }

    @Test func everyChangeARowShowsReachesTheKeptConsole() throws {
        let cache = try CacheDatabase()
        try QueueWindowTests.seed(cache, count: 60)
        let kept = Self.script(cache)
        _ = kept.draw()
        let written = QueueWindowTests.now.timeIntervalSince1970 - 100
        let changes: [(String, String)] = [
            // Alert ids are never taken again (AUTOINCREMENT); a patient deleted leaves its alert nameless.
            ("a patient is deleted", "DELETE FROM patient WHERE id = 'p000059'"),
            ("a nurse takes an alert", "UPDATE alert SET owner = 'per' WHERE patientID = 'p000007'"),
            ("the triggering measurement is amended", "UPDATE observation SET value = 171 WHERE id = 'o000014'"),
            ("the patient writes", """
                INSERT INTO message(id, patientID, direction, text, author, written, status)
                VALUES ('m1', 'p000021', 'fromPatient', 'Svimmel i dag', 'pasient', \(written), 'received')
                """),
            ("the message is seen", "UPDATE message SET seenByCentre = \(written) WHERE id = 'm1'"),
            ("a yellow alert turns red", "UPDATE alert SET openedAt = openedAt - 3600 WHERE patientID = 'p000028'"),
            ("the selected alert is marked as a suspected measurement error", """
                UPDATE alert SET marks = '["suspectedError"]' WHERE patientID = 'p000056'
                """),
            ("a blocked patient's alert changes hands", """
                INSERT INTO patient_block(id, patientID, operatorID, active) VALUES ('b0', 'p000055', 'kari', 1);
                UPDATE alert SET owner = 'per' WHERE patientID = 'p000055'
                """),
            ("the patient's age and diagnoses change", """
                UPDATE patient SET birthDate = '1931-05-17', diagnoses = '["copd","heartFailure"]' WHERE id = 'p000035'
                """),
            ("a patient blocks the nurse", "INSERT INTO patient_block(id, patientID, operatorID, active) VALUES ('b1', 'p000042', 'kari', 1)"),
            ("a municipality is renamed", "UPDATE municipality SET name = 'Nykommune' WHERE number = '7009'"),
        ]
        for (change, sql) in changes {
            let before = kept.draw().plainText
            try cache.writer.write { db in try db.execute(sql: sql) }
            kept.settle()
            let fresh = Self.script(cache)
            let shown = kept.draw().plainText
            #expect(shown == fresh.draw().plainText, "after \(change)")
            #expect(shown != before, "\(change) shows on screen")
        }
    }
}
