import Foundation
import Testing
import VardeConsole
import VardeDomain
import VardeStore
import VardeTerminal

/// The queue read as a window around the selection: the selected alert stays selected while rows
/// arrive above it, the end of a long queue is reached and shown, and the figures are the filtered
/// queue's, the same as reading every row would give.
struct QueueWindowTests {
    static let now = Date(timeIntervalSince1970: 1_795_420_800)

    /// `count` open alerts (one in seven red) on patients in 40 municipalities, raised a minute apart
    /// from `newest` back; the patients are `Pasient <n>, Syn` in `Kommune <n % 40>`.
    static func seed(_ cache: CacheDatabase, count: Int, first: Int = 0, newest: Double = now.timeIntervalSince1970) throws {
        try cache.writer.write { db in
            try db.execute(sql: """
                INSERT OR IGNORE INTO municipality(number, name)
                  WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 39)
                  SELECT printf('7%03d', i), 'Kommune ' || i FROM n;
                WITH RECURSIVE n(i) AS (SELECT \(first) UNION ALL SELECT i + 1 FROM n WHERE i < \(first + count - 1))
                INSERT INTO patient(id, nationalID, givenName, familyName, birthDate, gender, municipalityNumber, diagnoses, lastUpdated)
                SELECT printf('p%06d', i), printf('%011d', i), 'Syn', 'Pasient ' || i, '1950-01-01', 'female', printf('7%03d', i % 40),
                       '[]', 0 FROM n;
                WITH RECURSIVE n(i) AS (SELECT \(first) UNION ALL SELECT i + 1 FROM n WHERE i < \(first + count - 1))
                INSERT INTO observation(id, patientID, kind, code, codeDisplay, value, unit, effective, lastUpdated, status)
                SELECT printf('o%06d', i), printf('p%06d', i), 'heartRate', '8867-4', 'Puls', 130, '/min', \(newest) - i * 60,
                       \(newest) - i * 60, 'final' FROM n;
                WITH RECURSIVE n(i) AS (SELECT \(first) UNION ALL SELECT i + 1 FROM n WHERE i < \(first + count - 1))
                INSERT INTO alert(patientID, zone, openedAt, raisedAt, triggerMeasurementID, status, basis, key)
                SELECT printf('p%06d', i), CASE WHEN i % 7 = 0 THEN 2 ELSE 1 END, \(newest) - i * 60, \(newest) - i * 60,
                       printf('o%06d', i), 'open', 'plan', printf('p%06d--o%06d', i, i) FROM n;
                """)
        }
    }

    static func script(_ cache: CacheDatabase) -> ConsoleScript {
        ConsoleScript(cache: cache, context: ConsoleContext(language: .nb, now: now, theme: Themes.default, nurse: "kari",
                                                            width: 120, height: 30), workstation: nil)
    }

    /// The detail line's "12/131" and the selected row's patient.
    static func selection(_ script: ConsoleScript) -> (position: String, patient: String) {
        let detail = script.draw().line(28)
        let position = detail.split(separator: " ").last.map(String.init) ?? ""
        let patient = detail.split(separator: "·").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        return (position, patient)
    }

    @Test func theSelectedAlertStaysSelectedWhileRowsArriveAboveIt() throws {
        let cache = try CacheDatabase()
        try Self.seed(cache, count: 300)
        let script = Self.script(cache)
        script.press(ConsoleScript.keys("j j j j j j j j j j"))
        let before = Self.selection(script)
        #expect(before.position == "11/300")
        // Forty older alerts (waiting longer, so above the selection) arrive.
        try Self.seed(cache, count: 40, first: 1_000, newest: Self.now.timeIntervalSince1970 - 400 * 60)
        script.settle()
        let after = Self.selection(script)
        #expect(after.patient == before.patient, "the same alert is selected")
        // Of the forty, those in the selection's zone and before it moved it down.
        let queue = try cache.queue()
        let place = try #require(queue.firstIndex { $0.patientName == before.patient })
        #expect(after.position == "\(place + 1)/340", "\(after.position)")
    }

    @Test func theEndOfFiftyThousandRowsIsReachedAndShown() throws {
        let cache = try CacheDatabase()
        try Self.seed(cache, count: 50_000)
        let script = Self.script(cache)
        script.press([.character("G")])
        let last = try #require(try cache.queue().last)
        let screen = script.draw().plainText
        #expect(Self.selection(script).position == "50000/50000")
        #expect(screen.contains(last.patientName), "\(screen)")
        // Half a page up: the row selected is the one at that place in the whole queue.
        script.press([.control("u")])
        let up = Self.selection(script)
        let place = try #require(Int(up.position.split(separator: "/").first ?? ""))
        #expect(place < 50_000 && place > 49_950, "\(up.position)")
        #expect(try cache.queue()[place - 1].patientName == up.patient)
        script.press([.character("g")])
        #expect(Self.selection(script).position == "1/50000")
    }

    @Test(arguments: ["/kommune space 3 enter", ":kommune space Kommune space 3 enter", ":sone space rød enter",
                      "/!kommune space 3 enter"])
    func theFiguresWithAFilterAreTheFilteredQueues(keys: String) throws {
        let cache = try CacheDatabase()
        try Self.seed(cache, count: 2_000)
        let script = Self.script(cache)
        script.press(ConsoleScript.keys(keys))
        let all = try cache.queue()
        let kept: [QueueEntry]
        switch keys {
        case "/kommune space 3 enter": kept = all.filter { $0.municipality.name.contains("Kommune 3") }
        case "/!kommune space 3 enter": kept = all.filter { !$0.municipality.name.contains("Kommune 3") }
        case ":kommune space Kommune space 3 enter": kept = all.filter { $0.municipality.name == "Kommune 3" }
        default: kept = all.filter { $0.zone == .red }
        }
        let screen = script.draw().plainText
        let red = kept.filter { $0.zone == .red }.count, yellow = kept.count - red
        #expect(screen.contains("■ \(red) rød  ▲ \(yellow) gul"), "\(screen)")
        #expect(screen.contains("(\(kept.count)/2000)"), "\(screen)")
        script.press([.character("G")])
        #expect(Self.selection(script).position == "\(kept.count)/\(kept.count)")
        #expect(script.draw().plainText.contains(try #require(kept.last).patientName))
    }

    @Test func theCountsFollowAlertsResolvedEscalatedAndMoved() throws {
        let cache = try CacheDatabase()
        try Self.seed(cache, count: 500)
        try cache.writer.write { db in
            try db.execute(sql: "UPDATE alert SET status = 'resolved' WHERE id % 5 = 0")
            try db.execute(sql: "UPDATE alert SET zone = 2, raisedAt = raisedAt + 30 WHERE id % 3 = 0 AND status = 'open'")
            try db.execute(sql: "DELETE FROM alert WHERE id % 11 = 0")
        }
        let reader = ConsoleReader(cache: cache)
        var request = ConsoleReadRequest(viewer: .unrestricted)
        let all = try cache.queue()
        for (index, entry) in all.enumerated() where index % 37 == 0 {
            request.queue.anchor = .key(QueueKey(entry), offset: 0)
            let window = try reader.read(request).queue.get()
            #expect(window.selected == index && window.selectedRow?.alertID == entry.alertID)
            #expect(window.all.red == all.filter { $0.zone == .red }.count && window.all.total == all.count)
        }
    }
}
