import Foundation
import VardeDomain

/// What simulated patients write: now and then on their own, and in answer to the centre (after a
/// while, as people do). Synthetic texts only.
enum PatientVoice {
    static let spontaneous = [
        "Jeg er mer tungpustet enn vanlig i dag.",
        "Glemte å måle i går kveld, beklager!",
        "Vekta har gått opp siden mandag. Skal jeg ta en ekstra vanndrivende?",
        "Blodsukkeret var høyt i morges. Jeg har spist som vanlig.",
        "Takk for samtalen i går, det hjalp.",
        "Kan noen ringe meg? Jeg er usikker på medisinene.",
        "Nettbrettet sier at målingen feilet. Jeg prøvde to ganger.",
        "Jeg skal på hytta i helgen og tar med apparatene.",
        "Føler meg bedre i dag 🙂",
        "Hovne ankler i kveld, mer enn vanlig.",
    ]

    static let replies = [
        "Ok, jeg måler på nytt nå.",
        "Takk! Jeg gjør som planen sier.",
        "Jeg har det litt bedre nå.",
        "Skjønner. Kan dere ringe etter klokka 12?",
        "Takk for beskjed 👍",
    ]

    /// How long a patient takes to read and to answer, in model time.
    static let readAfter: TimeInterval = 5 * 60
    static let answerAfter: TimeInterval = 15 * 60
    /// Spontaneous messages per patient per day.
    static let dailyRate = 0.08
    /// Share of the centre's messages a patient answers.
    static let answerShare = 0.8
}
