import Foundation
import VardeDomain

/// The `:` command palette: what a typed line asks for, and how Tab completes it. Its words come
/// from the command registry.
public enum Palette {
    /// What a palette line does.
    public enum Action: Equatable, Sendable {
        /// Only one municipality's alerts; an empty name shows every municipality again.
        case municipality(String)
        case zone(Zone?)
        case theme(String)
        case language(Language)
        case patient(String)
        /// Only the alerts the operator has claimed (`:mine`); `:alle` shows every alert again.
        case mine(Bool)
        /// The resources the sync set aside (`:karantene`).
        case quarantine
        /// The supervisor's caseload view (`:saksmengde`).
        case caseload
        /// Covers the screen at once (`:lås`, L).
        case lock
        /// Every new red alert in the banner marked seen (`:kvitter`).
        case acknowledgeAll
        case quit
        /// A screen the command opens (see `ScreenDirectory`).
        case open(CommandID)
    }

    public static let themes = ["default", "hoykontrast", "fargeblind", "monokrom"]

    /// Every palette word, Norwegian and English.
    static var verbs: [String] { CommandRegistry.all.flatMap(\.verbs) }

    /// The action of a line, or a message saying what is wrong with it.
    public static func parse(_ line: String) -> Result<Action, PaletteProblem> {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        let verb = String(trimmed.prefix { $0 != " " }).lowercased()
        let argument = trimmed.dropFirst(verb.count).trimmingCharacters(in: .whitespaces)
        guard let command = CommandRegistry.command(verb: verb) else {
            return .failure(PaletteProblem(line: line, nb: "ukjent kommando «\(verb)»: ? viser kommandoene",
                                           en: "unknown command '\(verb)': ? lists the commands"))
        }
        switch command.id {
        case .municipality: return .success(.municipality(argument))
        case .zone:
            switch argument.lowercased() {
            case "rød", "rod", "red": return .success(.zone(.red))
            case "gul", "yellow": return .success(.zone(.yellow))
            case "", "alle", "all": return .success(.zone(nil))
            default: return .failure(PaletteProblem(line: line, nb: "ukjent sone «\(argument)»: bruk rød, gul eller alle",
                                                    en: "unknown zone '\(argument)': use red, yellow or all"))
            }
        case .theme:
            guard !argument.isEmpty else {
                return .failure(PaletteProblem(line: line, nb: "hvilket tema? \(themes.joined(separator: ", "))",
                                               en: "which theme? \(themes.joined(separator: ", "))"))
            }
            return .success(.theme(argument))
        case .language:
            guard let language = Language(rawValue: argument.lowercased()) else {
                return .failure(PaletteProblem(line: line, nb: "ukjent språk «\(argument)»: bruk nb eller en",
                                               en: "unknown language '\(argument)': use nb or en"))
            }
            return .success(.language(language))
        case .patient:
            guard !argument.isEmpty else {
                return .failure(PaletteProblem(line: line, nb: "hvilken pasient? skriv :pasient og en del av navnet",
                                               en: "which patient? type :patient and part of the name"))
            }
            return .success(.patient(argument))
        case .mine: return .success(.mine(true))
        case .all: return .success(.mine(false))
        case .lock: return .success(.lock)
        case .acknowledgeAll: return .success(.acknowledgeAll)
        case .quarantine: return .success(.quarantine)
        case .caseload: return .success(.caseload)
        case .quit: return .success(.quit)
        default:
            if ScreenDirectory.opener(command.id) != nil { return .success(.open(command.id)) }
            return .failure(PaletteProblem(line: line, nb: "«\(verb)» er en tast, ikke en kommando: ? viser tastene",
                                           en: "'\(verb)' is a key, not a command: ? lists the keys"))
        }
    }

    /// What Tab made of a line: the line completed as far as every candidate agrees, and the
    /// candidates when more than one is left (shown beside the line).
    public struct Completion: Equatable, Sendable {
        public var line: String
        public var candidates: [String]
        public init(line: String, candidates: [String]) {
            self.line = line
            self.candidates = candidates
        }
    }

    /// Tab completion: the verb first (synonyms of one command count as one), then its argument
    /// from the given choices (themes, languages, zones, municipalities).
    public static func completion(_ line: String, municipalities: [String], themes: [String] = themes) -> Completion {
        guard let space = line.firstIndex(of: " ") else {
            let typed = line.lowercased()
            let matches = verbs.filter { $0.hasPrefix(typed) }
            var commands: [CommandID] = []
            for verb in matches { if let id = CommandRegistry.command(verb: verb)?.id, !commands.contains(id) { commands.append(id) } }
            if commands.count == 1, let first = matches.first { return Completion(line: first + " ", candidates: []) }
            let shown = commands.compactMap { id in matches.first { CommandRegistry.command(verb: $0)?.id == id } }
            return Completion(line: commonPrefix(matches).map { $0.count > typed.count ? $0 : line } ?? line, candidates: shown)
        }
        let verb = line[..<space].lowercased()
        let argument = String(line[line.index(after: space)...])
        let choices: [String]
        switch CommandRegistry.command(verb: verb)?.id {
        case .theme?: choices = themes
        case .language?: choices = Language.allCases.map(\.rawValue)
        case .zone?: choices = ["rød", "gul", "alle"]
        case .municipality?: choices = municipalities
        default: choices = []
        }
        let matches = choices.filter { QueueState.fold($0).hasPrefix(QueueState.fold(argument)) }
        if matches.count == 1 { return Completion(line: "\(verb) \(matches[0])", candidates: []) }
        let prefix = commonPrefix(matches).flatMap { $0.count > argument.count ? "\(verb) \($0)" : nil }
        return Completion(line: prefix ?? line, candidates: matches)
    }

    /// The line Tab makes (see `completion`).
    public static func complete(_ line: String, municipalities: [String]) -> String {
        completion(line, municipalities: municipalities).line
    }

    /// The line with its last word deleted (Ctrl-w, as in a shell): trailing spaces, then the word.
    public static func deletingWord(_ line: String) -> String {
        var text = Substring(line)
        while text.last == " " { text = text.dropLast() }
        while let last = text.last, last != " " { text = text.dropLast() }
        return String(text)
    }

    static func commonPrefix(_ words: [String]) -> String? {
        guard var prefix = words.first else { return nil }
        for word in words.dropFirst() { while !word.hasPrefix(prefix) { prefix.removeLast() } }
        return prefix.isEmpty ? nil : prefix
    }
}

/// A palette line that cannot be carried out, with the reason in both languages.
public struct PaletteProblem: Error, Equatable, Sendable {
    public var line: String
    public var nb: String
    public var en: String
    public func message(_ language: Language) -> String { language == .nb ? nb : en }
}
