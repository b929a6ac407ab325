import Foundation
import VardeDomain
import VardeStore
import VardeTerminal

/// The contact panel over the patient view (`K`, `:kontakter`): the patient's phone, next of kin and
/// GP, read through an effect, and the fødselsnummer masked until `f` shows it. Showing it is an
/// effect that writes the access log in the same transaction that reads the number; the number is
/// kept only while the panel is open.
struct ContactLayer: ConsoleLayer {
    var card: ContactCard
    var municipality: String?
    var revealed: String?
    var context: CommandContext { .contacts }

    static let commands: [LayerCommand<ContactLayer>] = [
        LayerCommand(.revealNationalID, unavailable: { c, m in c.revealed == nil ? nil : m.words.alreadyShown }) { c, _ in
            [.revealNationalID(patientID: c.card.patient.id)]
        },
        LayerCommand(.leaveContacts) { _, m in m.closeCurrent = true; return [] },
    ]

    func render(_ model: ConsoleModel, below: ScreenBuffer?) -> ScreenBuffer {
        ContactPanel.render(card, municipality: municipality, revealedNationalID: revealed, width: model.context.width,
                            height: model.context.height, language: model.context.language, now: model.context.now)
    }
}
