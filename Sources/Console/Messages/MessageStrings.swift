import VardeDomain

/// The words of the messages tab and the message editor, per language.
struct MessageStrings {
    var noMessages: String
    var status: [MessageStatus: String]
    var toPatient: String
    var unread: String
    var moreLines: String
    var newMessage: String
    var replyTo: String
    var editorHints: String
    var tabHints: String
    /// "%d of %d characters"
    var counter: String
    /// "… %d characters were left out"
    var tooLong: String
    var empty: String
    var queued: String
    var templates: String
    var noTemplates: String
    /// "%d message(s) in the outbox"
    var outbox: String
    var draftKept: String
    var retried: String
    var nothingToRetry: String
    var earlier: String
    /// Under a thread scrolled back: later messages are below.
    var later: String

    static func of(_ language: Language) -> MessageStrings { language == .nb ? nb : en }

    static let nb = MessageStrings(
        noMessages: "Ingen meldinger med pasienten ennå. n skriver en ny.",
        status: [.queued: "i utboks", .sent: "sendt", .read: "lest", .failed: "feilet", .received: ""],
        toPatient: "til pasienten", unread: "ny", moreLines: "… %d linjer til",
        newMessage: "Ny melding til %@", replyTo: "Svar til %@",
        editorHints: "Ctrl-s send · Esc lagre utkast · Ctrl-t maler · Ctrl-w slett ord",
        tabHints: "n ny melding · s svar · r send feilet på nytt · PgUp/PgDn bla · Esc tilbake",
        counter: "%d/%d tegn", tooLong: "Meldingen kan ikke være lengre enn 1000 tegn: %d tegn ble ikke med.",
        empty: "Meldingen er tom.", queued: "Meldingen ligger i utboksen og sendes så snart serveren svarer.",
        templates: "Maler: velg med 1–9, Esc lukker", noTemplates: "Ingen maler i config.toml",
        outbox: "%d i utboks", draftKept: "Utkastet er lagret.", retried: "Meldingen sendes på nytt.",
        nothingToRetry: "Ingen feilede meldinger.", earlier: "↑ eldre meldinger (PgUp)", later: "↓ nyere meldinger (PgDn)")

    static let en = MessageStrings(
        noMessages: "No messages with the patient yet. n writes one.",
        status: [.queued: "in outbox", .sent: "sent", .read: "read", .failed: "failed", .received: ""],
        toPatient: "to the patient", unread: "new", moreLines: "… %d more lines",
        newMessage: "New message to %@", replyTo: "Reply to %@",
        editorHints: "Ctrl-s send · Esc keep draft · Ctrl-t templates · Ctrl-w delete word",
        tabHints: "n new message · s reply · r resend failed · PgUp/PgDn scroll · Esc back",
        counter: "%d/%d characters", tooLong: "A message cannot be longer than 1000 characters: %d characters were left out.",
        empty: "The message is empty.", queued: "The message is in the outbox and goes as soon as the server answers.",
        templates: "Templates: choose with 1–9, Esc closes", noTemplates: "No templates in config.toml",
        outbox: "%d in outbox", draftKept: "The draft is kept.", retried: "The message will be sent again.",
        nothingToRetry: "No failed messages.", earlier: "↑ earlier messages (PgUp)", later: "↓ later messages (PgDn)")
}
