import VardeDomain

/// The words the console says about its own keys and effects, per language.
struct ModelStrings: Sendable {
    /// "%@ does nothing here · ? lists the keys"
    var nothingHere: String
    /// "%1 (%2) works in: %3"
    var onlyIn: String
    var noRow: String
    var noFilter: String
    var noNewRed: String
    var noOpenAlert: String
    var nothingToAnswer: String
    var sent: String
    var sendFailed: String
    var firstSync: String
    var tabNames: [String]
    /// "only on the %@ tab"
    var onlyOnTabTemplate: String
    /// "%@: %@"
    var cannotHandle: String
    var cannotResolve: String
    var cannotOpen: String
    var cannotLog: String
    var cannotMarkSeen: String
    var cannotReadDraft: String
    var cannotSaveDraft: String
    var cannotSend: String
    var cannotRetry: String
    var cannotCaseload: String
    var cannotTheme: String
    var cannotList: String
    var cannotHandover: String
    var cannotContacts: String
    var cannotReveal: String
    var alreadyShown: String
    var onlyInPatient: String
    let language: Language

    static func of(_ language: Language) -> ModelStrings { language == .nb ? nb : en }

    func failure(_ what: String, _ reason: String) -> String { "\(what): \(reason)" }

    func onlyOnTab(_ tab: PatientTab) -> String {
        onlyOnTabTemplate.replacingOccurrences(of: "%@", with: tabNames[tab.rawValue])
    }

    /// The resolve box's warning about what the patient wrote that nobody has opened.
    func unreadWarning(_ count: Int, messageItem: Bool) -> String {
        switch (language, messageItem) {
        case (.nb, false): "Pasienten har \(count) ulest\(count == 1 ? "" : "e") melding\(count == 1 ? "" : "er"): den blir liggende i køen."
        case (.nb, true): "Meldingen er ikke åpnet (3 i pasientvisningen viser den)."
        case (.en, false): "The patient has \(count) unread message\(count == 1 ? "" : "s"): it stays in the queue."
        case (.en, true): "The message has not been opened (3 in the patient view shows it)."
        }
    }

    static let nb = ModelStrings(
        nothingHere: "%@ gjør ingenting her · ? viser tastene", onlyIn: "%1 (%2) virker i: %3",
        noRow: "Ingen rad er valgt.", noFilter: "Ingen filter å fjerne.", noNewRed: "Ingen nye røde varsler.",
        noOpenAlert: "Pasienten har ikke noe åpent varsel.", nothingToAnswer: "Pasienten har ikke skrevet noe å svare på.",
        sent: "Meldingen er sendt.", sendFailed: "Meldingen ble ikke tatt imot av serveren: r sender på nytt.",
        firstSync: "første synk pågår …", tabNames: ["trender", "plan", "meldinger", "historikk"],
        onlyOnTabTemplate: "bare i fanen %@",
        cannotHandle: "Kunne ikke lagre steget", cannotResolve: "Kunne ikke avslutte varselet",
        cannotOpen: "Kunne ikke åpne pasienten", cannotLog: "Kunne ikke logge innsynet",
        cannotMarkSeen: "Kunne ikke merke meldingene som lest", cannotReadDraft: "Kunne ikke lese utkastet",
        cannotSaveDraft: "Kunne ikke lagre utkastet", cannotSend: "Meldingen ble ikke lagt i utboksen",
        cannotRetry: "Kunne ikke sende meldingen på nytt", cannotCaseload: "Kunne ikke regne ut saksmengden",
        cannotTheme: "Kunne ikke bruke temaet %@", cannotList: "Kunne ikke lese pasientene",
        cannotHandover: "Kunne ikke lage vaktoverleveringen", cannotContacts: "Kunne ikke lese kontaktene",
        cannotReveal: "Fødselsnummeret ble ikke vist", alreadyShown: "Fødselsnummeret vises allerede.",
        onlyInPatient: "Åpne en pasient først (kontaktene hører til pasientvisningen).", language: .nb)

    static let en = ModelStrings(
        nothingHere: "%@ does nothing here · ? lists the keys", onlyIn: "%1 (%2) works in: %3",
        noRow: "No row is selected.", noFilter: "No filter to clear.", noNewRed: "No new red alerts.",
        noOpenAlert: "The patient has no open alert.", nothingToAnswer: "The patient has written nothing to answer.",
        sent: "The message was sent.", sendFailed: "The server did not take the message: r sends it again.",
        firstSync: "first sync under way …", tabNames: ["trends", "plan", "messages", "history"],
        onlyOnTabTemplate: "only on the %@ tab",
        cannotHandle: "Could not store the step", cannotResolve: "Could not resolve the alert",
        cannotOpen: "Could not open the patient", cannotLog: "Could not log the access",
        cannotMarkSeen: "Could not mark the messages read", cannotReadDraft: "Could not read the draft",
        cannotSaveDraft: "Could not save the draft", cannotSend: "The message did not go into the outbox",
        cannotRetry: "Could not send the message again", cannotCaseload: "Could not work out the caseload",
        cannotTheme: "Could not use the theme %@", cannotList: "Could not read the patients",
        cannotHandover: "Could not make the handover", cannotContacts: "Could not read the contacts",
        cannotReveal: "The national ID was not shown", alreadyShown: "The national ID is already shown.",
        onlyInPatient: "Open a patient first (the contacts belong to the patient view).", language: .en)
}
