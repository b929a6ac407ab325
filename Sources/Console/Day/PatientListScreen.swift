import Foundation
import VardeDomain
import VardeStore
import VardeTerminal

/// The patient list (`:pasienter`, or `:pasient <søk>` for a search): every followed patient the
/// operator may see, not only those in the queue, sortable by municipality, last measurement, plan
/// status, missing measurements or open alert. The fødselsnummer is masked here, always.
public enum PatientListScreen {
    public static func render(_ rows: [PatientListRow], sort: PatientListSort, selected: Int, scroll: Int, search: String?,
                              width: Int, height: Int, language: Language, now: Date) -> ScreenBuffer {
        var buffer = ScreenBuffer(width: width, height: height)
        let s = DayStrings.of(language)
        let f = Formatting(language)
        var title = s.patientsTitle
        if let search, !search.isEmpty { title += " · «\(Sanitiser.inert(search))»" }
        guard DayLayout.frame(&buffer, title: title, hints: s.patientListHints, language: language, now: now) else { return buffer }
        let summary = " " + s.patientCount.replacingOccurrences(of: "%d", with: String(rows.count))
            + " · \(s.sortedBy) \(s.sortNames[sort] ?? sort.rawValue)"
        buffer.put(DisplayWidth.fit(summary, width), x: 0, y: 1, style: Style(.dim))
        let wide = width >= 120
        let alertWidth = 9, lastWidth = 13, planWidth = 13, municipalityWidth = wide ? 18 : 12
        let idWidth = wide ? 13 : 0
        let fixed = 1 + alertWidth + 1 + (wide ? idWidth + 1 : 0) + municipalityWidth + 1 + lastWidth + 1 + planWidth + 1
        let missingWidth = wide ? 24 : 0
        let nameWidth = max(12, width - fixed - (wide ? missingWidth + 1 : 0) - 1)
        var header = " " + DayLayout.cell(s.columnAlert, alertWidth) + " " + DayLayout.cell(s.columnPatient, nameWidth) + " "
        if wide { header += DayLayout.cell(s.columnNationalID, idWidth) + " " }
        header += DayLayout.cell(s.columnMunicipality, municipalityWidth) + " " + DayLayout.cell(s.columnLast, lastWidth) + " "
            + DayLayout.cell(s.columnPlan, planWidth)
        if wide { header += " " + DayLayout.cell(s.columnMissing, missingWidth) }
        buffer.fill(row: 2, style: Style(.columnHeader))
        buffer.put(DisplayWidth.fit(header, width), x: 0, y: 2, style: Style(.columnHeader))
        guard !rows.isEmpty else {
            buffer.put(" \(s.noPatients)", x: 0, y: 4, style: Style(.dim))
            return buffer
        }
        let room = height - 4
        for (offset, row) in rows.dropFirst(scroll).prefix(room).enumerated() {
            let index = scroll + offset
            let y = 3 + offset
            let plan: String = switch row.plan {
            case .approved: s.planApproved
            case .notApproved: s.planNotApproved
            case .none: s.planNone
            }
            let last = row.lastMeasurement.map { f.dayAndTime($0) } ?? s.never
            var line = " " + DayLayout.cell(DayLayout.alertLabel(row.openAlert, f), alertWidth) + " "
                + DayLayout.cell(row.patient.listName, nameWidth) + " "
            if wide { line += DayLayout.cell(MaskedNationalID.masked(row.patient.nationalID), idWidth) + " " }
            line += DayLayout.cell(row.municipalityName, municipalityWidth) + " " + DayLayout.cell(last, lastWidth) + " "
                + DayLayout.cell(plan, planWidth)
            if wide {
                line += " " + DayLayout.cell(row.missing.map { f.strings.measurementName($0.rawValue) }.joined(separator: ", "), missingWidth)
            }
            let isSelected = index == selected
            let style = isSelected ? Style(.normal, reverse: true) : DayLayout.style(row.openAlert.map(\.zone))
            if isSelected { buffer.fill(row: y, style: style) }
            buffer.put(DisplayWidth.fit(line, width), x: 0, y: y, style: style)
        }
        return buffer
    }
}
