import Foundation
import VardeDomain
import VardeStore
import VardeTerminal

/// The contact panel on the patient view: the fødselsnummer (masked until the nurse presses the key,
/// which is logged), the patient's phone, next of kin with relationship and phone, and the GP.
public enum ContactPanel {
    /// The whole panel as a screen. `revealedNationalID` is the number `revealNationalID` returned
    /// (after logging the access); nil shows it masked.
    public static func render(_ card: ContactCard, municipality: String?, revealedNationalID: String?,
                              width: Int, height: Int, language: Language, now: Date) -> ScreenBuffer {
        var buffer = ScreenBuffer(width: width, height: height)
        let s = DayStrings.of(language)
        let title = "\(s.contactsTitle) · \(Sanitiser.inert(card.patient.listName))"
            + (municipality.map { " · \(Sanitiser.inert($0))" } ?? "")
        guard DayLayout.frame(&buffer, title: title, hints: s.contactHints, language: language, now: now) else { return buffer }
        let labelWidth = max(DisplayWidth.of(s.nationalID), DisplayWidth.of(s.patientPhone)) + 2
        var y = 2
        let shown = revealedNationalID.map(MaskedNationalID.grouped) ?? MaskedNationalID.masked(card.patient.nationalID)
        buffer.put(" " + DayLayout.cell(s.nationalID, labelWidth), x: 0, y: y, style: Style(.dim))
        let x = 1 + labelWidth + buffer.put(shown, x: 1 + labelWidth, y: y, style: Style(.normal, bold: true))
        buffer.put(DisplayWidth.fit("  " + (revealedNationalID == nil ? s.maskedNote : s.shownNote), max(0, width - x)),
                   x: x, y: y, style: Style(revealedNationalID == nil ? .dim : .warning))
        y += 1
        buffer.put(" " + DayLayout.cell(s.patientPhone, labelWidth), x: 0, y: y, style: Style(.dim))
        buffer.put(card.contacts.phone.map(Sanitiser.inert) ?? s.noPhone, x: 1 + labelWidth, y: y,
                   style: card.contacts.phone == nil ? Style(.dim) : Style(.accent, bold: true))
        y += 2
        buffer.put(" \(s.nextOfKin)", x: 0, y: y, style: Style(.columnHeader))
        y += 1
        if card.contacts.nextOfKin.isEmpty {
            buffer.put("   \(s.noNextOfKin)", x: 0, y: y, style: Style(.dim))
            y += 1
        }
        let nameWidth = min(40, max(24, width / 3))
        for kin in card.contacts.nextOfKin where y < height - 5 {
            let who = kin.relationship.isEmpty ? kin.name : "\(kin.name) (\(kin.relationship))"
            buffer.put("   " + DayLayout.cell(who, nameWidth), x: 0, y: y)
            buffer.put(kin.phone.map(Sanitiser.inert) ?? s.noPhone, x: 4 + nameWidth, y: y,
                       style: kin.phone == nil ? Style(.dim) : Style(.accent))
            y += 1
        }
        y += 1
        buffer.put(" \(s.gp)", x: 0, y: y, style: Style(.columnHeader))
        y += 1
        if let gp = card.contacts.generalPractitioner {
            buffer.put("   " + DayLayout.cell(gp.name ?? gp.practitionerID, nameWidth), x: 0, y: y)
            if let phone = gp.phone {
                buffer.put(Sanitiser.inert(phone), x: 4 + nameWidth, y: y, style: Style(.accent))
            } else if let problem = card.gpProblem {
                buffer.put(DisplayWidth.fit("\(s.gpNotRead): \(Sanitiser.inert(problem))", max(0, width - 5 - nameWidth)),
                           x: 4 + nameWidth, y: y, style: Style(.warning))
            } else {
                buffer.put(s.noPhone, x: 4 + nameWidth, y: y, style: Style(.dim))
            }
        } else {
            buffer.put("   \(s.noGP)", x: 0, y: y, style: Style(.dim))
        }
        return buffer
    }

    /// One line for the patient view's header: "☎ 01 23 45 67 · Pårørende: Ola Hansen (ektefelle) 01 22 33 44
    /// · Fastlege: Per Berg 01 99 88 77", cut to `width`.
    public static func headerLine(_ contacts: PatientContacts, width: Int, language: Language) -> String {
        let s = DayStrings.of(language)
        var parts = ["☎ " + (contacts.phone.map(Sanitiser.inert) ?? s.noPhone)]
        if let kin = contacts.nextOfKin.first {
            let relation = kin.relationship.isEmpty ? "" : " (\(kin.relationship))"
            parts.append("\(s.nextOfKin): \(kin.name)\(relation)" + (kin.phone.map { " \($0)" } ?? ""))
        }
        if let gp = contacts.generalPractitioner {
            parts.append("\(s.gp): \(gp.name ?? gp.practitionerID)" + (gp.phone.map { " \($0)" } ?? ""))
        }
        let line = Sanitiser.inert(parts.joined(separator: " · "))
        return DisplayWidth.of(line) <= width ? line : DisplayWidth.fit(line, width)
    }
}
