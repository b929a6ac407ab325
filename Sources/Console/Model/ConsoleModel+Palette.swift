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
            closePatient()
            queue.setMunicipalityFilter(name)
        case .success(.zone(let zone)):
            closePatient()
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
        case .success(.theme(let name)):
            return [.loadTheme(name)]
        case .success(.language(let language)):
            context.language = language
            queue.language = language
            let current = queue.allEntries
            queue.update(current)
            say(language.strings.languageSwitched)
        case .success(.patient(let name)):
            let needle = QueueState.fold(name)
            guard let index = queue.entries.firstIndex(where: { QueueState.fold($0.patientName).contains(needle) }) else {
                say(context.language.strings.noSuchPatient.replacingOccurrences(of: "%@", with: name))
                return []
            }
            closePatient()
            queue.moveTo(index)
            return openSelected(tab: .trends)
        }
        return []
    }

    /// Leaves the patient view (and whatever is over it) for the queue.
    mutating func closePatient() {
        if let index = patientLayerIndex { stack.removeSubrange(index...) }
        if stack.isEmpty { stack = [QueueLayer()] }
    }
}
