import Foundation
import VardeDomain
import VardeTerminal

/// The queue at the bottom of the stack: moving, opening, claiming, releasing, resolving, filtering.
/// Its rows live in the model (`queue`): the status line and the lock screen count them too.
struct QueueLayer: ConsoleLayer {
    var context: CommandContext { .queue }

    static let commands: [LayerCommand<QueueLayer>] = [
        LayerCommand(.down) { _, m in m.queue.move(by: 1); return [] },
        LayerCommand(.up) { _, m in m.queue.move(by: -1); return [] },
        LayerCommand(.halfDown) { _, m in m.queue.move(by: max(1, m.queueRows / 2)); return [] },
        LayerCommand(.halfUp) { _, m in m.queue.move(by: -max(1, m.queueRows / 2)); return [] },
        LayerCommand(.first) { _, m in m.queue.moveTo(0); return [] },
        LayerCommand(.last) { _, m in m.queue.moveTo(m.queue.count - 1); return [] },
        LayerCommand(.open, unavailable: noRow) { _, m in m.openSelected(tab: .trends) },
        LayerCommand(.plan, unavailable: noRow) { _, m in m.openSelected(tab: .plan) },
        LayerCommand(.write, unavailable: noRow) { _, m in m.openSelected(tab: .messages, compose: true) },
        LayerCommand(.claim, unavailable: noRow) { _, m in handle(.claim, &m) },
        LayerCommand(.release, unavailable: noRow) { _, m in handle(.release, &m) },
        LayerCommand(.resolve, unavailable: noRow) { _, m in
            guard let entry = m.selectedEntry else { return [] }
            m.startResolving(alertID: entry.alertID, patientName: entry.patientName, patientID: entry.patientID,
                             unread: entry.unreadMessages, isBlocked: entry.isBlocked, owner: entry.owner,
                             messageItem: entry.basis == .message)
            return []
        },
        LayerCommand(.filter) { _, m in m.push(FilterLayer()); return [] },
        LayerCommand(.clearFilter, unavailable: { _, m in m.queue.isFiltered ? nil : m.words.noFilter }) { _, m in
            m.queue.clearFilters()
            return []
        },
    ]

    static func noRow(_ layer: QueueLayer, _ model: ConsoleModel) -> String? {
        model.selectedEntry == nil ? model.words.noRow : nil
    }

    static func handle(_ step: HandlingStep, _ model: inout ConsoleModel) -> [Effect] {
        guard let entry = model.selectedEntry else { return [] }
        return model.step(step, alertID: entry.alertID)
    }

    func render(_ model: ConsoleModel, below: ScreenBuffer?) -> ScreenBuffer {
        var state = model.queue
        return QueueScreen.render(&state, width: model.context.width, height: model.context.height)
    }
}

/// The live filter line (`/`): typed into the status line, the queue narrowing with every key.
struct FilterLayer: ConsoleLayer {
    var context: CommandContext { .queue }
    static let commands: [LayerCommand<FilterLayer>] = []

    mutating func type(_ key: Key, _ model: inout ConsoleModel) -> [Effect]? {
        switch key {
        case .enter: model.closeCurrent = true
        case .escape:
            model.queue.setFilter("")
            model.closeCurrent = true
        case .backspace: model.queue.setFilter(String(model.queue.filter.dropLast()))
        case .character(let c): model.queue.setFilter(model.queue.filter + String(c))
        case .down, .up:
            model.queue.move(by: key == .down ? 1 : -1)
        default: break
        }
        return []
    }

    func render(_ model: ConsoleModel, below: ScreenBuffer?) -> ScreenBuffer {
        var state = model.queue
        state.editingFilter = true
        return QueueScreen.render(&state, width: model.context.width, height: model.context.height)
    }
}
