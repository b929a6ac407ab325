import Foundation

/// The screens a command opens, by the command's id: its key and its `:` word both come here.
/// A new screen is its layer file, its commands in `CommandRegistry`, and one line here.
enum ScreenDirectory {
    typealias Opener = @Sendable (inout ConsoleModel) -> [Effect]

    static func opener(_ id: CommandID) -> Opener? { openers[id] }

    static let openers: [CommandID: Opener] = [
        .caseload: { model in
            if model.top(CaseloadLayer.self) != nil || model.openingCaseload { return [] }
            model.openingCaseload = true
            model.caseloadRefreshing = true
            return [.computeCaseload(now: model.context.now)]
        },
        .quarantine: { model in
            if model.top(QuarantineLayer.self) == nil { model.push(QuarantineLayer()) }
            return []
        },
        .patientList: { _ in [.listPatients(search: nil, sort: .municipality, refresh: false)] },
        .handover: { model in [.handover(since: model.context.settings.serviceHours.previousShiftStart(before: model.context.now))] },
        .contacts: { model in
            guard let index = model.patientLayerIndex, let patient = model.stack[index] as? PatientLayer else {
                model.say(model.words.onlyInPatient)
                return []
            }
            return model.top(ContactLayer.self) == nil ? [.readContacts(patientID: patient.patientID, panel: true)] : []
        },
        .freeNote: { model in
            // The open patient, else the selected row's: a note is about one patient.
            if model.top(JournalNoteLayer.self) != nil { return [] }
            if let index = model.patientLayerIndex, let patient = model.stack[index] as? PatientLayer {
                return [.composeFreeNote(patientID: patient.patientID)]
            }
            guard model.stack.count == 1, let entry = model.selectedEntry else {
                model.say(NoteStrings.of(model.context.language).noPatient)
                return []
            }
            if entry.isBlocked {
                model.say(model.refusal(.blocked))
                return []
            }
            return [.composeFreeNote(patientID: entry.patientID)]
        },
    ]
}
