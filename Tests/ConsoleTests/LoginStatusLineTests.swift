import Foundation
import Testing
import VardeConsole
import VardeDomain
import VardeStore

/// A sync stopped for a new HelseID login is said in the status line, in both languages; the queue stays.
struct LoginStatusLineTests {
    let now = Date(timeIntervalSince1970: 1_795_348_800)

    @Test func anExpiredLoginIsSaidInTheStatusLine() {
        for (language, words) in [(Language.nb, "logg inn på nytt (varde login)"), (.en, "log in again (varde login)")] {
            var state = QueueState(now: now, language: language)
            state.sync = SyncState(server: "https://pmd.example.no", connection: .offline, lastAttemptAt: now,
                                   lastSuccessAt: now.addingTimeInterval(-120),
                                   lastError: "cannot sync: " + LoginStatus.expired)
            let screen = QueueScreen.render(&state, width: 120, height: 24)
            #expect(screen.line(23).contains(words), "\(screen.line(23))")
        }
        var fine = QueueState(now: now)
        fine.sync = SyncState(server: "https://pmd.example.no", connection: .online, lastSuccessAt: now)
        #expect(!QueueScreen.render(&fine, width: 120, height: 24).line(23).contains("logg inn"))
    }
}
