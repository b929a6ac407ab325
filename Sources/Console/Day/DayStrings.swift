import VardeDomain
import VardeStore

/// The words of the day's screens (patient list, contacts, handover, journal notes), per language.
struct DayStrings {
    var patientsTitle: String
    /// "%d patients"
    var patientCount: String
    var sortedBy: String
    var sortNames: [PatientListSort: String]
    var columnPatient: String
    var columnNationalID: String
    var columnMunicipality: String
    var columnLast: String
    var columnPlan: String
    var columnMissing: String
    var columnAlert: String
    var never: String
    var planApproved: String
    var planNotApproved: String
    var planNone: String
    var noPatients: String
    var patientListHints: String
    var contactsTitle: String
    var nationalID: String
    var maskedNote: String
    var shownNote: String
    var patientPhone: String
    var nextOfKin: String
    var gp: String
    var noPhone: String
    var noNextOfKin: String
    var noGP: String
    var gpNotRead: String
    var contactHints: String
    var handoverTitle: String
    /// "since %1 until %2"
    var handoverPeriod: String
    var newAlerts: String
    var noNewAlerts: String
    var resolvedTitle: String
    var noneResolved: String
    var claimsTitle: String
    var noClaims: String
    var waitingTitle: String
    /// "%d unread messages from patients"
    var unread: String
    /// "%d messages, notes or handling steps not yet delivered to the service"
    var outbox: String
    /// "%d red and %d yellow alerts nobody has claimed"
    var unclaimed: String
    var missingTitle: String
    var noMissing: String
    var stillOpen: String
    var by: String
    var handoverHints: String
    var noteTitle: String
    var freeNoteTitle: String
    var noteQueued: String
    var noteDelivered: String
    /// "Refused by the service: %@ (r sends it again)"
    var noteFailed: String
    var noteDraft: String
    var noteHints: String
    var copied: String
    var tooLongToCopy: String
    // The note itself (municipal record style).
    var noteHeading: String
    var noteDate: String
    var noteTime: String
    var noteWrittenBy: String
    var noteCentre: String
    var noteBackground: String
    /// "%@ alert from home measurement" with the zone word
    var noteAlertFrom: String
    var noteMessageAlert: String
    var noteMissingAlert: String
    var noteDeviceAlert: String
    var noteFreeBackground: String
    var noteMeasurements: String
    var noteJudgedBy: String
    var notePlanApprovedBy: String
    var notePlanNotApproved: String
    var noteDefaultLimits: String
    var noteTrend: String
    var noteSuspected: String
    var noteActions: String
    var noteOutcome: String
    var noteRemark: String
    var noteCorrection: String
    var zoneWords: [Zone: String]

    static func of(_ language: Language) -> DayStrings { language == .nb ? nb : en }

    static let nb = DayStrings(
        patientsTitle: "Pasienter", patientCount: "%d pasienter", sortedBy: "sortert etter",
        sortNames: [.municipality: "kommune", .lastMeasurement: "siste måling", .planStatus: "plan",
                    .missingMeasurements: "manglende målinger", .openAlert: "åpent varsel"],
        columnPatient: "Pasient", columnNationalID: "Fødselsnr.", columnMunicipality: "Kommune", columnLast: "Siste måling",
        columnPlan: "Plan", columnMissing: "Mangler", columnAlert: "Varsel", never: "aldri",
        planApproved: "godkjent", planNotApproved: "ikke godkjent", planNone: "ingen plan",
        noPatients: "Ingen pasienter å vise.",
        patientListHints: " ↑↓ velg · Enter åpne · s sorter · / søk · Esc tilbake ",
        contactsTitle: "Kontakter", nationalID: "Fødselsnummer",
        maskedNote: "(skjult – f viser det, og visningen logges)", shownNote: "(vist – logget i tilgangsloggen)",
        patientPhone: "Pasientens telefon", nextOfKin: "Pårørende", gp: "Fastlege",
        noPhone: "ingen telefon registrert", noNextOfKin: "ingen pårørende registrert", noGP: "ingen fastlege registrert",
        gpNotRead: "kunne ikke hentes fra tjenesten", contactHints: " f vis fødselsnummer · Esc tilbake ",
        handoverTitle: "Vaktoverlevering", handoverPeriod: "fra %1 til %2",
        newAlerts: "Nye røde og gule varsler", noNewAlerts: "Ingen nye røde eller gule varsler.",
        resolvedTitle: "Avsluttet", noneResolved: "Ingen varsler avsluttet.",
        claimsTitle: "Tatt, ikke avsluttet", noClaims: "Ingen varsler holdes av noen.",
        waitingTitle: "Venter", unread: "%d uleste meldinger fra pasienter",
        outbox: "%d meldinger, notater eller steg ikke levert til tjenesten ennå",
        unclaimed: "%1 røde og %2 gule varsler som ingen har tatt",
        missingTitle: "Manglende målinger", noMissing: "Ingen manglende målinger venter.",
        stillOpen: "åpent", by: "av", handoverHints: " ↑↓ bla · t fra når · e eksporter · Esc tilbake ",
        noteTitle: "Journalnotat", freeNoteTitle: "Notat om pasienten",
        noteQueued: "Lagret, venter på levering til tjenesten", noteDelivered: "Levert til tjenesten (DocumentReference)",
        noteFailed: "Avvist av tjenesten: %@ (r sender på nytt)", noteDraft: "Utkast – ikke lagret",
        noteHints: " Ctrl-s lagre og send · Ctrl-y kopier · Esc avbryt ",
        copied: "Kopiert til utklippstavlen (OSC 52).", tooLongToCopy: "Notatet er for langt til å kopieres i én bit.",
        noteHeading: "Journalnotat – digital hjemmeoppfølging", noteDate: "Dato", noteTime: "Kl.",
        noteWrittenBy: "Skrevet av", noteCentre: "oppfølgingssenteret", noteBackground: "Bakgrunn",
        noteAlertFrom: "%@ varsel fra hjemmemåling.", noteMessageAlert: "Melding fra pasienten:",
        noteMissingAlert: "Manglende måling:", noteDeviceAlert: "Utstyret sendte en umulig verdi; utstyret må sjekkes.",
        noteFreeBackground: "Notat uten varsel.", noteMeasurements: "Målinger", noteJudgedBy: "vurdert etter",
        notePlanApprovedBy: "pasientens egenbehandlingsplan, godkjent av %@",
        notePlanNotApproved: "pasientens egenbehandlingsplan (ikke godkjent av fastlege) og standardgrenser",
        noteDefaultLimits: "standardgrenser (ingen godkjent plan)", noteTrend: "trend over flere målinger",
        noteSuspected: "mulig feilmåling", noteActions: "Tiltak", noteOutcome: "Utfall", noteRemark: "Merknad",
        noteCorrection: "Korrigerer notat skrevet %@.",
        zoneWords: [.red: "Rødt", .yellow: "Gult", .green: "Grønt"])

