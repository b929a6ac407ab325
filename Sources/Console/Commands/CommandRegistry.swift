import VardeTerminal

/// Where a command applies.
public enum CommandContext: String, CaseIterable, Sendable {
    case global, queue, patient
    /// The leader's caseload view (`o`, `:saksmengde`).
    case caseload
    /// The patient list and its search results (`:pasienter`, `:pasient NAVN`).
    case patients
    /// The shift handover (`:vakt`).
    case handover
    /// The contact panel over the patient view (`K`, `:kontakter`).
    case contacts
    /// A journal note being written or on its way to the service (after resolving, `:notat`).
    case note
    /// Reopening a resolved alert or correcting its note (`o`, `e` in the patient's history).
    case amend
}

/// What a command does, named once: the console's key handler and the palette switch over these.
public enum CommandID: String, CaseIterable, Sendable {
    case down, up, halfDown, halfUp, first, last
    case open, plan, claim, release, resolve, filter, clearFilter
    case trendsTab, planTab, messagesTab, historyTab, nextTab, previousTab, period, back
    case write, compose, reply, resend, olderMessages, newerMessages, scrollDown, scrollUp
    case palette, help, lock, redraw, quit, showNewRed
    case municipality, zone, theme, language, patient, mine, all, quarantine, caseload
    case nextMunicipality, previousMunicipality, filterMunicipalities, responseWindow, municipalityQueue, leaveCaseload
    case patientList, nextPatient, previousPatient, openListed, sortPatients, searchPatients, leavePatients
    case handover, handoverDown, handoverUp, leaveHandover
    case contacts, revealNationalID, leaveContacts
    case acknowledgeAll
    case saveNote, copyNote, resendNote, noteDown, noteUp, leaveNote, freeNote
    case reopenAlert, correctNote, nextResolved, previousResolved, confirmAmend, leaveAmend
    case handoverSince, exportHandover
}

/// One thing the operator can do: its name, what it does in both languages, where, its keys and
/// its palette words. The key handling, the `:` palette, the `?` overlay and the keymap tables in
/// Manual.md all come from this list.
public struct ConsoleCommand: Sendable, Equatable {
    public var id: CommandID
    public var context: CommandContext
    /// Other places the command works (claim, release and resolve also work in the patient view).
    public var alsoIn: [CommandContext] = []
    public var keys: [Key]
    public var keyNames: [String]
    /// The palette words (`kommune`, `municipality`), Norwegian first; empty for keys-only commands.
    public var verbs: [String]
    /// How the palette line is written, e.g. `kommune NAVN`.
    public var usage: String?
    public var nb: String
    public var en: String

    public init(id: CommandID, context: CommandContext, alsoIn: [CommandContext] = [], keys: [Key] = [],
                keyNames: [String] = [], verbs: [String] = [], usage: String? = nil, nb: String, en: String) {
        self.id = id
        self.context = context
        self.alsoIn = alsoIn
        self.keys = keys
        self.keyNames = keyNames
        self.verbs = verbs
        self.usage = usage
        self.nb = nb
        self.en = en
    }

    public func description(_ language: Language) -> String { language == .nb ? nb : en }

    /// True when the command works in `place` (not counting the commands that work everywhere).
    public func works(in place: CommandContext) -> Bool { context == place || alsoIn.contains(place) }
}

