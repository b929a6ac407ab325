import Foundation
import VardeDomain
import VardeStore
import VardeTerminal

/// The patient view on the stack: tabs, the trend period, the messages and their editor, and the
/// patient's open alert claimed, released or resolved from here.
struct PatientLayer: ConsoleLayer {
    var state: PatientState
    /// How far back the record's measurements are read (fixed when the view opened).
    let since: Date
    /// The patient's messages this view has asked to mark as opened.
    var markedSeen: Set<String> = []

    init(record: PatientRecord, tab: PatientTab, context: ConsoleContext) {
        state = PatientState(record: record, tab: tab, now: context.now, language: context.language, glyphs: context.glyphs)
        since = context.now.addingTimeInterval(-90 * 86_400)
    }

    var context: CommandContext { .patient }
    var patientID: String { state.record.patient.id }

    static let commands: [LayerCommand<PatientLayer>] = [
        LayerCommand(.trendsTab) { p, m in p.switchTab(to: .trends, &m) },
        LayerCommand(.planTab) { p, m in p.switchTab(to: .plan, &m) },
        LayerCommand(.messagesTab) { p, m in p.switchTab(to: .messages, &m) },
        LayerCommand(.historyTab) { p, m in p.switchTab(to: .history, &m) },
        LayerCommand(.nextTab) { p, m in p.switchTab(to: p.state.tab.next(1), &m) },
        LayerCommand(.previousTab) { p, m in p.switchTab(to: p.state.tab.next(-1), &m) },
        LayerCommand(.period, unavailable: onlyOn(.trends)) { p, _ in p.state.nextPeriod(); return [] },
        LayerCommand(.back) { _, m in m.closeCurrent = true; return [] },
        LayerCommand(.compose) { p, _ in [.loadDraft(patientID: p.patientID, reply: false)] },
        LayerCommand(.reply, unavailable: { p, m in
            p.state.record.messages.contains { $0.direction == .fromPatient } ? nil : m.words.nothingToAnswer
        }) { p, _ in [.loadDraft(patientID: p.patientID, reply: true)] },
        LayerCommand(.resend, unavailable: { p, m in
            p.state.record.messages.contains { $0.status == .failed } ? nil : MessageStrings.of(m.context.language).nothingToRetry
        }) { p, _ in
            guard let failed = p.state.record.messages.last(where: { $0.status == .failed }) else { return [] }
            return [.retryMessage(id: failed.id)]
        },
        // j/k a line of the plan or history, a chart of the trends, a row of the thread; PgUp/PgDn a
        // page of the thread (its older messages) or of the tab's panel.
        LayerCommand(.scrollDown) { p, m in p.scroll(by: 1, m); return [] },
        LayerCommand(.scrollUp) { p, m in p.scroll(by: -1, m); return [] },
        LayerCommand(.olderMessages) { p, m in
            if p.state.tab == .messages { p.state.threadScroll += max(1, m.queueRows / 2) } else { p.scroll(by: -max(1, m.queueRows - 2), m) }
            return []
        },
        LayerCommand(.newerMessages) { p, m in
            if p.state.tab == .messages {
                p.state.threadScroll = max(0, p.state.threadScroll - max(1, m.queueRows / 2))
            } else {
                p.scroll(by: max(1, m.queueRows - 2), m)
            }
            return []
        },
        // The patient's open alert, handled without going back to the queue.
        LayerCommand(.claim, unavailable: noOpenAlert) { p, m in m.step(.claim, alertID: p.state.record.openAlert?.id ?? -1) },
        LayerCommand(.release, unavailable: noOpenAlert) { p, m in m.step(.release, alertID: p.state.record.openAlert?.id ?? -1) },
        LayerCommand(.resolve, unavailable: noOpenAlert) { p, m in
            guard let alert = p.state.record.openAlert, let id = alert.id else { return [] }
            let record = p.state.record
            let unread = record.messages.filter { $0.direction == .fromPatient && $0.seenByCentre == nil && !p.markedSeen.contains($0.id) }.count
            m.startResolving(alertID: id, patientName: "\(record.patient.familyName), \(record.patient.givenName)",
                             patientID: p.patientID, unread: unread, isBlocked: false, owner: alert.owner,
                             messageItem: alert.basis == .message)
            return []
        },
        // A resolved alert reopened, or its note corrected, the same day: from the history, where its steps show.
        LayerCommand(.reopenAlert, unavailable: onlyOn(.history)) { p, _ in [.readResolvedAlerts(patientID: p.patientID, correcting: false)] },
        LayerCommand(.correctNote, unavailable: onlyOn(.history)) { p, _ in [.readResolvedAlerts(patientID: p.patientID, correcting: true)] },
    ]

