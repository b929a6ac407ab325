import VardeTerminal

/// Where a command applies.
public enum CommandContext: String, CaseIterable, Sendable {
    case global, queue, patient
}

/// One thing the operator can do: its name, what it does in both languages, where, and its keys.
/// The key handling, the `?` overlay and the keymap table in Manual.md all come from this list.
public struct ConsoleCommand: Sendable, Equatable {
    public var id: String
    public var context: CommandContext
    public var keys: [Key]
    public var keyNames: [String]
    public var nb: String
    public var en: String

    public func description(_ language: Language) -> String { language == .nb ? nb : en }
}

/// The command registry.
public enum CommandRegistry {
    public static let all: [ConsoleCommand] = [
        .init(id: "down", context: .global, keys: [.down, .character("j")], keyNames: ["↓", "j"],
              nb: "neste rad", en: "next row"),
        .init(id: "up", context: .global, keys: [.up, .character("k")], keyNames: ["↑", "k"],
              nb: "forrige rad", en: "previous row"),
        .init(id: "halfDown", context: .global, keys: [.pageDown, .control("d")], keyNames: ["PgDn", "Ctrl-d"],
              nb: "en halv skjerm ned", en: "half a screen down"),
        .init(id: "halfUp", context: .global, keys: [.pageUp, .control("u")], keyNames: ["PgUp", "Ctrl-u"],
              nb: "en halv skjerm opp", en: "half a screen up"),
        .init(id: "first", context: .global, keys: [.home, .character("g")], keyNames: ["g", "Home"],
              nb: "første rad", en: "first row"),
        .init(id: "last", context: .global, keys: [.end, .character("G")], keyNames: ["G", "End"],
              nb: "siste rad", en: "last row"),
        .init(id: "open", context: .queue, keys: [.enter], keyNames: ["Enter"],
              nb: "åpne pasienten", en: "open the patient"),
        .init(id: "plan", context: .queue, keys: [.character("p")], keyNames: ["p"],
              nb: "pasientens egenbehandlingsplan", en: "the patient's self-care plan"),
        .init(id: "claim", context: .queue, keys: [.character("c")], keyNames: ["c"],
              nb: "ta varselet (andre ser at du har det)", en: "claim the alert (others see you have it)"),
        .init(id: "release", context: .queue, keys: [.character("f")], keyNames: ["f"],
              nb: "frigi varselet", en: "release the alert"),
        .init(id: "resolve", context: .queue, keys: [.character("x")], keyNames: ["x"],
              nb: "avslutt varselet med utfall og notat", en: "resolve the alert with an outcome and a note"),
        .init(id: "filter", context: .queue, keys: [.character("/")], keyNames: ["/"],
              nb: "filtrer køen (pasient, kommune, måling; ! snur)", en: "filter the queue (patient, municipality, measurement; ! inverts)"),
        .init(id: "trends", context: .patient, keys: [.character("1")], keyNames: ["1"],
              nb: "fane: trender", en: "tab: trends"),
        .init(id: "planTab", context: .patient, keys: [.character("2")], keyNames: ["2"],
              nb: "fane: plan", en: "tab: plan"),
        .init(id: "historyTab", context: .patient, keys: [.character("3")], keyNames: ["3"],
              nb: "fane: historikk (hvem gjorde hva)", en: "tab: history (who did what)"),
        .init(id: "nextTab", context: .patient, keys: [.tab], keyNames: ["Tab"],
              nb: "neste fane", en: "next tab"),
        .init(id: "period", context: .patient, keys: [.character("t")], keyNames: ["t"],
              nb: "periode: 7, 30 eller 90 dager", en: "period: 7, 30 or 90 days"),
        .init(id: "back", context: .patient, keys: [.escape], keyNames: ["Esc"],
              nb: "tilbake", en: "back"),
        .init(id: "palette", context: .global, keys: [.character(":")], keyNames: [":"],
              nb: "kommando: :kommune Bodø, :sone rød, :tema monokrom, :språk en, :pasient Hansen, :q",
              en: "command: :kommune Bodø, :sone rød, :tema monokrom, :språk en, :pasient Hansen, :q"),
        .init(id: "help", context: .global, keys: [.character("?")], keyNames: ["?"],
              nb: "hjelp: alle taster", en: "help: every key"),
        .init(id: "quit", context: .global, keys: [.character("q"), .control("c")], keyNames: ["q", "Ctrl-c"],
              nb: "avslutt", en: "quit"),
    ]

    /// The command a key runs in a context (context commands before global ones).
    public static func command(for key: Key, in context: CommandContext) -> ConsoleCommand? {
        all.first { $0.context == context && $0.keys.contains(key) }
            ?? all.first { $0.context == .global && $0.keys.contains(key) }
    }

    public static func commands(in context: CommandContext) -> [ConsoleCommand] {
        all.filter { $0.context == context || $0.context == .global }
    }

    /// The keymap as the Markdown table Manual.md carries.
    public static func markdownTable(_ language: Language) -> String {
        let header = language == .nb ? "| tast | hvor | hva |\n|---|---|---|\n" : "| key | where | what |\n|---|---|---|\n"
        let places: [CommandContext: (String, String)] = [.global: ("overalt", "everywhere"), .queue: ("kø", "queue"),
                                                           .patient: ("pasient", "patient")]
        return header + all.map { command in
            let keys = command.keyNames.map { "`\($0)`" }.joined(separator: " / ")
            let place = places[command.context].map { language == .nb ? $0.0 : $0.1 } ?? ""
            return "| \(keys) | \(place) | \(command.description(language)) |"
        }.joined(separator: "\n") + "\n"
    }
}
