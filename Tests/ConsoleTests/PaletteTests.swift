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

    @Test func sharedPrefixesCompleteAsFarAsTheyAgreeAndListTheCandidates() {
        let themes = Palette.completion("tema ", municipalities: [])
        #expect(themes.line == "tema " && themes.candidates == Palette.themes)
        #expect(Palette.completion("tema mo", municipalities: []) == .init(line: "tema monokrom", candidates: []))
        let languages = Palette.completion("språk ", municipalities: [])
        #expect(languages.candidates == ["nb", "en"])
        let verbs = Palette.completion("m", municipalities: [])
        #expect(verbs.line == "m" && verbs.candidates.contains("mine") && verbs.candidates.contains("municipality"))
        // Synonyms of one command (språk, sprak) are one candidate: completed at once.
        #expect(Palette.completion("sp", municipalities: []) == .init(line: "språk ", candidates: []))
        let towns = Palette.completion("kommune b", municipalities: ["Bodø", "Bodøsjøen", "Tromsø"])
        #expect(towns == .init(line: "kommune Bodø", candidates: ["Bodø", "Bodøsjøen"]))
        let custom = Palette.completion("tema ", municipalities: [], themes: ["default", "natt", "nattvakt"])
        #expect(custom.candidates == ["default", "natt", "nattvakt"])
        #expect(Palette.completion("tema n", municipalities: [], themes: ["default", "natt", "nattvakt"]).line == "tema natt")
    }

    @Test func ctrlWDeletesAWordAsShellsDo() {
        #expect(Palette.deletingWord("kommune Bodø") == "kommune ")
        #expect(Palette.deletingWord("kommune ") == "")
        #expect(Palette.deletingWord("tema  mono  ") == "tema  ")
        #expect(Palette.deletingWord("") == "")
    }
}
