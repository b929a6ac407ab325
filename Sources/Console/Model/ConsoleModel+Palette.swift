import Foundation
import VardeDomain
import VardeTerminal

/// Carrying out a `:` line; problems are said in the status line, never by crashing.
extension ConsoleModel {
    mutating func runPalette(_ line: String) -> [Effect] {
        paletteHistory.removeAll { $0 == line }
        paletteHistory.append(line)
        switch Palette.parse(line) {
        case .failure(let problem):
            say(problem.message(context.language))
        case .success(.quit):
            return (dirtyDraft().map { [$0] } ?? []) + [.quit]
        case .success(.municipality(let name)):
            // Back to the queue, narrowed: from a patient, the patient list or the handover alike.
            popToQueue()
            queue.setMunicipalityFilter(name)
        case .success(.zone(let zone)):
            popToQueue()
            queue.setZoneFilter(zone)
        case .success(.mine(let mine)):
            queue.setOnlyMine(mine)
        case .success(.caseload):
            return ScreenDirectory.opener(.caseload).map { $0(&self) } ?? []
        case .success(.quarantine):
            return ScreenDirectory.opener(.quarantine).map { $0(&self) } ?? []
        case .success(.open(let id)):
            return ScreenDirectory.opener(id).map { $0(&self) } ?? []
        case .success(.lock):
            idleLock.lock()
        case .success(.acknowledgeAll):
            if redWatch.unseen.isEmpty { say(words.noNewRed) } else { redWatch.seenAll() }
        case .success(.theme(let name)):
            return [.loadTheme(name)]
        case .success(.language(let language)):
            context.language = language
            queue.language = language
            queue.languageChanged()
            say(language.strings.languageSwitched)
        case .success(.patient(let name)):
            // Every patient the operator may see, not only the queue's: one hit opens, several are listed.
            return [.listPatients(search: name, sort: .municipality, refresh: false)]
        }
        return []
    }

    /// Leaves the patient view (and whatever is over it) for the queue.
    mutating func closePatient() {
        if let index = patientLayerIndex { stack.removeSubrange(index...) }
        if stack.isEmpty { stack = [QueueLayer()] }
    }
}
