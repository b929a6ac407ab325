import Foundation
import VardeDomain
import VardeStore
import VardeTerminal

/// The leader's caseload view on the stack: municipalities, the response window, and Enter into a
/// municipality's queue. Its figures are worked out in the background and refreshed every few seconds.
struct CaseloadLayer: ConsoleLayer {
    var state: CaseloadState
    var context: CommandContext { .caseload }

    static let commands: [LayerCommand<CaseloadLayer>] = [
        LayerCommand(.nextMunicipality) { c, _ in c.state.selected = min(c.state.selected + 1, max(0, c.state.rows.count - 1)); return [] },
        LayerCommand(.previousMunicipality) { c, _ in c.state.selected = max(0, c.state.selected - 1); return [] },
        LayerCommand(.filterMunicipalities) { c, _ in c.state.editingFilter = true; return [] },
        LayerCommand(.responseWindow) { c, _ in c.state.nextWindow(); return [] },
        LayerCommand(.leaveCaseload) { c, m in
            if c.state.filter.isEmpty { m.closeCurrent = true } else { c.state.filter = "" }
            return []
        },
        LayerCommand(.municipalityQueue, unavailable: { c, m in c.state.rows.isEmpty ? m.words.noRow : nil }) { c, m in
            guard c.state.rows.indices.contains(c.state.selected) else { return [] }
            let number = c.state.rows[c.state.selected].municipality
            m.popToQueue()
            m.queue.setMunicipalityFilter(number)
            return []
        },
    ]

    /// Typing the municipality filter (`/` … Enter); Esc drops it.
    mutating func type(_ key: Key, _ model: inout ConsoleModel) -> [Effect]? {
        guard state.editingFilter else { return nil }
        switch key {
        case .enter: state.editingFilter = false
        case .escape: state.editingFilter = false; state.filter = ""
        case .backspace: if !state.filter.isEmpty { state.filter.removeLast() }
        case .character(let c): state.filter.append(c)
        default: break
        }
        state.selected = min(state.selected, max(0, state.rows.count - 1))
        return []
    }

    func render(_ model: ConsoleModel, below: ScreenBuffer?) -> ScreenBuffer {
        var drawn = state
        drawn.language = model.context.language
        return CaseloadScreen.render(drawn, width: model.context.width, height: model.context.height, now: model.context.now)
    }
}

/// `:karantene`: what the sync set aside, read with the rest of the snapshot while it is on screen.
struct QuarantineLayer: ConsoleLayer {
    var rows: [QuarantinedResource] = []
    var scroll = 0
    /// Esc goes back as from the patient view; the arrows scroll.
    var context: CommandContext { .patient }

    static let commands: [LayerCommand<QuarantineLayer>] = [
        LayerCommand(.back) { _, m in m.closeCurrent = true; return [] },
    ]

    mutating func type(_ key: Key, _ model: inout ConsoleModel) -> [Effect]? {
        // Kept where the list's last line shows (as QuarantineScreen draws it); PgUp/PgDn page it.
        let room = model.context.height - model.bannerLines - 4
        let page = max(1, room - 2)
        switch key {
        case .down, .character("j"), .pageDown:
            scroll = min(scroll + (key == .pageDown ? page : 1), ScrolledPanel.lastOffset(total: rows.count, room: room))
        case .up, .character("k"), .pageUp: scroll = max(0, scroll - (key == .pageUp ? page : 1))
        default: return nil
        }
        return []
    }

    func ask(_ request: inout ConsoleReadRequest) { request.quarantineRows = true }

    mutating func take(_ snapshot: ConsoleSnapshot, _ model: inout ConsoleModel) -> [Effect] {
        // A failed read is said in the banner (the quarantine part), not shown as an empty list.
        switch snapshot.read.quarantined {
        case .success(let fresh)?: rows = fresh
        case .failure(let failure)?: model.health.set(.quarantine, failure: failure.reason)
        case nil: break
        }
        return []
    }

    func render(_ model: ConsoleModel, below: ScreenBuffer?) -> ScreenBuffer {
        QuarantineScreen.render(rows, total: model.queue.quarantined, scroll: scroll, width: model.context.width,
                                height: model.context.height, language: model.context.language, now: model.context.now)
    }
}
