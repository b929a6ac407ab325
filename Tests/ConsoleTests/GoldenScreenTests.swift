import Foundation
import Testing
import TestSupport
import GRDB
import VardeConsole
import VardeDomain
import VardeService
import VardeStore
import VardeSync
import VardeTerminal

/// A named screen drawn by the console's own model on the headless terminal (as `varde render` draws it).
func renderScreen(_ screen: String, cache: CacheDatabase, now: Date, width: Int, height: Int, language: Language,
                  patientID: String? = nil, settings: CentreSettings = CentreSettings(), nurse: String = "",
                  keys: String = "", workstation: String? = nil) throws -> ScreenBuffer {
    let context = ConsoleContext(language: language, now: now, theme: Themes.default, nurse: nurse, settings: settings,
                                 width: width, height: height)
    return try ConsoleScript.render(screen, cache: cache, context: context, patientID: patientID,
                                    keys: ConsoleScript.keys(keys), workstation: workstation)
}

/// A screen against its file in `Screens/`, exactly; with VARDE_UPDATE_SCREENS=1 the file is written instead.
func matchGolden(_ buffer: ScreenBuffer, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let file = GoldenScreenTests.screensFolder.appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["VARDE_UPDATE_SCREENS"] == "1" {
        try buffer.plainText.write(to: file, atomically: true, encoding: .utf8)
        return
    }
    let expected = try String(contentsOf: file, encoding: .utf8)
    #expect(buffer.plainText == expected, "\(name) differs from its golden render; run make screens and read the diff",
            sourceLocation: sourceLocation)
}

/// Screens drawn from a cache synced from the frozen simulator must match `Screens/` exactly.
/// Regenerate deliberately with `make screens` (VARDE_UPDATE_SCREENS=1), then read the diff.
@Suite(.serialized)
struct GoldenScreenTests {
    static let screensFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Screens")

    static let goldens: [(screen: String, width: Int, height: Int, language: Language)] = [
        ("queue", 80, 24, .nb), ("queue", 80, 24, .en), ("queue", 160, 48, .nb), ("queue", 160, 48, .en),
        ("queue", 120, 40, .nb), ("queue", 60, 20, .nb),
        ("trends", 80, 24, .nb), ("trends", 80, 24, .en), ("trends", 160, 48, .nb), ("trends", 160, 48, .en),
        ("plan", 80, 24, .nb), ("plan", 80, 24, .en), ("plan", 160, 48, .nb), ("plan", 160, 48, .en),
        ("help", 80, 24, .nb), ("help", 80, 24, .en), ("help", 160, 48, .nb), ("help", 160, 48, .en),
        ("patient", 80, 24, .nb), ("patient", 80, 24, .en), ("patient", 160, 48, .nb), ("patient", 160, 48, .en),
        ("messages", 80, 24, .nb), ("messages", 80, 24, .en), ("messages", 160, 48, .nb), ("messages", 160, 48, .en),
        ("compose", 80, 24, .nb), ("compose", 80, 24, .en), ("compose", 160, 48, .nb), ("compose", 160, 48, .en),
        ("history", 80, 24, .nb), ("lock", 80, 24, .nb), ("lock", 80, 24, .en),
    ]

