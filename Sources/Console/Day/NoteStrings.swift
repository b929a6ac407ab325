import VardeDomain

/// The words of the note editor, reopening and correcting, and the handover's prompts, per language.
struct NoteStrings: Sendable {
    var savedHints: String
    var failedHints: String
    var discardPrompt: String
    var discardHelp: String
    var discarded: String
    var closedUnsaved: String
    var saved: String
    var saving: String
    var alreadySaved: String
    var empty: String
    var unchanged: String
    var onlyRefused: String
    var resent: String
    /// "%d characters were left out"
    var tooLong: String
    /// "%1 kB, at most %2 kB"
    var tooLongToCopy: String
    var notForThisKey: String
    var wroteToPatient: String
    var noPatient: String
    var cannotCompose: String
    var cannotSave: String
    var cannotRetry: String
    var cannotReadResolved: String
    var cannotAmend: String
    var cannotExport: String
    var reopenTitle: String
    var correctTitle: String
    /// "%1 resolved by %2: %3"
    var resolvedLine: String
    var reasonPrompt: String
    var correctionPrompt: String
    var reopenHints: String
    var correctHints: String
    var noneToday: String
    var reopened: String
    var corrected: String
    var emptyCorrection: String
    var notResolved: String
    /// "%@ reopened the alert first: …"
    var correctionOverruled: String
    /// "%@ has reopened it"
    var reopenedBy: String
    var notSameDay: String
    var patientHasOpenAlert: String
    /// "Only %@, who resolved it, corrects its note."
    var resolvedBy: String
    var sincePrompt: String
    /// "'%@' is not a time …"
    var sinceBad: String
    var sinceFuture: String
    var sinceHelp: String
    var exportPrompt: String
    var exportHelp: String
    /// "Saved in %@"
    var exported: String

    static func of(_ language: Language) -> NoteStrings { language == .nb ? nb : en }

    static let nb = NoteStrings(
        savedHints: " Ctrl-y kopier · ↑↓ bla · Esc lukk ", failedHints: " r send på nytt · Ctrl-y kopier · ↑↓ bla · Esc lukk ",
        discardPrompt: " Forkaste endringene i notatet? j forkast · n skriv videre ",
        discardHelp: "j forkaster notatet, n skriver videre.", discarded: "Notatet ble forkastet, ikke lagret.",
        closedUnsaved: "Notatet ble ikke lagret (:notat skriver et nytt).",
        saved: "Notatet er lagret; synken leverer det til tjenesten én gang.", saving: "Notatet lagres …",
        alreadySaved: "Notatet er lagret og ligger i utboksen; det endres ikke her.", empty: "Notatet er tomt.",
        unchanged: "Skriv noe i notatet før du lagrer det.",
        onlyRefused: "Bare et notat tjenesten har avvist, sendes på nytt.", resent: "Notatet er lagt i utboksen igjen.",
        tooLong: "Notatet er for langt: %d tegn kom ikke med.",
        tooLongToCopy: "For langt til å kopieres i én bit (%1 kB, høyst %2 kB): ingenting kopiert.",
        notForThisKey: "%@ gjør ingenting i notatet · Ctrl-s lagrer, Ctrl-y kopierer, Esc avbryter",
        wroteToPatient: "Skrev til pasienten (%d meldinger)",
        noPatient: "Åpne en pasient eller velg en rad i køen først: notatet gjelder én pasient.",
        cannotCompose: "Kunne ikke skrive notatet", cannotSave: "Notatet ble ikke lagret",
        cannotRetry: "Notatet ble ikke lagt i utboksen igjen", cannotReadResolved: "Kunne ikke lese de avsluttede varslene",
        cannotAmend: "Varselet ble ikke endret", cannotExport: "Vaktoverleveringen ble ikke lagret",
        reopenTitle: "Gjenåpne varselet", correctTitle: "Rett notatet",
        resolvedLine: "%1 avsluttet av %2: %3", reasonPrompt: "Hvorfor gjenåpnes det? (kan stå tomt)",
        correctionPrompt: "Rettet notat:",
        reopenHints: "↑↓ velg · Enter gjenåpne · Esc avbryt", correctHints: "↑↓ velg · Enter lagre rettingen · Esc avbryt",
        noneToday: "Ingen av pasientens varsler er avsluttet i dag; bare samme dag kan et varsel gjenåpnes eller rettes (:notat skriver et nytt notat).",
        reopened: "Varselet er gjenåpnet og tatt av deg; det er tilbake i køen.",
        corrected: "Rettingen er lagret i historikken; se over det rettede journalnotatet og lagre det med Ctrl-s.",
        emptyCorrection: "Det rettede notatet er tomt.", notResolved: "Varselet er ikke avsluttet lenger",
        correctionOverruled: "%@ gjenåpnet varselet først; rettingen nådde ikke tjenesten. Lagre bare om notatet fortsatt stemmer.",
        reopenedBy: "%@ har gjenåpnet det", notSameDay: "Bare samme dag som det ble avsluttet (norsk tid); skriv et nytt notat med :notat.",
        patientHasOpenAlert: "Pasienten har et annet åpent varsel: håndter det først.",
        resolvedBy: "Bare %@, som avsluttet varselet, kan rette notatet.",
        sincePrompt: "Fra når? (12h, 2d, 08:00, 22.11 08:00) ",
        sinceBad: "«%@» er ingen tid Varde kjenner: skriv f.eks. 12h, 2d, 08:00 eller 22.11 08:00.",
        sinceFuture: "Starten må være før nå.", sinceHelp: "Enter viser vaktoverleveringen fra tiden du skrev, Esc avbryter.",
        exportPrompt: " Eksporter vaktoverleveringen: t tekst · m Markdown · Esc avbryt ",
        exportHelp: "t lagrer som tekst, m som Markdown, Esc avbryter.", exported: "Vaktoverleveringen er lagret i %@")

