import Foundation
import VardeDomain
import VardeStore
import VardeTerminal

/// The whole console as one value: what the cache last said, the stack of screens and overlays,
/// and the operator's session. `update` is the only way it changes; it never touches the world,
/// it returns the effects it wants carried out.
public struct ConsoleModel: Sendable {
    public internal(set) var context: ConsoleContext
    /// The queue's rows, selection and filters, and the status line's figures.
    var queue: QueueState
    /// Screens and overlays; the queue is always at the bottom. Esc pops one.
    var stack: [any ConsoleLayer] = [QueueLayer()]
    /// Which parts of the last read failed: shown at once on every screen.
    public internal(set) var health = DataPathHealth()
    /// Red alerts that arrived while the operator worked, shown in a banner until seen.
    var redWatch: RedAlertWatch
    var idleLock: IdleLock
    /// Rings once for each red alert that arrives unseen (off with `[console] bell = false`).
    var bell: RedAlertBell
    var paletteHistory: [String] = []
    /// The municipalities with open alerts, read while the palette is open (Tab completes them).
    var municipalityNames: [String] = []
    /// The newest colleague's notice already taken in; nil until the first read primes it.
    var lastNotice: Int64?
    var arrivals: MeasurementArrivals?
    /// Messages sent from here whose "in the outbox" line waits to be replaced by "sent".
    var awaitingDelivery: [String] = []
    /// A message handed to the outbox: the editor comes back with it if the write fails.
    var sending: (patientID: String, editor: ComposeEditor)?
    /// Opening the messages with the editor: the draft is read once the patient is open.
    var composeOnOpen: String?
    var caseloadRefreshing = false
    var openingCaseload = false
    /// The editor's text changed since the draft was last saved.
    var draftDirty = false
    /// Set by a layer's handler: the layer leaves the stack.
    var closeCurrent = false
    public private(set) var quitting = false
    /// A first snapshot has been taken in.
    public internal(set) var hasSnapshot = false

    public init(context: ConsoleContext) {
        self.context = context
        queue = QueueState(now: context.now, language: context.language)
        queue.me = context.nurse
        queue.firstSync = context.liveSync
        queue.serviceHours = context.settings.serviceHours
        queue.targets = context.settings.responseTargets
        queue.freshness.limits = context.settings.staleness
        redWatch = RedAlertWatch(startedAt: context.now)
        bell = RedAlertBell(enabled: context.settings.console.bell)
        idleLock = IdleLock(settings: context.settings.privacy, now: context.now)
        queue.refreshCutoffs(force: true)
    }

    /// What the next read of the cache must hold: the queue and the status figures always, and
    /// whatever the layers on the stack show.
    public var readRequest: ConsoleReadRequest {
        var request = ConsoleReadRequest(viewer: context.viewer)
        // A screen's height each way: any scroll the selection allows is among the rows read.
        request.queue = queue.request(margin: max(queueRows, 1) + 1, redSince: redWatch.newsSince)
        request.noticesAfter = lastNotice ?? 0
        request.arrivalsAfter = arrivals
        request.messageIDs = awaitingDelivery
        for layer in stack { layer.ask(&request) }
        return request
    }

    /// Takes in one event; returns what must be done in the world.
    public mutating func update(_ event: ConsoleEvent) -> [Effect] {
        let effects: [Effect]
        switch event {
        case .key(let key): effects = press(key)
        case .snapshot(let snapshot): effects = take(snapshot)
        case .tick(let now): effects = tick(now)
        case .resize(let width, let height):
            context.width = width
            context.height = height
            effects = []
        case .done(let result): effects = finish(result)
        }
        queue.scroll(visibleRows: queueRows)
        if effects.contains(.quit) { quitting = true }
        return effects
    }

    /// The rows the queue has for alerts at the current size (the banners take some).
    var queueRows: Int { context.height - bannerLines - 4 }

    // MARK: - The stack

    /// Runs `body` on the top layer taken off the stack (so that it can change the model too); the
    /// layer goes back where it was unless it closed itself or the stack under it was reset.
    mutating func withTop<T>(_ body: (inout any ConsoleLayer, inout ConsoleModel) -> T) -> T {
        withLayer(at: stack.count - 1, body)
    }

    mutating func withLayer<T>(at index: Int, _ body: (inout any ConsoleLayer, inout ConsoleModel) -> T) -> T {
        var layer = stack.remove(at: index)
        let generation = stackResets
        closeCurrent = false
        let result = body(&layer, &self)
        if !closeCurrent, generation == stackResets { stack.insert(layer, at: min(index, stack.count)) }
        closeCurrent = false
        if stack.isEmpty { stack = [QueueLayer()] }
        return result
    }

    /// Counts resets of the stack to the queue, so that a layer taken off it does not come back.
    var stackResets = 0

    /// Back to the queue, every screen and overlay closed.
    mutating func popToQueue() {
        stack = [QueueLayer()]
        stackResets += 1
    }

    mutating func push(_ layer: any ConsoleLayer) { stack.append(layer) }

    /// The topmost layer of a type, if any.
    func top<L: ConsoleLayer>(_ type: L.Type) -> L? { stack.last as? L }

    /// The open patient view, wherever it is on the stack.
    var patientLayerIndex: Int? { stack.lastIndex { $0 is PatientLayer } }

    // MARK: - Status line

    /// Shows `text` in the status line for a few seconds (counted from the frame that shows it).
    mutating func say(_ text: String) { queue.say(text) }

    var words: ModelStrings { ModelStrings.of(context.language) }

    func refusal(_ refusal: HandlingRefusal) -> String {
        let strings = context.language.strings
        switch refusal {
        case .claimedBy(let owner): return strings.alreadyTakenBy.replacingOccurrences(of: "%@", with: owner)
        case .notOpen: return strings.alreadyResolved
        case .notYours: return strings.notYours
        case .blocked: return strings.blockedRefusal
        }
    }

    // MARK: - Ticks

    mutating func tick(_ now: Date) -> [Effect] {
        context.now = now
        queue.now = now
        queue.messageDrawn(at: now)
        queue.refreshCutoffs()
        _ = idleLock.tick(now: now)
        var effects: [Effect] = []
        if let draft = dirtyDraft() { effects.append(draft) }
        if let caseload = top(CaseloadLayer.self), !caseloadRefreshing, now.timeIntervalSince(caseload.state.report.now) >= 5 {
            caseloadRefreshing = true
            effects.append(.computeCaseload(now: now))
        }
        return effects
    }

    /// Saves what is being written, once per batch of keys (a paste is one batch).
    mutating func dirtyDraft() -> Effect? {
        guard draftDirty, let index = patientLayerIndex, let patient = stack[index] as? PatientLayer,
              let editor = patient.state.compose else { return nil }
        draftDirty = false
        return .saveDraft(patientID: patient.patientID, text: editor.text, inResponseTo: editor.inResponseTo)
    }
}
