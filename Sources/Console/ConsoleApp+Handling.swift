import Foundation
import VardeDomain
import VardeStore
import VardeTerminal

/// Claim, release and resolve on the queue, and what a colleague's earlier step means for them.
extension ConsoleApp {
    /// A handling step on the selected alert, stored locally first; the sync loop delivers it.
    func take(_ step: HandlingStep, alertID: Int64? = nil) {
        guard let id = alertID ?? (state.entries.indices.contains(state.selected) ? state.entries[state.selected].alertID : nil)
        else { return }
        do {
            switch try cache.handle(alertID: id, step, by: nurse, at: state.now) {
            case .success: break
            case .failure(let refusal): refuse(refusal)
            }
        } catch {
            state.say("\(error)")
        }
    }

    func refuse(_ refusal: HandlingRefusal) {
        let strings = state.language.strings
        switch refusal {
        case .claimedBy(let owner): state.say(strings.alreadyTakenBy.replacingOccurrences(of: "%@", with: owner))
        case .notOpen: state.say(strings.alreadyResolved)
        case .notYours: state.say(strings.notYours)
        case .blocked: state.say(strings.blockedRefusal)
        }
    }

    func editResolving(_ key: Key) {
        guard var current = resolving else { return }
        switch key {
        case .escape: resolving = nil; return
        case .character(let c) where current.outcome == nil:
            if let digit = c.wholeNumberValue, (1...HandlingOutcome.allCases.count).contains(digit) {
                current.outcome = HandlingOutcome.allCases[digit - 1]
            }
        case .character(let c): if current.note.count < ResolveOverlay.noteLimit { current.note.append(c) }
        case .backspace: if !current.note.isEmpty { current.note.removeLast() } else { current.outcome = nil }
        case .enter:
            if let outcome = current.outcome {
                resolving = nil
                take(.resolve(outcome, note: current.note), alertID: current.alertID)
                return
            }
        default: break
        }
        resolving = current
    }

    /// Colleagues' steps that overruled ours are said in the status line.
    func showNotices() {
        let after = lastNotice
        guard let notices = health.read(.notices, { try cache.notices(after: after) }), let last = notices.last else { return }
        lastNotice = last.id
        if last.text.hasPrefix("taken:") { refuse(.claimedBy(String(last.text.dropFirst("taken:".count)))) }
    }
}
