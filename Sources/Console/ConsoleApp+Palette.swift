import Foundation
import VardeDomain
import VardeTerminal

/// The `:` palette line: editing it with completion and history, and carrying it out.
extension ConsoleApp {
    func editPalette(_ key: Key) -> Outcome {
        let line = state.paletteLine ?? ""
        state.paletteCandidates = []
        switch key {
        case .escape: state.paletteLine = nil
        case .backspace: state.paletteLine = line.isEmpty ? nil : String(line.dropLast())
        case .tab:
            let municipalities = Array(Set(state.allEntries.map(\.municipality.name))).sorted()
            let completion = Palette.completion(line, municipalities: municipalities, themes: Array(Set(Themes.names(folders: themeFolders) + Palette.themes)).sorted())
            state.paletteLine = completion.line
            state.paletteCandidates = completion.candidates
        case .control("u"): state.paletteLine = ""
        case .control("w"): state.paletteLine = Palette.deletingWord(line)
        case .up, .down:
            guard !paletteHistory.isEmpty else { break }
            let index = key == .up ? max(0, (historyIndex ?? paletteHistory.count) - 1)
                                   : min(paletteHistory.count - 1, (historyIndex ?? paletteHistory.count - 1) + 1)
            historyIndex = index
            state.paletteLine = paletteHistory[index]
        case .character(let c): state.paletteLine = line + String(c)
        case .enter:
            state.paletteLine = nil
            guard !line.trimmingCharacters(in: .whitespaces).isEmpty else { break }
            paletteHistory.removeAll { $0 == line }
            paletteHistory.append(line)
            return run(line)
        default: break
        }
        return .stay
    }

    /// Carries out a palette line; problems are said in the status line, never by crashing.
    func run(_ line: String) -> Outcome {
        switch Palette.parse(line) {
        case .failure(let problem):
            state.say(problem.message(state.language))
        case .success(.quit):
            return .quit
        case .success(.municipality(let name)):
            if case .patient = stack.last { stack.removeLast() }
            state.setMunicipalityFilter(name)
        case .success(.zone(let zone)):
            if case .patient = stack.last { stack.removeLast() }
            state.setZoneFilter(zone)
        case .success(.mine(let mine)):
            state.setOnlyMine(mine)
        case .success(.caseload):
            openCaseload()
        case .success(.quarantine):
            if case .quarantine = stack.last {} else { stack.append(.quarantine(scroll: 0)) }
        case .success(.lock):
            idleLock.lock()
        case .success(.theme(let name)):
            do {
                let noColour = ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false
                let loaded = try Themes.load(name, folders: themeFolders)
                theme = noColour ? loaded.withoutColour : loaded
                terminal.repaint() // every cell in the new colours, not only those that change later
                state.say(state.language.strings.themeSwitched.replacingOccurrences(of: "%@", with: name))
            } catch {
                state.say("\(error)")
            }
        case .success(.language(let language)):
            state.language = language
            let current = state.allEntries
            state.update(current)
            updatePatient { $0.language = language }
            state.say(language.strings.languageSwitched)
        case .success(.patient(let name)):
            let needle = QueueState.fold(name)
            if let index = state.entries.firstIndex(where: { QueueState.fold($0.patientName).contains(needle) }) {
                if case .patient = stack.last { stack.removeLast() }
                state.moveTo(index)
                openSelected(tab: .trends)
            } else {
                state.say(state.language.strings.noSuchPatient.replacingOccurrences(of: "%@", with: name))
            }
        }
        return .stay
    }
}