/// The command registry.
public enum CommandRegistry {
    public static let all: [ConsoleCommand] = [
        .init(id: .down, context: .queue, keys: [.down, .character("j")], keyNames: ["↓", "j"],
              nb: "neste rad", en: "next row"),
        .init(id: .up, context: .queue, keys: [.up, .character("k")], keyNames: ["↑", "k"],
              nb: "forrige rad", en: "previous row"),
        .init(id: .halfDown, context: .queue, keys: [.pageDown, .control("d")], keyNames: ["PgDn", "Ctrl-d"],
              nb: "en halv skjerm ned", en: "half a screen down"),
        .init(id: .halfUp, context: .queue, keys: [.pageUp, .control("u")], keyNames: ["PgUp", "Ctrl-u"],
              nb: "en halv skjerm opp", en: "half a screen up"),
        .init(id: .first, context: .queue, keys: [.home, .character("g")], keyNames: ["g", "Home"],
              nb: "første rad", en: "first row"),
        .init(id: .last, context: .queue, keys: [.end, .character("G")], keyNames: ["G", "End"],
              nb: "siste rad", en: "last row"),
        .init(id: .open, context: .queue, keys: [.enter], keyNames: ["Enter"],
              nb: "åpne pasienten", en: "open the patient"),
        .init(id: .plan, context: .queue, keys: [.character("p")], keyNames: ["p"],
              nb: "pasientens egenbehandlingsplan", en: "the patient's self-care plan"),
        .init(id: .claim, context: .queue, alsoIn: [.patient], keys: [.character("c")], keyNames: ["c"],
              nb: "ta varselet (andre ser at du har det)", en: "claim the alert (others see you have it)"),
        .init(id: .release, context: .queue, alsoIn: [.patient], keys: [.character("f")], keyNames: ["f"],
              nb: "frigi varselet", en: "release the alert"),
        .init(id: .resolve, context: .queue, alsoIn: [.patient], keys: [.character("x")], keyNames: ["x"],
              nb: "avslutt varselet med utfall og notat", en: "resolve the alert with an outcome and a note"),
        .init(id: .write, context: .queue, keys: [.character("m")], keyNames: ["m"],
              nb: "skriv til pasienten (åpner meldinger med utkastet)", en: "write to the patient (opens messages with the draft)"),
        .init(id: .filter, context: .queue, keys: [.character("/")], keyNames: ["/"],
              nb: "filtrer køen (pasient, kommune, måling; ! snur)", en: "filter the queue (patient, municipality, measurement; ! inverts)"),
        .init(id: .clearFilter, context: .queue, keys: [.escape], keyNames: ["Esc"],
              nb: "fjern filteret, kommunen og sonen", en: "clear the filter, municipality and zone"),
        .init(id: .trendsTab, context: .patient, keys: [.character("1")], keyNames: ["1"],
              nb: "fane: trender", en: "tab: trends"),
        .init(id: .planTab, context: .patient, keys: [.character("2")], keyNames: ["2"],
              nb: "fane: plan", en: "tab: plan"),
        .init(id: .messagesTab, context: .patient, keys: [.character("3")], keyNames: ["3"],
              nb: "fane: meldinger med pasienten", en: "tab: messages with the patient"),
        .init(id: .historyTab, context: .patient, keys: [.character("4")], keyNames: ["4"],
              nb: "fane: historikk (hvem gjorde hva)", en: "tab: history (who did what)"),
        .init(id: .nextTab, context: .patient, keys: [.tab, .right, .character("l")], keyNames: ["Tab", "→", "l"],
              nb: "neste fane", en: "next tab"),
        .init(id: .previousTab, context: .patient, keys: [.backTab, .left, .character("h")], keyNames: ["Shift-Tab", "←", "h"],
              nb: "forrige fane", en: "previous tab"),
        .init(id: .period, context: .patient, keys: [.character("t")], keyNames: ["t"],
              nb: "periode: 7, 30 eller 90 dager", en: "period: 7, 30 or 90 days"),
        .init(id: .compose, context: .patient, keys: [.character("n")], keyNames: ["n"],
              nb: "ny melding til pasienten (Ctrl-s sender, Esc lagrer utkast)", en: "new message to the patient (Ctrl-s sends, Esc keeps a draft)"),
        .init(id: .reply, context: .patient, keys: [.character("s")], keyNames: ["s"],
              nb: "svar på pasientens siste melding", en: "reply to the patient's last message"),
        .init(id: .resend, context: .patient, keys: [.character("r")], keyNames: ["r"],
              nb: "send en feilet melding på nytt", en: "send a failed message again"),
        .init(id: .scrollDown, context: .patient, keys: [.down, .character("j")], keyNames: ["↓", "j"],
              nb: "bla ned en linje (neste graf i trender)", en: "scroll down a line (the next chart in trends)"),
        .init(id: .scrollUp, context: .patient, keys: [.up, .character("k")], keyNames: ["↑", "k"],
              nb: "bla opp en linje (forrige graf i trender)", en: "scroll up a line (the previous chart in trends)"),
        .init(id: .olderMessages, context: .patient, keys: [.pageUp], keyNames: ["PgUp"],
              nb: "side opp (eldre meldinger)", en: "page up (earlier messages)"),
        .init(id: .newerMessages, context: .patient, keys: [.pageDown], keyNames: ["PgDn"],
              nb: "side ned (nyere meldinger)", en: "page down (later messages)"),
        .init(id: .back, context: .patient, keys: [.escape], keyNames: ["Esc"],
              nb: "tilbake til køen", en: "back to the queue"),
        .init(id: .nextMunicipality, context: .caseload, keys: [.down, .character("j")], keyNames: ["↓", "j"],
              nb: "neste kommune", en: "next municipality"),
        .init(id: .previousMunicipality, context: .caseload, keys: [.up, .character("k")], keyNames: ["↑", "k"],
              nb: "forrige kommune", en: "previous municipality"),
        .init(id: .filterMunicipalities, context: .caseload, keys: [.character("/")], keyNames: ["/"],
              nb: "filtrer kommunene (navn eller nummer)", en: "filter the municipalities (name or number)"),
        .init(id: .responseWindow, context: .caseload, keys: [.character("t")], keyNames: ["t"],
              nb: "svartider for i dag, 7 eller 30 dager", en: "response times for today, 7 or 30 days"),
        .init(id: .municipalityQueue, context: .caseload, keys: [.enter], keyNames: ["Enter"],
              nb: "kommunens kø (bare dens varsler)", en: "the municipality's queue (only its alerts)"),
        .init(id: .leaveCaseload, context: .caseload, keys: [.escape], keyNames: ["Esc"],
              nb: "fjern filteret, ellers tilbake til køen", en: "clear the filter, else back to the queue"),
        .init(id: .nextPatient, context: .patients, keys: [.down, .character("j")], keyNames: ["↓", "j"],
              nb: "neste pasient", en: "next patient"),
        .init(id: .previousPatient, context: .patients, keys: [.up, .character("k")], keyNames: ["↑", "k"],
              nb: "forrige pasient", en: "previous patient"),
        .init(id: .openListed, context: .patients, keys: [.enter], keyNames: ["Enter"],
              nb: "åpne pasienten", en: "open the patient"),
        .init(id: .sortPatients, context: .patients, keys: [.character("s")], keyNames: ["s"],
              nb: "sorter: kommune, siste måling, plan, manglende målinger, åpent varsel",
              en: "sort: municipality, last measurement, plan, missing measurements, open alert"),
        .init(id: .searchPatients, context: .patients, keys: [.character("/")], keyNames: ["/"],
              nb: "søk blant alle pasientene (navn, fødselsnummer, kommune)", en: "search every patient (name, national ID, municipality)"),
        .init(id: .leavePatients, context: .patients, keys: [.escape], keyNames: ["Esc"],
              nb: "tilbake", en: "back"),
        .init(id: .handoverDown, context: .handover, keys: [.down, .character("j")], keyNames: ["↓", "j"],
              nb: "bla ned", en: "scroll down"),
        .init(id: .handoverUp, context: .handover, keys: [.up, .character("k")], keyNames: ["↑", "k"],
              nb: "bla opp", en: "scroll up"),
        .init(id: .handoverSince, context: .handover, keys: [.character("t")], keyNames: ["t"],
              nb: "fra når: 12h, 2d, 08:00 eller 22.11 08:00 (Enter viser)", en: "since when: 12h, 2d, 08:00 or 22.11 08:00 (Enter shows)"),
        .init(id: .exportHandover, context: .handover, keys: [.character("e")], keyNames: ["e"],
              nb: "eksporter som tekst eller Markdown til en fil (stien vises)", en: "export as text or Markdown to a file (the path is shown)"),
        .init(id: .leaveHandover, context: .handover, keys: [.escape], keyNames: ["Esc"],
              nb: "tilbake", en: "back"),
        .init(id: .contacts, context: .patient, keys: [.character("K")], keyNames: ["K"], verbs: ["kontakter", "contacts"],
              usage: "kontakter", nb: "kontakter: telefon, pårørende, fastlege og fødselsnummer",
              en: "contacts: phone, next of kin, GP and national ID"),
        .init(id: .revealNationalID, context: .contacts, keys: [.character("f")], keyNames: ["f"],
              nb: "vis hele fødselsnummeret (logges i tilgangsloggen)", en: "show the whole national ID (written to the access log)"),
        .init(id: .leaveContacts, context: .contacts, keys: [.escape], keyNames: ["Esc"],
              nb: "tilbake til pasienten", en: "back to the patient"),
        .init(id: .reopenAlert, context: .patient, keys: [.character("o")], keyNames: ["o"],
              nb: "gjenåpne et varsel avsluttet i dag (i historikken)", en: "reopen an alert resolved today (in the history)"),
        .init(id: .correctNote, context: .patient, keys: [.character("e")], keyNames: ["e"],
              nb: "rett notatet til et varsel du avsluttet i dag (i historikken)", en: "correct the note of an alert you resolved today (in the history)"),
        .init(id: .nextResolved, context: .amend, keys: [.down], keyNames: ["↓"],
              nb: "neste avsluttede varsel", en: "next resolved alert"),
        .init(id: .previousResolved, context: .amend, keys: [.up], keyNames: ["↑"],
              nb: "forrige avsluttede varsel", en: "previous resolved alert"),
        .init(id: .confirmAmend, context: .amend, keys: [.enter], keyNames: ["Enter"],
              nb: "gjenåpne, eller lagre rettingen", en: "reopen, or save the correction"),
        .init(id: .leaveAmend, context: .amend, keys: [.escape], keyNames: ["Esc"],
              nb: "avbryt", en: "cancel"),
        .init(id: .saveNote, context: .note, keys: [.control("s")], keyNames: ["Ctrl-s"],
              nb: "lagre notatet; synken leverer det til tjenesten én gang", en: "save the note; the sync delivers it to the service once"),
        .init(id: .copyNote, context: .note, keys: [.control("y")], keyNames: ["Ctrl-y"],
              nb: "kopier notatet til utklippstavlen (OSC 52)", en: "copy the note to the clipboard (OSC 52)"),
        .init(id: .resendNote, context: .note, keys: [.character("r")], keyNames: ["r"],
              nb: "send et notat tjenesten avviste på nytt", en: "send a note the service refused again"),
        .init(id: .noteDown, context: .note, keys: [.down, .character("j")], keyNames: ["↓", "j"],
              nb: "bla ned i et lagret notat", en: "scroll a saved note down"),
        .init(id: .noteUp, context: .note, keys: [.up, .character("k")], keyNames: ["↑", "k"],
              nb: "bla opp i et lagret notat", en: "scroll a saved note up"),
        .init(id: .leaveNote, context: .note, keys: [.escape], keyNames: ["Esc"],
              nb: "lukk notatet (spør først om endringer ikke er lagret)", en: "close the note (asks first if changes are not saved)"),
        .init(id: .palette, context: .global, keys: [.character(":")], keyNames: [":"],
              nb: "kommandolinje (se kommandoene under)", en: "command line (see the commands below)"),
        .init(id: .showNewRed, context: .global, keys: [.character("!")], keyNames: ["!"],
              nb: "vis det nye røde varselet i banneret (og kvitter for det)", en: "show the new red alert in the banner (and mark it seen)"),
        .init(id: .help, context: .global, keys: [.character("?")], keyNames: ["?"],
              nb: "hjelp: alle taster og kommandoer", en: "help: every key and command"),
        .init(id: .lock, context: .global, keys: [.character("L")], keyNames: ["L"], verbs: ["lås", "las", "lock"],
              usage: "lås", nb: "lås skjermen nå (pasientdata skjules)", en: "lock the screen now (patient data hidden)"),
        .init(id: .redraw, context: .global, keys: [.control("l")], keyNames: ["Ctrl-l"],
              nb: "tegn hele skjermen på nytt", en: "redraw the whole screen"),
        .init(id: .quit, context: .global, keys: [.character("q"), .control("c")], keyNames: ["q", "Ctrl-c"],
              verbs: ["q", "avslutt", "quit"], usage: "q", nb: "avslutt", en: "quit"),
        .init(id: .municipality, context: .queue, verbs: ["kommune", "municipality"], usage: "kommune NAVN",
              nb: "bare kommunens varsler (uten navn: alle)", en: "only that municipality's alerts (no name: all)"),
        .init(id: .zone, context: .queue, verbs: ["sone", "zone"], usage: "sone rød|gul|alle",
              nb: "bare røde eller gule varsler, eller alle", en: "only red or yellow alerts, or all"),
        .init(id: .mine, context: .queue, verbs: ["mine"], usage: "mine",
              nb: "bare varslene du har tatt", en: "only the alerts you have claimed"),
        .init(id: .all, context: .queue, verbs: ["alle", "all"], usage: "alle",
              nb: "alle varsler igjen", en: "every alert again"),
        .init(id: .patient, context: .global, verbs: ["pasient", "patient"], usage: "pasient SØK",
              nb: "søk blant alle pasientene du kan se (navn, fødselsnummer, kommunenummer); ett treff åpnes",
              en: "search every patient you may see (name, national ID, municipality number); a single hit opens"),
        .init(id: .patientList, context: .global, verbs: ["pasienter", "patients"], usage: "pasienter",
              nb: "pasientlisten: alle pasientene du kan se (Esc tilbake)", en: "the patient list: every patient you may see (Esc back)"),
        .init(id: .handover, context: .global, verbs: ["vakt", "handover"], usage: "vakt",
              nb: "vaktoverlevering siden forrige vakt (Esc tilbake)", en: "shift handover since the previous shift (Esc back)"),
        .init(id: .caseload, context: .queue, keys: [.character("o")], keyNames: ["o"], verbs: ["saksmengde", "caseload"],
              usage: "saksmengde", nb: "saksmengde: per kommune og sykepleier (for leder)",
              en: "caseload: per municipality and nurse (for the leader)"),
        .init(id: .quarantine, context: .global, verbs: ["karantene", "quarantine"], usage: "karantene",
              nb: "det synken la til side, med grunnen (Esc tilbake)", en: "what the sync set aside, with the reason (Esc back)"),
        .init(id: .freeNote, context: .global, verbs: ["notat", "note"], usage: "notat",
              nb: "skriv et journalnotat om den åpne pasienten (eller radens)", en: "write a journal note about the open patient (or the row's)"),
        .init(id: .acknowledgeAll, context: .global, verbs: ["kvitter", "acknowledge"], usage: "kvitter",
              nb: "kvitter for alle nye røde varsler i banneret", en: "mark every new red alert in the banner seen"),
        .init(id: .theme, context: .global, verbs: ["tema", "theme"], usage: "tema NAVN",
              nb: "bytt fargetema nå", en: "switch the colour theme now"),
        .init(id: .language, context: .global, verbs: ["språk", "sprak", "language"], usage: "språk nb|en",
              nb: "bytt språk nå", en: "switch the language now"),
    ]

