import Testing
import VardeConsole
import VardeDomain

struct PaletteTests {
    @Test(arguments: [
        ("kommune Bodø", Palette.Action.municipality("Bodø")), ("sone rød", .zone(.red)), ("zone yellow", .zone(.yellow)),
        ("sone alle", .zone(nil)), ("tema monokrom", .theme("monokrom")), ("språk en", .language(.en)),
        ("pasient Hansen", .patient("Hansen")), ("q", .quit),
    ])
    func linesBecomeActions(line: String, action: Palette.Action) {
        #expect(Palette.parse(line) == .success(action))
    }

    @Test func mistakesAreExplainedInTheOperatorsLanguage() {
        guard case .failure(let problem) = Palette.parse("sone blå") else { Issue.record("accepted"); return }
        #expect(problem.message(.nb).contains("rød, gul eller alle"))
        guard case .failure(let unknown) = Palette.parse("fly") else { Issue.record("accepted"); return }
        #expect(unknown.message(.en).contains("unknown command"))
    }

    @Test func tabCompletesVerbsAndArguments() {
        #expect(Palette.complete("te", municipalities: []) == "tema ")
        #expect(Palette.complete("tema mo", municipalities: []) == "tema monokrom")
        #expect(Palette.complete("kommune Bo", municipalities: ["Bodø", "Bergen", "Tromsø"]) == "kommune Bodø")
        #expect(Palette.complete("språk e", municipalities: []) == "språk en")
    }
}
