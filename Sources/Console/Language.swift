/// The console's languages: Norwegian bokmål by default, English on request.
public enum Language: String, CaseIterable, Sendable {
    case nb, en

    public var strings: Catalogue { self == .nb ? .nb : .en }
}

/// Every text the console shows, one catalogue per language.
public struct Catalogue: Sendable {
    public var appName = "Varde"
    public var queueTitle: String
    public var red: String
    public var yellow: String
    public var green: String
    public var columnZone: String
    public var columnPatient: String
    public var columnMunicipality: String
    public var columnMeasurement: String
    public var columnWaited: String
    public var emptyQueue: String
    public var online: String
    public var reconnecting: String
    public var offline: String
    public var neverSynced: String
    /// "synced %@ ago"
    public var syncedAgo: String
    public var openAlerts: String
    public var hints: String
    public var windowTooSmall: String
    public var measured: String
    public var unknownMunicipality: String
    /// Said wherever a zone comes from default limits rather than the patient's own plan.
    public var defaultLimits: String
    /// Said where the patient's own plan judged the measurement.
    public var planLimits: String
    /// Said where a trend (weight gain over three days) raised the alert.
    public var trendRule: String
    public var suspectedError: String
    public var errorLabel: String
    /// The routine item for a device that sent a physically impossible value, and its queue label.
    public var impossibleBasis: String
    public var impossibleLabel: String
    /// The mark on a finding judged under a plan the GP has not approved.
    public var unapprovedPlan: String
    public var hour: String
    public var day: String
    public var decimalSeparator: String
    public var names: [String: String]
    /// "taken by %@"
    public var takenBy: String
    public var overdue: String
    public var outcomes: [String]
    public var chooseOutcome: String
    public var writeNote: String
    public var helpTitle: String
    /// The heading of the `:` commands in the help overlay.
    public var helpCommands: String
    public var helpCommandsShort: String
    /// "theme: %@"
    public var themeSwitched: String
    /// Said when the language has been switched, in the new language.
    public var languageSwitched: String
    /// "no patient in the queue is called '%@'"
    public var noSuchPatient: String
    public var alreadyResolved: String
    public var notYours: String
    /// "already taken by %@"
    public var alreadyTakenBy: String
    /// Said where a message from the patient opened the alert.
    public var messageBasis: String
    /// The queue's first column for such an alert.
    public var messageLabel: String
    /// A scheduled measurement did not arrive: the basis, the label, and "Missing:" before the kinds.
    public var missingBasis: String
    public var missingLabel: String
    public var missingPrefix: String
    /// The banner for a red alert that arrived while the operator worked: %1 patient, %2 municipality, %3 finding.
    public var newRedAlert: String
    /// The queue row of a patient who has blocked this operator.
    public var blockedPatient: String
    /// Said when a blocked operator tries to open or handle that patient.
    public var blockedRefusal: String
    public var lockTitle: String
    /// "%@ red and %@ yellow alerts waiting"
    public var lockCounts: String
    public var lockHintKey: String
    public var lockHintPIN: String
    public var wrongPIN: String
    /// Said on the lock screen after a key that cannot be part of the PIN.
    public var pinDigitsOnly: String
    /// A long panel's edges: "↓ %@ til (j/PgDn)" under it, "↑ %@ over (k/PgUp)" over it; %@ is "6 linjer".
    public var moreBelow: String
    public var moreAbove: String
    /// "1 linje", "%d linjer".
    public var oneLine: String
    public var lines: String
    /// The columns a wide queue adds.
    public var columnAge: String
    public var columnDiagnosis: String
    public var columnMeasured: String
    public var columnOwner: String

    public func measurementName(_ key: String) -> String { names[key] ?? key }