    /// The command a key runs in a context (context commands before global ones).
    public static func command(for key: Key, in context: CommandContext) -> ConsoleCommand? {
        all.first { $0.works(in: context) && $0.keys.contains(key) }
            ?? all.first { $0.context == .global && $0.keys.contains(key) }
    }

    /// Commands with keys that work in a context, the context's own first.
    public static func commands(in context: CommandContext) -> [ConsoleCommand] {
        all.filter { !$0.keys.isEmpty && $0.works(in: context) && $0.context != .global } + all.filter { !$0.keys.isEmpty && $0.context == .global }
    }

    /// Palette commands that work in a context.
    public static func paletteCommands(in context: CommandContext) -> [ConsoleCommand] {
        all.filter { !$0.verbs.isEmpty && ($0.context == context || $0.context == .global) }
    }

    /// The palette command a word names (`kommune`, `municipality`), case ignored.
    public static func command(verb: String) -> ConsoleCommand? {
        let word = verb.lowercased()
        return all.first { $0.verbs.contains(word) }
    }

    static func place(_ context: CommandContext, _ language: Language) -> String {
        switch context {
        case .global: language == .nb ? "overalt" : "everywhere"
        case .queue: language == .nb ? "kø" : "queue"
        case .patient: language == .nb ? "pasient" : "patient"
        case .caseload: language == .nb ? "saksmengde" : "caseload"
        case .patients: language == .nb ? "pasientliste" : "patient list"
        case .handover: language == .nb ? "vakt" : "handover"
        case .contacts: language == .nb ? "kontakter" : "contacts"
        case .note: language == .nb ? "notat" : "note"
        case .amend: language == .nb ? "gjenåpne/rett" : "reopen/correct"
        }
    }