    static let en = DayStrings(
        patientsTitle: "Patients", patientCount: "%d patients", sortedBy: "sorted by",
        sortNames: [.municipality: "municipality", .lastMeasurement: "last measurement", .planStatus: "plan",
                    .missingMeasurements: "missing measurements", .openAlert: "open alert"],
        columnPatient: "Patient", columnNationalID: "National ID", columnMunicipality: "Municipality",
        columnLast: "Last measured", columnPlan: "Plan", columnMissing: "Missing", columnAlert: "Alert", never: "never",
        planApproved: "approved", planNotApproved: "not approved", planNone: "no plan",
        noPatients: "No patients to show.",
        patientListHints: " ↑↓ select · Enter open · s sort · / search · Esc back ",
        contactsTitle: "Contacts", nationalID: "National ID number",
        maskedNote: "(hidden – f shows it, and the showing is logged)", shownNote: "(shown – written to the access log)",
        patientPhone: "Patient's phone", nextOfKin: "Next of kin", gp: "GP",
        noPhone: "no phone registered", noNextOfKin: "no next of kin registered", noGP: "no GP registered",
        gpNotRead: "could not be read from the service", contactHints: " f show national ID · Esc back ",
        handoverTitle: "Shift handover", handoverPeriod: "from %1 until %2",
        newAlerts: "New red and yellow alerts", noNewAlerts: "No new red or yellow alerts.",
        resolvedTitle: "Resolved", noneResolved: "No alerts resolved.",
        claimsTitle: "Claimed, not resolved", noClaims: "Nobody holds an alert.",
        waitingTitle: "Waiting", unread: "%d unread messages from patients",
        outbox: "%d messages, notes or steps not yet delivered to the service",
        unclaimed: "%1 red and %2 yellow alerts nobody has claimed",
        missingTitle: "Missing measurements", noMissing: "No missing measurements waiting.",
        stillOpen: "open", by: "by", handoverHints: " ↑↓ scroll · t since when · e export · Esc back ",
        noteTitle: "Journal note", freeNoteTitle: "Note about the patient",
        noteQueued: "Saved, waiting to be delivered to the service", noteDelivered: "Delivered to the service (DocumentReference)",
        noteFailed: "Refused by the service: %@ (r sends it again)", noteDraft: "Draft – not saved",
        noteHints: " Ctrl-s save and send · Ctrl-y copy · Esc cancel ",
        copied: "Copied to the clipboard (OSC 52).", tooLongToCopy: "The note is too long to copy in one piece.",
        noteHeading: "Journal note – digital home follow-up", noteDate: "Date", noteTime: "Time",
        noteWrittenBy: "Written by", noteCentre: "the follow-up centre", noteBackground: "Background",
        noteAlertFrom: "%@ alert from a home measurement.", noteMessageAlert: "Message from the patient:",
        noteMissingAlert: "Missing measurement:", noteDeviceAlert: "The device sent an impossible value; the device needs checking.",
        noteFreeBackground: "Note without an alert.", noteMeasurements: "Measurements", noteJudgedBy: "judged by",
        notePlanApprovedBy: "the patient's self-care plan, approved by %@",
        notePlanNotApproved: "the patient's self-care plan (not approved by the GP) and the default limits",
        noteDefaultLimits: "the default limits (no approved plan)", noteTrend: "a trend over several measurements",
        noteSuspected: "suspected measurement error", noteActions: "Actions", noteOutcome: "Outcome", noteRemark: "Remark",
        noteCorrection: "Corrects the note written %@.",
        zoneWords: [.red: "Red", .yellow: "Yellow", .green: "Green"])
}
