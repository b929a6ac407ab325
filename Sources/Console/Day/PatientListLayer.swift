import Foundation
import VardeDomain
import VardeStore
import VardeTerminal

/// The patient list on the stack (`:pasienter`), or the hits of a search (`:pasient NAVN`): every
/// followed patient the operator may see, not only those in the queue, read through an effect.
/// Enter opens one (the opening is logged as any other), `s` orders the list anew, `/` searches again.
struct PatientListLayer: ConsoleLayer {
    var rows: [PatientListRow]
    var search: String?
    var sort: PatientListSort
    var selected = 0
    /// The search line being typed (`/` … Enter); nil when not typing.
    var typing: String?
    var context: CommandContext { .patients }

    static let commands: [LayerCommand<PatientListLayer>] = [
        LayerCommand(.nextPatient) { l, _ in l.selected = min(l.selected + 1, max(0, l.rows.count - 1)); return [] },
        LayerCommand(.previousPatient) { l, _ in l.selected = max(0, l.selected - 1); return [] },
        LayerCommand(.openListed, unavailable: { l, m in l.rows.isEmpty ? m.words.noRow : nil }) { l, _ in
            guard l.rows.indices.contains(l.selected) else { return [] }
            return [.openPatient(patientID: l.rows[l.selected].patient.id, tab: .trends)]
        },
        LayerCommand(.sortPatients) { l, _ in
            let all = PatientListSort.allCases
            let next = all[((all.firstIndex(of: l.sort) ?? 0) + 1) % all.count]
            return [.listPatients(search: l.search, sort: next, refresh: true)]
        },
        LayerCommand(.searchPatients) { l, _ in l.typing = l.search ?? ""; return [] },
        LayerCommand(.leavePatients) { _, m in m.closeCurrent = true; return [] },
    ]

    /// Typing the search line; Enter searches (an empty line: every patient again), Esc leaves it.
    mutating func type(_ key: Key, _ model: inout ConsoleModel) -> [Effect]? {
        guard let line = typing else { return nil }
        switch key {
        case .enter:
            typing = nil
            let query = line.trimmingCharacters(in: .whitespaces)
            return [.listPatients(search: query.isEmpty ? nil : query, sort: sort, refresh: true)]
        case .escape: typing = nil
        case .backspace: typing = String(line.dropLast())
        case .character(let c): typing = line + String(c)
        default: break
        }
        return []
    }

    /// New rows: the selected patient stays selected if they are still listed.
    mutating func show(_ fresh: [PatientListRow], search: String?, sort: PatientListSort) {
        let id = rows.indices.contains(selected) ? rows[selected].patient.id : nil
        rows = fresh
        self.search = search
        self.sort = sort
        selected = id.flatMap { id in fresh.firstIndex { $0.patient.id == id } } ?? 0
    }

    func render(_ model: ConsoleModel, below: ScreenBuffer?) -> ScreenBuffer {
        let (width, height) = (model.context.width, model.context.height)
        let scroll = max(0, selected - (height - 4) + 1)
        var buffer = PatientListScreen.render(rows, sort: sort, selected: selected, scroll: scroll, search: search, width: width,
                                              height: height, language: model.context.language, now: model.context.now)
        if let typing, width >= QueueScreen.minimumSize.width, height >= QueueScreen.minimumSize.height {
            buffer.fill(row: height - 1, style: Style(.statusBar))
            buffer.put(DisplayWidth.fit(" / " + Sanitiser.inert(typing) + "▏", width), x: 0, y: height - 1, style: Style(.statusBar))
        }
        return buffer
    }
}