    /// The keymap as the Markdown table Manual.md carries.
    public static func markdownTable(_ language: Language) -> String {
        let header = language == .nb ? "| tast | hvor | hva | navn i `[keys]` |\n|---|---|---|---|\n"
                                     : "| key | where | what | name in `[keys]` |\n|---|---|---|---|\n"
        return header + all.filter { !$0.keys.isEmpty }.map { command in
            let keys = command.keyNames.map { "`\($0)`" }.joined(separator: " / ")
            let places = ([command.context] + command.alsoIn).map { place($0, language) }.joined(separator: ", ")
            return "| \(keys) | \(places) | \(command.description(language)) | `\(command.id.rawValue)` |"
        }.joined(separator: "\n") + "\n"
    }

    /// The palette commands as the Markdown table Manual.md carries.
    public static func paletteMarkdownTable(_ language: Language) -> String {
        let header = language == .nb ? "| kommando | også | hvor | hva |\n|---|---|---|---|\n"
                                     : "| command | also | where | what |\n|---|---|---|---|\n"
        return header + all.filter { !$0.verbs.isEmpty }.map { command in
            let also = command.verbs.dropFirst().map { ":\($0)" }.joined(separator: ", ")
            let usage = (command.usage ?? command.verbs[0]).replacingOccurrences(of: "|", with: "\\|")
            return "| `:\(usage)` | \(also) | \(place(command.context, language)) | \(command.description(language)) |"
        }.joined(separator: "\n") + "\n"
    }
}