    static let en = NoteStrings(
        savedHints: " Ctrl-y copy · ↑↓ scroll · Esc close ", failedHints: " r send again · Ctrl-y copy · ↑↓ scroll · Esc close ",
        discardPrompt: " Throw away the changes to the note? y discard · n keep writing ",
        discardHelp: "y discards the note, n keeps writing.", discarded: "The note was thrown away, not saved.",
        closedUnsaved: "The note was not saved (:note writes a new one).",
        saved: "The note is saved; the sync delivers it to the service once.", saving: "Saving the note …",
        alreadySaved: "The note is saved and in the outbox; it is not changed here.", empty: "The note is empty.",
        unchanged: "Write something in the note before saving it.",
        onlyRefused: "Only a note the service refused is sent again.", resent: "The note is back in the outbox.",
        tooLong: "The note is too long: %d characters were left out.",
        tooLongToCopy: "Too long to copy in one piece (%1 kB, at most %2 kB): nothing copied.",
        notForThisKey: "%@ does nothing in the note · Ctrl-s saves, Ctrl-y copies, Esc cancels",
        wroteToPatient: "Wrote to the patient (%d messages)",
        noPatient: "Open a patient or select a queue row first: a note is about one patient.",
        cannotCompose: "Could not write the note", cannotSave: "The note was not saved",
        cannotRetry: "The note did not go back into the outbox", cannotReadResolved: "Could not read the resolved alerts",
        cannotAmend: "The alert was not changed", cannotExport: "The handover was not saved",
        reopenTitle: "Reopen the alert", correctTitle: "Correct the note",
        resolvedLine: "%1 resolved by %2: %3", reasonPrompt: "Why is it reopened? (may be left empty)",
        correctionPrompt: "Corrected note:",
        reopenHints: "↑↓ choose · Enter reopen · Esc cancel", correctHints: "↑↓ choose · Enter save the correction · Esc cancel",
        noneToday: "None of the patient's alerts was resolved today; only on the same day can an alert be reopened or corrected (:note writes a new note).",
        reopened: "The alert is reopened and claimed by you; it is back in the queue.",
        corrected: "The correction is in the history; review the corrected journal note and save it with Ctrl-s.",
        emptyCorrection: "The corrected note is empty.", notResolved: "The alert is no longer resolved",
        correctionOverruled: "%@ reopened the alert first; the correction did not reach the service. Save only if the note still holds.",
        reopenedBy: "%@ has reopened it", notSameDay: "Only on the day it was resolved (Norwegian time); write a new note with :note.",
        patientHasOpenAlert: "The patient has another open alert: handle that one first.",
        resolvedBy: "Only %@, who resolved the alert, corrects its note.",
        sincePrompt: "Since when? (12h, 2d, 08:00, 22.11 08:00) ",
        sinceBad: "'%@' is no time Varde knows: type e.g. 12h, 2d, 08:00 or 22.11 08:00.",
        sinceFuture: "The start must be before now.", sinceHelp: "Enter shows the handover since the time you typed, Esc cancels.",
        exportPrompt: " Export the handover: t text · m Markdown · Esc cancel ",
        exportHelp: "t saves it as text, m as Markdown, Esc cancels.", exported: "The handover is saved in %@")
}
