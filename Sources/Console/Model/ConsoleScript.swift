import Foundation
import VardeDomain
import VardeStore
import VardeTerminal

/// The console driven headless by a key script, as tig's scripted input: `varde render`, the golden
/// screens and the tests draw through the same model, effects and reads as the live console.
public final class ConsoleScript {
    /// The named screens `varde render` knows, each reached by a few steps from the queue.
    public static let screens = ["queue", "patient", "trends", "plan", "messages", "compose", "history", "help", "quarantine",
                                 "caseload", "lock", "patients", "handover"]

    /// Why a script cannot be run.
    public struct Problem: Error, CustomStringConvertible {
        public let description: String
    }

    public private(set) var model: ConsoleModel
    private let reader: ConsoleReader
    private let runner: EffectRunner
    /// The headless terminal the frames are drawn on.
    public let terminal: HeadlessTerminal

    /// With a `workstation`, opening a patient is logged as an access, as in the console.
    public init(cache: CacheDatabase, context: ConsoleContext, workstation: String?) {
        model = ConsoleModel(context: context)
        reader = ConsoleReader(cache: cache, rowText: QueueState.rowText)
        runner = EffectRunner(cache: cache, viewer: context.viewer, workstation: workstation, inBackground: false,
                              accessAs: .render)
        terminal = HeadlessTerminal(width: context.width, height: context.height)
        settle()
    }

    /// Reads the cache again until the read answers what the model shows (opening a patient asks for more).
    public func settle() {
        for _ in 0..<4 {
            let request = model.readRequest
            send(.snapshot(ConsoleSnapshot(request: request, read: reader.read(request))))
            if model.readRequest == request { break }
        }
    }

    /// One event, its effects carried out in place, then a fresh read.
    public func send(_ event: ConsoleEvent) {
        runner.send(event, to: &model, terminal: terminal)
    }

    /// Presses the keys in turn, reading the cache after each as the live console would.
    public func press(_ keys: [Key]) {
        for key in keys {
            send(.key(key))
            settle()
        }
    }

    /// Opens a patient by id, as Enter on their row would.
    public func open(patientID: String, tab: PatientTab) throws {
        for effect in model.openPatient(patientID, tab: tab) {
            if let result = runner.run(effect, context: model.context) { send(.done(result)) }
        }
        settle()
        guard model.patientLayerIndex != nil else {
            // The same words whether the patient is unknown, blocked or outside the operator's municipalities.
            throw Problem(description: "no such patient in the local cache for this operator")
        }
    }

    /// The frame as the terminal would show it now.
    public func draw() -> ScreenBuffer {
        terminal.draw(model.render(), theme: model.context.theme)
        return terminal.screen
    }

    /// A key script: words separated by spaces, each a key name (`j`, `enter`, `Ctrl-s`, `PgDn`, `space`)
    /// or, when it is no key name, its characters typed one by one (`:karantene`).
    public static func keys(_ script: String) -> [Key] {
        script.split(separator: " ").flatMap { word -> [Key] in
            if let key = Key(name: String(word)) { return [key] }
            return word.map { Key.character($0) }
        }
    }

    /// Draws a named screen: the patient screens open `patientID` (or, unless told, the first patient in
    /// the queue, the first who has written for the messages), the others take their steps from the queue;
    /// then `keys` are pressed.
    public static func render(_ screen: String, cache: CacheDatabase, context: ConsoleContext, patientID: String? = nil,
                              keys: [Key] = [], workstation: String? = nil) throws -> ScreenBuffer {
        let script = ConsoleScript(cache: cache, context: context, workstation: workstation)
        if let reason = script.model.health.failures[.queue] {
            throw Problem(description: "cannot read the local cache: \(reason)")
        }
        let tabs: [String: PatientTab] = ["patient": .trends, "trends": .trends, "plan": .plan, "messages": .messages,
                                          "compose": .messages, "history": .history]
        if let tab = tabs[screen] {
            // The patient is chosen from the whole queue (one read of every row: `render` runs once).
            let entries = try cache.queue(for: context.viewer)
            let writer = ["messages", "compose"].contains(screen) ? firstWriter(in: entries) : nil
            guard let id = patientID ?? writer ?? entries.first(where: { !$0.isBlocked })?.patientID else {
                throw Problem(description: "no such patient in the local cache for this operator")
            }
            try script.open(patientID: id, tab: tab)
        }
        switch screen {
        case "compose": script.press([.character("n")])
        case "help": script.press([.character("?")])
        case "quarantine": script.press(Self.keys(":karantene enter"))
        case "caseload": script.press(Self.keys(":saksmengde enter"))
        case "lock": script.press(Self.keys(":lås enter"))
        case "patients": script.press(Self.keys(":pasienter enter"))
        case "handover": script.press(Self.keys(":vakt enter"))
        default: break
        }
        script.press(keys)
        return script.draw()
    }

    /// The first patient in the queue who has written to the centre.
    public static func firstWriter(in entries: some Sequence<QueueEntry>) -> String? {
        entries.first { !$0.isBlocked && ($0.basis == .message || $0.unreadMessages > 0) }?.patientID
    }
}