    /// Scrolls the tab's panel, kept inside it, at the size the view is drawn (the banners take rows).
    mutating func scroll(by step: Int, _ model: ConsoleModel) {
        state = PatientScreen.scrolled(state, by: step, width: model.context.width, height: model.context.height - model.bannerLines)
    }

    static func onlyOn(_ tab: PatientTab) -> @Sendable (PatientLayer, ConsoleModel) -> String? {
        { p, m in p.state.tab == tab ? nil : m.words.onlyOnTab(tab) }
    }

    static func noOpenAlert(_ p: PatientLayer, _ m: ConsoleModel) -> String? {
        p.state.record.openAlert?.id == nil ? m.words.noOpenAlert : nil
    }

    /// A tab switch shows other parts of the record: logged as an access of its own. Leaving the
    /// messages, the ones that were new there have been read.
    mutating func switchTab(to tab: PatientTab, _ model: inout ConsoleModel) -> [Effect] {
        guard tab != state.tab else { return [] }
        if state.tab == .messages { state.newMessages = [] }
        state.tab = tab
        return [.recordAccess(patientID: patientID, tab: tab)] + shown(&model)
    }

    /// The messages tab is on screen: the patient's messages count as opened at this workstation.
    mutating func shown(_ model: inout ConsoleModel) -> [Effect] {
        guard state.tab == .messages else { return [] }
        let unseen = state.record.messages.filter { $0.direction == .fromPatient && $0.seenByCentre == nil }.map(\.id)
        let fresh = unseen.filter { !markedSeen.contains($0) }
        guard !fresh.isEmpty else { return [] }
        state.newMessages.formUnion(fresh)
        markedSeen.formUnion(fresh)
        return [.markMessagesSeen(patientID: patientID)]
    }

    func ask(_ request: inout ConsoleReadRequest) {
        request.patientID = patientID
        request.patientSince = since
    }

    mutating func take(_ snapshot: ConsoleSnapshot, _ model: inout ConsoleModel) -> [Effect] {
        guard snapshot.request.patientID == patientID, let part = snapshot.read.patient else { return [] }
        switch part {
        case .success(let record?):
            state.record = record
            return shown(&model)
        case .success(nil):
            // A block that arrived while the record was open closes it at once.
            model.closeCurrent = true
            model.say(model.refusal(.blocked))
        case .failure(let failure):
            // The record on screen is as last read: said, so that nobody takes it for the newest.
            model.say(failure.reason)
        }
        return []
    }

    func render(_ model: ConsoleModel, below: ScreenBuffer?) -> ScreenBuffer {
        var drawn = state
        drawn.now = model.context.now
        drawn.language = model.context.language
        drawn.glyphs = model.context.glyphs
        if drawn.compose != nil, drawn.compose?.width != ComposeView.textWidth(model.context.width) {
            drawn.compose?.width = ComposeView.textWidth(model.context.width)
        }
        return PatientScreen.render(drawn, width: model.context.width, height: model.context.height)
    }
}

extension PatientTab {
    /// The next (or, with a negative step, previous) tab, wrapping around.
    func next(_ step: Int) -> PatientTab {
        let count = PatientTab.allCases.count
        return PatientTab(rawValue: ((rawValue + step) % count + count) % count) ?? .trends
    }
}
