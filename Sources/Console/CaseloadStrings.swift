import VardeDomain

/// The words of the caseload view and the caseload report, per language.
struct CaseloadStrings {
    var title: String
    /// "last %d days"
    var lastDays: String
    /// "%d patients"
    var patients: String
    var fte: String
    /// "%@ per FTE"
    var perFTE: String
    /// "(guideline %d)"
    var guideline: String
    /// "⚠ above the guideline of %d"
    var overGuideline: String
    var noFTE: String
    var total: String
    var municipality: String
    var patientsShort: String
    var red: String
    var yellow: String
    var routine: String
    var late: String
    var claim: String
    var resolve: String
    var missing: String
    var today: String
    var nurseHeader: String
    var hints: String
    var diagnoses: [Diagnosis: String]
    /// The report's column words, in order after the municipality's name and number.
    var number: String
    var openRed: String
    var openYellow: String
    var openRoutine: String
    var overdue: String
    var missingMeasurements: String
    var messagesWaiting: String
    var nurseColumns: [String]
    /// "Caseload for the last %d days to %@ (…)"
    var reportTitle: String

    static func of(_ language: Language) -> CaseloadStrings { language == .nb ? nb : en }

    static let nb = CaseloadStrings(
        title: "Saksmengde", lastDays: "siste %d dager", patients: "%d pasienter", fte: "årsverk", perFTE: "%@ per årsverk",
        guideline: "(retningslinje %d)", overGuideline: "⚠ over retningslinjen på %d",
        noFTE: "årsverk ikke satt i config.toml ([staffing.fte])", total: "Totalt", municipality: "Kommune",
        patientsShort: "Pas.", red: "■ Rød", yellow: "▲ Gul", routine: "○ Rut", late: "! Fors", claim: "Ta",
        resolve: "Avslutt", missing: "Mangl.", today: "i dag",
        nurseHeader: " Sykepleier            Tatt  Avsluttet  Har nå  Årsverk",
        hints: " ↑↓ flytt · Enter kommunens kø · / filter · t i dag/7/30 dager · Esc tilbake ",
        diagnoses: [.copd: "Kols", .heartFailure: "HS", .diabetes: "Diab", .cancer: "Kreft", .mentalHealth: "Psyk"],
        number: "kommunenummer", openRed: "åpne røde", openYellow: "åpne gule", openRoutine: "åpne rutine",
        overdue: "forsinket", missingMeasurements: "manglende målinger", messagesWaiting: "meldinger venter",
        nurseColumns: ["sykepleier", "tatt", "avsluttet", "har nå", "årsverk"],
        reportTitle: "Saksmengde siste %d dager til %@ (tall under 5 vises som <5; tider i minutter innenfor åpningstiden)")

    static let en = CaseloadStrings(
        title: "Caseload", lastDays: "last %d days", patients: "%d patients", fte: "FTE", perFTE: "%@ per FTE",
        guideline: "(guideline %d)", overGuideline: "⚠ above the guideline of %d",
        noFTE: "FTEs not set in config.toml ([staffing.fte])", total: "Total", municipality: "Municipality",
        patientsShort: "Pat.", red: "■ Red", yellow: "▲ Yel", routine: "○ Rut", late: "! Late", claim: "Claim",
        resolve: "Resolve", missing: "Miss.", today: "today",
        nurseHeader: " Nurse                Claimed  Resolved  Holding  FTE",
        hints: " ↑↓ move · Enter its queue · / filter · t today/7/30 days · Esc back ",
        diagnoses: [.copd: "COPD", .heartFailure: "HF", .diabetes: "Diab", .cancer: "Canc", .mentalHealth: "Ment"],
        number: "number", openRed: "open red", openYellow: "open yellow", openRoutine: "open routine",
        overdue: "overdue", missingMeasurements: "missing measurements", messagesWaiting: "messages waiting",
        nurseColumns: ["nurse", "claimed", "resolved", "holding", "fte"],
        reportTitle: "Caseload for the last %d days to %@ (counts under 5 shown as <5; times in service minutes)")
}
