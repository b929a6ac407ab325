import VardeDomain

/// The patient view's words, per language.
struct PatientStrings {
    var tabs: [String]
    var noHistory: String
    var steps: [String: String]
    var years: String
    var approvedBy: String
    var notApproved: String
    var noPlan: String
    var last: String
    var min: String
    var max: String
    var days: String
    var noMeasurements: String
    var goals: String
    var schedule: String
    var dailyBy: String
    var limits: String
    /// Before a plan limit Varde cannot use (its unit cannot be read).
    var invalidLimits: String
    var green: String
    var yellow: String
    var red: String
    var outside: String
    var whenYellow: String
    var whenRed: String
    var patient: String
    var centre: String
    var hints: String
    /// On the history tab, where reopening and correcting work.
    var historyHints: String
    /// Before the charts below the last one shown, and those scrolled past above.
    var moreChartsBelow: String
    var moreChartsAbove: String
    /// The messages tab until messages are fetched.
    var messagesComing: [String]
    var diagnoses: [Diagnosis: String]

    static func of(_ language: Language) -> PatientStrings { language == .nb ? nb : en }

    static let nb = PatientStrings(
        tabs: ["1 Trender", "2 Plan", "3 Meldinger", "4 Historikk"], noHistory: "ingen varsler er håndtert ennå", steps: ["claimed": "tok varselet", "released": "frigav varselet", "resolved": "avsluttet", "reopened": "gjenåpnet", "note corrected": "korrigerte notatet"], years: "år", approvedBy: "plan godkjent av", notApproved: "PLAN IKKE GODKJENT AV FASTLEGE",
        noPlan: "ingen plan: standardgrenser (NEWS2)", last: "siste", min: "min", max: "maks", days: "dager",
        noMeasurements: "ingen målinger i perioden", goals: "Hva er viktig for deg", schedule: "Målinger",
        dailyBy: "daglig før kl.", limits: "Grenseverdier", invalidLimits: "UGYLDIG GRENSE", green: "grønn", yellow: "gul", red: "rød", outside: "utenfor",
        whenYellow: "Ved gul", whenRed: "Ved rød", patient: "pasienten", centre: "senteret",
        hints: "Tab/1–4 fane · j/k bla · t periode · Esc tilbake · ? hjelp",
        historyHints: "Tab/1–4 fane · j/k bla · o gjenåpne · e rett notatet · Esc tilbake · ? hjelp",
        moreChartsBelow: "↓ j viser også:", moreChartsAbove: "↑ k viser:",
        messagesComing: ["Meldinger fra pasienten kommer.",
                         "Varde henter ikke meldinger ennå: les og svar dem i meldingsløsningen dere bruker i dag."],
        diagnoses: [.copd: "kols", .heartFailure: "hjertesvikt", .diabetes: "diabetes", .cancer: "kreft", .mentalHealth: "psykisk helse"])

    static let en = PatientStrings(
        tabs: ["1 Trends", "2 Plan", "3 Messages", "4 History"], noHistory: "no alert has been handled yet", steps: ["claimed": "claimed", "released": "released", "resolved": "resolved", "reopened": "reopened", "note corrected": "corrected the note"], years: "years", approvedBy: "plan approved by", notApproved: "PLAN NOT APPROVED BY GP",
        noPlan: "no plan: default limits (NEWS2)", last: "last", min: "min", max: "max", days: "days",
        noMeasurements: "no measurements in the period", goals: "What matters to you", schedule: "Measurements",
        dailyBy: "daily before", limits: "Limit values", invalidLimits: "INVALID LIMIT", green: "green", yellow: "yellow", red: "red", outside: "outside",
        whenYellow: "When yellow", whenRed: "When red", patient: "patient", centre: "centre",
        hints: "Tab/1–4 tab · j/k scroll · t period · Esc back · ? help",
        historyHints: "Tab/1–4 tab · j/k scroll · o reopen · e correct the note · Esc back · ? help",
        moreChartsBelow: "↓ j also shows:", moreChartsAbove: "↑ k shows:",
        messagesComing: ["Messages from the patient are coming.",
                         "Varde does not fetch messages yet: read and answer them where you do today."],
        diagnoses: [.copd: "COPD", .heartFailure: "heart failure", .diabetes: "diabetes", .cancer: "cancer", .mentalHealth: "mental health"])
}