    @Test func screensMatchTheirGoldenRenders() async throws {
        let sim = try await RunningSim(frozenCentre(patients: 120, municipalities: 30))
        defer { sim.stop() }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("varde-golden-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let cache = try CacheDatabase(path: folder.appendingPathComponent("cache.sqlite").path)
        let engine = SyncEngine(client: FHIRClient(baseURL: sim.baseURL, http: CurlHTTPClient()), cache: cache,
                                clock: { fixedStart })
        _ = try await offPool { try engine.syncOnce() }
        // The nurse has answered the first patient who wrote; the server stored the answer.
        let writer = try #require(ConsoleScript.firstWriter(in: try cache.queue()))
        let last = try #require(try cache.thread(of: writer).last)
        try cache.queueMessage(to: writer, text: "Takk for beskjeden. Vi ringer deg før klokka 14 i dag.",
                               by: "kari", inResponseTo: last.id, at: fixedStart.addingTimeInterval(30),
                               id: "urn:uuid:00000000-0000-4000-a000-000000000001")
        try cache.messageDelivered(id: "urn:uuid:00000000-0000-4000-a000-000000000001", serverID: "com-golden")
        try cache.saveDraft(for: writer, text: "Hei Målfrid! Hvordan går det med pusten nå? Svar gjerne her, eller ring oss.",
                            inResponseTo: last.id, at: fixedStart.addingTimeInterval(60))
        for golden in Self.goldens {
            let buffer = try renderScreen(golden.screen, cache: cache, now: fixedStart.addingTimeInterval(90),
                                          width: golden.width, height: golden.height, language: golden.language)
            try matchGolden(buffer, "\(golden.screen)-\(golden.width)x\(golden.height).\(golden.language.rawValue).txt")
        }

        // Handling together: Monday morning, two nurses have claimed alerts, many are overdue.
        let queue = try cache.queue()
        _ = try cache.handle(alertID: try #require(queue.first).alertID, .claim, by: "kari", at: fixedStart)
        _ = try cache.handle(alertID: try #require(queue.dropFirst(5).first).alertID, .claim, by: "ola", at: fixedStart)
        let monday = fixedStart.addingTimeInterval(20 * 3600 + 30 * 60) // 23.11 09:30 Norwegian time
        // Earlier this morning the two nurses handled some alerts from start to end.
        for (index, entry) in queue.dropFirst(10).prefix(8).enumerated() {
            let nurse = index % 3 == 0 ? "ola" : "kari"
            let claimed = monday.addingTimeInterval(Double(-80 + index * 7) * 60)
            _ = try cache.handle(alertID: entry.alertID, .claim, by: nurse, at: claimed)
            _ = try cache.handle(alertID: entry.alertID, .resolve(.advisedPerPlan, note: ""), by: nurse,
                                 at: claimed.addingTimeInterval(Double(10 + index * 4) * 60))
        }
        let staffed = CentreSettings(staffing: Staffing(fte: ["kari": 0.8, "ola": 0.6], patientsPerFTE: 80))
        for (screen, width, height, language) in [("queue", 120, 40, Language.nb), ("queue", 120, 40, .en), ("queue", 80, 24, .nb),
                                                  ("caseload", 120, 40, .nb), ("caseload", 120, 40, .en), ("caseload", 80, 24, .nb),
                                                  ("caseload", 80, 24, .en), ("caseload", 160, 48, .nb), ("caseload", 160, 48, .en)] {
            let buffer = try renderScreen(screen, cache: cache, now: monday, width: width, height: height,
                                          language: language, settings: staffed)
            try matchGolden(buffer, "\(screen == "queue" ? "queue-handling" : screen)-\(width)x\(height).\(language.rawValue).txt")
        }
    }
}

/// The screens of the nurse's documentation and handover, drawn by the live model through key scripts
/// (ConsoleScript), each from its own copy of one synced cache, since resolving changes it: the note
/// editor after resolving, the correction box over the history, and the handover's since-time prompt.
@Suite(.serialized)
struct DocumentationGoldenTests {
    static let scripts: [(screen: String, tab: String, keys: String)] = [
        ("note", "patient", "x 2 Ringte space pasienten, space ny space måling space 93 space %. enter"),
        ("correct", "history", "x 2 Ringte space pasienten enter Ctrl-s esc e , space ny space måling space 94 space %"),
        ("handover-since", "queue", ":vakt enter t 12h"),
    ]

    /// A consistent copy of the cache file (the log included).
    static func copy(_ cache: CacheDatabase, to path: String) throws {
        try cache.writer.writeWithoutTransaction { try $0.execute(sql: "VACUUM INTO ?", arguments: [path]) }
    }

    @Test func documentationScreensMatchTheirGoldenRenders() async throws {
        let sim = try await RunningSim(frozenCentre(patients: 120, municipalities: 30))
        defer { sim.stop() }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("varde-golden-notes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let cache = try CacheDatabase(path: folder.appendingPathComponent("cache.sqlite").path)
        let engine = SyncEngine(client: FHIRClient(baseURL: sim.baseURL, http: CurlHTTPClient()), cache: cache, clock: { fixedStart })
        _ = try await offPool { try engine.syncOnce() }
        let patientID = try #require(try cache.queue().first { !$0.isBlocked && $0.owner == nil && $0.trigger != nil && $0.unreadMessages == 0 })
            .patientID
        var copies = 0
        for script in Self.scripts {
            for (width, height) in [(80, 24), (160, 48)] {
                for language in Language.allCases {
                    copies += 1
                    let path = folder.appendingPathComponent("copy-\(copies).sqlite").path
                    try Self.copy(cache, to: path)
                    let copy = try CacheDatabase(path: path)
                    let buffer = try renderScreen(script.tab, cache: copy, now: fixedStart.addingTimeInterval(90), width: width,
                                                  height: height, language: language, patientID: script.tab == "queue" ? nil : patientID,
                                                  nurse: "kari", keys: script.keys)
                    try matchGolden(buffer, "\(script.screen)-\(width)x\(height).\(language.rawValue).txt")
                }
            }
        }
    }
}
