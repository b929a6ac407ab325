import Foundation
import Testing
import VardeConsole
import VardeDomain
import VardeStore
import VardeTerminal

/// The shift's fixes as the model carries them out: Ctrl-l repaints (on the lock screen too) and L
/// locks, the palette completes, lists and clears, the resolve note stops at its limit with a count,
/// and the patient view's and quarantine's scroll keys are theirs, never "works only in …".
@Suite(.serialized)
struct ShiftWiringTests {
    @Test func ctrlLRepaintsEverywhereAndLLocks() async throws {
        let script = ConsoleModelTests.script(try await ConsoleModelTests.syncedCache())
        script.press([.control("l")])
        #expect(script.terminal.repaints == 1)
        #expect(!script.draw().plainText.contains("Varde er låst"))
        script.press([.character("L")])
        #expect(script.draw().plainText.contains("Varde er låst"))
        script.press([.control("l")])
        #expect(script.terminal.repaints == 2, "Ctrl-l repaints the lock screen")
        #expect(script.draw().plainText.contains("Varde er låst"), "and does not unlock it")
    }

    @Test func thePaletteCompletesListsAndClears() async throws {
        let script = ConsoleModelTests.script(try await ConsoleModelTests.syncedCache(), width: 100, height: 30)
        script.press(ConsoleScript.keys(":te tab tab"))
        let listed = script.draw().plainText
        #expect(listed.contains(":tema ▏") && listed.contains("default · fargeblind · hoykontrast · monokrom"), "\(listed)")
        script.press(ConsoleScript.keys("mo tab"))
        #expect(script.draw().plainText.contains(":tema monokrom▏"))
        script.press([.control("w")])
        #expect(script.draw().plainText.contains(":tema ▏"))
        script.press([.control("u")])
        #expect(script.draw().plainText.contains(":▏"))
    }

    @Test func theResolveNoteStopsAtItsLimitAndCounts() async throws {
        let script = ConsoleModelTests.script(try await ConsoleModelTests.syncedCache())
        script.press(ConsoleScript.keys("g enter c x 1"))
        script.press(Array(repeating: Key.character("a"), count: 600))
        #expect(script.draw().plainText.contains("500/500"), "\(script.draw().plainText)")
    }

    @Test func scrollKeysBelongToThePatientViewAndTheQuarantine() async throws {
        let script = ConsoleModelTests.script(try await ConsoleModelTests.syncedCache())
        script.press(ConsoleScript.keys("g enter"))
        let top = script.draw().plainText
        if top.contains("viser også") {
            script.press([.character("j")])
            #expect(script.draw().plainText != top, "j brings the next chart into the trends")
        }
        for tab in ["1", "2", "4"] {
            script.press(ConsoleScript.keys("\(tab) j PgDn k PgUp"))
            let screen = script.draw().plainText
            #expect(!screen.contains("virker i") && !screen.contains("gjør ingenting") && !screen.contains("bare i fanen"), "tab \(tab): \(screen)")
        }
        script.press(ConsoleScript.keys("esc :karantene enter PgDn j PgUp k"))
        let quarantine = script.draw().plainText
        #expect(quarantine.contains("Karantene") && !quarantine.contains("virker i"), "\(quarantine)")
    }
}