    public static let nb = Catalogue(
        queueTitle: "Kø", red: "RØD", yellow: "GUL", green: "GRØNN",
        columnZone: "Sone", columnPatient: "Pasient", columnMunicipality: "Kommune", columnMeasurement: "Måling",
        columnWaited: "Venter", emptyQueue: "Ingen åpne varsler. Køen oppdateres av seg selv.",
        online: "tilkoblet", reconnecting: "kobler til igjen", offline: "frakoblet",
        neverSynced: "ikke synket ennå", syncedAgo: "synket for %@ siden", openAlerts: "åpne varsler",
        hints: "↑↓ flytt · Enter åpne · / filter · ? hjelp · q avslutt", windowTooSmall: "Gjør vinduet større: Varde trenger minst 80×24 tegn.",
        measured: "målt", unknownMunicipality: "ukjent kommune", defaultLimits: "standardgrenser", planLimits: "egen plan", trendRule: "vektøkning over 3 dager", suspectedError: "mulig feilmåling – be om ny måling", errorLabel: "FEIL?",
        impossibleBasis: "umulig verdi fra apparatet – sjekk apparatet", impossibleLabel: "⚠ APPARAT",
        unapprovedPlan: "plan ikke godkjent", hour: "t", day: "d", decimalSeparator: ",",
        names: ["heartRate": "Puls", "oxygenSaturation": "SpO2", "bloodPressure": "BT", "respiratoryRate": "Resp",
                "bodyTemperature": "Temp", "bodyWeight": "Vekt", "bloodGlucose": "Blodsukker", "frailty": "CFS",
                "news2": "NEWS2", "diastolicPressure": "BT dia", "other": "Annen måling"],
        takenBy: "tatt av %@", overdue: "forsinket",
        outcomes: ["kontaktet pasienten", "gitt råd etter planen", "kontaktet fastlege", "henvist til legevakt/113",
                   "bedt om ny måling", "feilmåling", "ingen tiltak nødvendig"],
        chooseOutcome: "Avslutt varsel: velg utfall (1–7), Esc avbryter", writeNote: "Notat (Enter lagrer, Esc avbryter)",
        helpTitle: "Hjelp: taster (Esc eller ? lukker)", helpCommands: "Kommandoer etter : (Tab fullfører, ↑↓ tidligere):", helpCommandsShort: "Kommandoer:",
        themeSwitched: "tema: %@", languageSwitched: "språk: norsk bokmål", noSuchPatient: "fant ingen pasient du kan se for «%@»",
        alreadyResolved: "varselet er allerede avsluttet", notYours: "du har ikke tatt dette varselet",
        alreadyTakenBy: "allerede tatt av %@", messageBasis: "melding fra pasienten", messageLabel: "✉ MELDING",
        missingBasis: "planlagt måling kom ikke innen fristen", missingLabel: "○ MANGLER", missingPrefix: "Mangler:",
        newRedAlert: "■ NYTT RØDT VARSEL: %1 · %2 · %3 · ! viser det",
        blockedPatient: "sperret pasient – gi varselet til en kollega",
        blockedRefusal: "pasienten har sperret deg: en kollega må ta dette varselet",
        lockTitle: "Varde er låst – pasientdata er skjult", lockCounts: "%@ røde og %@ gule varsler venter",
        lockHintKey: "Trykk en tast for å fortsette der du var", lockHintPIN: "Skriv PIN-koden og trykk Enter",
        wrongPIN: "feil PIN-kode, prøv igjen", pinDigitsOnly: "PIN-koden er bare sifre (0–9); Backspace retter",
        moreBelow: "↓ %@ til (j/PgDn)", moreAbove: "↑ %@ over (k/PgUp)", oneLine: "1 linje", lines: "%d linjer",
        columnAge: "Alder", columnDiagnosis: "Diagnose", columnMeasured: "Målt", columnOwner: "Tatt av")

    public static let en = Catalogue(
        queueTitle: "Queue", red: "RED", yellow: "YELLOW", green: "GREEN",
        columnZone: "Zone", columnPatient: "Patient", columnMunicipality: "Municipality",
        columnMeasurement: "Measurement", columnWaited: "Waited",
        emptyQueue: "No open alerts. The queue updates by itself.",
        online: "online", reconnecting: "reconnecting", offline: "offline", neverSynced: "not synced yet",
        syncedAgo: "synced %@ ago", openAlerts: "open alerts", hints: "↑↓ move · Enter open · / filter · ? help · q quit",
        windowTooSmall: "Make the window larger: Varde needs at least 80×24 characters.",
        measured: "measured", unknownMunicipality: "unknown municipality", defaultLimits: "default limits", planLimits: "own plan", trendRule: "weight gain over 3 days", suspectedError: "suspected measurement error – ask for a re-measure", errorLabel: "ERROR?",
        impossibleBasis: "impossible value from the device – check the device", impossibleLabel: "⚠ DEVICE",
        unapprovedPlan: "plan not approved", hour: "h", day: "d",
        decimalSeparator: ".",
        names: ["heartRate": "Pulse", "oxygenSaturation": "SpO2", "bloodPressure": "BP", "respiratoryRate": "Resp",
                "bodyTemperature": "Temp", "bodyWeight": "Weight", "bloodGlucose": "Glucose", "frailty": "CFS",
                "news2": "NEWS2", "diastolicPressure": "BP dia", "other": "Other measurement"],
        takenBy: "taken by %@", overdue: "overdue",
        outcomes: ["contacted the patient", "advised per plan", "contacted the GP", "referred to legevakt/113",
                   "asked to re-measure", "measurement error", "no action needed"],
        chooseOutcome: "Resolve alert: choose the outcome (1–7), Esc cancels", writeNote: "Note (Enter saves, Esc cancels)",
        helpTitle: "Help: keys (Esc or ? closes)", helpCommands: "Commands after : (Tab completes, ↑↓ earlier ones):", helpCommandsShort: "Commands:",
        themeSwitched: "theme: %@", languageSwitched: "language: English", noSuchPatient: "found no patient you may see for '%@'",
        alreadyResolved: "the alert is already resolved", notYours: "you have not claimed this alert",
        alreadyTakenBy: "already taken by %@", messageBasis: "message from the patient", messageLabel: "✉ MESSAGE",
        missingBasis: "scheduled measurement not in by its deadline", missingLabel: "○ MISSING", missingPrefix: "Missing:",
        newRedAlert: "■ NEW RED ALERT: %1 · %2 · %3 · ! shows it",
        blockedPatient: "blocked patient — hand over to a colleague",
        blockedRefusal: "the patient has blocked you: a colleague must take this alert",
        lockTitle: "Varde is locked — patient data is hidden", lockCounts: "%@ red and %@ yellow alerts waiting",
        lockHintKey: "Press a key to carry on where you were", lockHintPIN: "Type the PIN and press Enter",
        wrongPIN: "wrong PIN, try again", pinDigitsOnly: "the PIN is digits only (0–9); Backspace corrects",
        moreBelow: "↓ %@ more below (j/PgDn)", moreAbove: "↑ %@ more above (k/PgUp)", oneLine: "1 line", lines: "%d lines",
        columnAge: "Age", columnDiagnosis: "Diagnosis", columnMeasured: "Measured", columnOwner: "Held by")
}
