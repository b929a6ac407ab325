import Foundation
import VardeDomain

/// The `:` command palette: what a typed line asks for, and how Tab completes it.
public enum Palette {
    /// What a palette line does.
    public enum Action: Equatable, Sendable {
        case municipality(String)
        case zone(Zone?)
        case theme(String)
        case language(Language)
        case patient(String)
        /// Only the alerts the operator has claimed (`:mine`); `:alle` shows every alert again.
        case mine(Bool)
        case quit
    }

    /// The palette's words in both languages (Norwegian first: `:kommune Bodø`, `:sone rød`, …).
    static let verbs: [(nb: String, en: String)] = [
        ("kommune", "municipality"), ("sone", "zone"), ("tema", "theme"), ("språk", "language"),
        ("pasient", "patient"), ("mine", "mine"), ("alle", "all"), ("q", "quit"),
    ]

    public static let themes = ["default", "hoykontrast", "fargeblind", "monokrom"]

    /// The action of a line, or a message saying what is wrong with it.
    public static func parse(_ line: String) -> Result<Action, PaletteProblem> {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        let verb = String(trimmed.prefix { $0 != " " }).lowercased()
        let argument = trimmed.dropFirst(verb.count).trimmingCharacters(in: .whitespaces)
        switch verb {
        case "kommune", "municipality": return .success(.municipality(argument))
        case "sone", "zone":
            switch argument.lowercased() {
            case "rød", "rod", "red": return .success(.zone(.red))
            case "gul", "yellow": return .success(.zone(.yellow))
            case "", "alle", "all": return .success(.zone(nil))
            default: return .failure(PaletteProblem(line: line, nb: "ukjent sone «\(argument)»: bruk rød, gul eller alle",
                                                    en: "unknown zone '\(argument)': use red, yellow or all"))
            }
        case "tema", "theme": return .success(.theme(argument))
        case "språk", "sprak", "language":
            guard let language = Language(rawValue: argument.lowercased()) else {
                return .failure(PaletteProblem(line: line, nb: "ukjent språk «\(argument)»: bruk nb eller en",
                                               en: "unknown language '\(argument)': use nb or en"))
            }
            return .success(.language(language))
        case "pasient", "patient": return .success(.patient(argument))
        case "mine": return .success(.mine(true))
        case "alle", "all": return .success(.mine(false))
        case "q", "quit", "avslutt": return .success(.quit)
        default:
            return .failure(PaletteProblem(line: line, nb: "ukjent kommando «\(verb)»: prøv kommune, sone, tema, språk, pasient, q",
                                           en: "unknown command '\(verb)': try municipality, zone, theme, language, patient, q"))
        }
    }

    /// Tab completion: the verb first, then its argument from the given choices.
    public static func complete(_ line: String, municipalities: [String]) -> String {
        guard let space = line.firstIndex(of: " ") else {
            let matches = verbs.flatMap { [$0.nb, $0.en] }.filter { $0.hasPrefix(line.lowercased()) }
            return matches.count == 1 ? matches[0] + " " : commonPrefix(matches) ?? line
        }
        let verb = line[..<space].lowercased()
        let argument = String(line[line.index(after: space)...])
        let choices: [String]
        switch verb {
        case "tema", "theme": choices = themes
        case "språk", "sprak", "language": choices = ["nb", "en"]
        case "sone", "zone": choices = ["rød", "gul", "alle"]
        case "kommune", "municipality": choices = municipalities
        default: choices = []
        }
        let matches = choices.filter { $0.lowercased().hasPrefix(argument.lowercased()) }
        if matches.count == 1 { return "\(verb) \(matches[0])" }
        return commonPrefix(matches).map { "\(verb) \($0)" } ?? line
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
