import Foundation
import VardeDomain
import VardeStore
import VardeTerminal

/// Taking in a read of the cache: each part that failed is said on screen and keeps what it showed
/// before; each part that worked clears its failure.
extension ConsoleModel {
    mutating func take(_ snapshot: ConsoleSnapshot) -> [Effect] {
        hasSnapshot = true
        let read = snapshot.read
        var ring = false
        if let window = health.take(.queue, read.queue) {
            queue.take(window, askedWith: snapshot.request.queue.anchor)
            redWatch.observe(window.recentRed)
            ring = bell.shouldRing(unseen: redWatch.unseen)
        }
        if let names = read.municipalityNames, case .success(let list) = names { municipalityNames = list }
        if let sync = health.take(.syncState, read.sync) {
            queue.sync = sync
            // Until the console's own sync has finished once (or failed), the status line says it is under way.
            queue.firstSync = context.liveSync && sync?.lastSuccessAt == nil && sync?.lastAttemptAt == nil
        }
        if let outbox = health.take(.outbox, read.outbox) { queue.outbox = outbox }
        if let count = health.take(.quarantine, read.quarantineCount) { queue.quarantined = count }
        if let fresh = health.take(.measurements, read.arrivals) {
            queue.freshness.observe(fresh, now: context.now)
            queue.otherMeasurements = fresh.otherCount
            arrivals = fresh
        }
        if let notices = health.take(.notices, read.notices) {
            // The notices before this console started are not news.
            if lastNotice != nil, let last = notices.last, last.text.hasPrefix("taken:") {
                say(refusal(.claimedBy(String(last.text.dropFirst("taken:".count)))))
            }
            lastNotice = notices.last?.id ?? lastNotice ?? snapshot.request.noticesAfter
        }
        if case .success(let statuses) = read.messageStatuses { delivered(statuses) }
        var effects: [Effect] = ring ? [.bell] : []
        var index = 0
        while index < stack.count {
            let before = stack.count
            effects += withLayer(at: index) { layer, model in layer.take(snapshot, &model) }
            index += 1 - (before - stack.count)
        }
        return effects
    }

    /// A message said to be in the outbox has gone: the status line says so, and stops saying otherwise.
    mutating func delivered(_ statuses: [String: MessageStatus]) {
        for id in awaitingDelivery {
            switch statuses[id] {
            case .sent?, .read?:
                say(words.sent)
                awaitingDelivery.removeAll { $0 == id }
            case .failed?:
                say(words.sendFailed)
                awaitingDelivery.removeAll { $0 == id }
            case nil:
                awaitingDelivery.removeAll { $0 == id }
            case .queued?, .received?:
                break
            }
        }
    }
}

extension DataPathHealth {
    /// Records how a part of the read went; its value when it worked.
    mutating func take<T>(_ part: Part, _ result: Result<T, CacheReadFailure>) -> T? {
        switch result {
        case .success(let value):
            set(part, failure: nil)
            return value
        case .failure(let failure):
            set(part, failure: failure.reason)
            return nil
        }
    }
}
