import Testing
import VardeConsole
import VardeTerminal

/// `[keys]` in config.toml moves a command to other keys, and refuses overrides that would confuse.
struct KeymapTests {
    @Test func anOverrideMovesTheCommandAndTheHelpShowsIt() throws {
        let keymap = try Keymap(overrides: ["claim": ["v", "F2"]])
        #expect(keymap.command(for: .character("v"), in: .queue)?.id == .claim)
        #expect(keymap.command(for: .character("v"), in: .patient)?.id == .claim, "claim works in the patient view too")
        #expect(keymap.command(for: .function(2), in: .queue)?.id == .claim)
        #expect(keymap.command(for: .character("c"), in: .queue) == nil)
        #expect(keymap.keyName(.claim) == "v")

        var buffer = ScreenBuffer(width: 100, height: 40)
        HelpOverlay.draw(over: &buffer, context: .queue, language: .en, keymap: keymap)
        let help = buffer.plainText
        #expect(help.contains("v / F2"))
    }

    @Test(arguments: [
        (["claim": ["q"]], "already the key for quit"),
        (["claim": ["j"]], "already the key for down"),
        // Claim works in the patient view too, where t changes the trend period.
        (["claim": ["t"]], "already the key for period"),
        (["claime": ["t"]], "unknown command 'claime'"),
        (["claim": ["Ctrl-ø"]], "unknown key 'Ctrl-ø'"),
        (["claim": []], "needs at least one key"),
    ] as [([String: [String]], String)])
    func confusingOverridesAreRefused(overrides: [String: [String]], reason: String) {
        #expect { try Keymap(overrides: overrides) } throws: { error in
            "\(error)".contains(reason)
        }
    }

    @Test func keyNamesAsOperatorsWriteThem() {
        #expect(Key(name: "Ctrl-d") == .control("d"))
        #expect(Key(name: "PgDn") == .pageDown)
        #expect(Key(name: "F12") == .function(12))
        #expect(Key(name: "æ") == .character("æ"))
        #expect(Key(name: "Space") == .character(" "))
        #expect(Key(name: "F13") == nil)
        #expect(Key(name: "ctrl") == nil)
    }
}
