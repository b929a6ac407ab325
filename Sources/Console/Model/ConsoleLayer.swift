import Foundation
import VardeStore
import VardeTerminal

/// One screen or overlay on the console's stack. Each declares the commands it carries out (with
/// whether they work now, and why not), takes keys typed into it, asks for what it needs read from
/// the cache, and draws itself: purely, from the model and its context.
protocol ConsoleLayer: Sendable {
    /// Where its keys are looked up, and what `?` lists over it.
    var context: CommandContext { get }
    /// Drawn over the layer beneath it rather than as a whole screen.
    var isOverlay: Bool { get }
    /// The commands it carries out.
    static var commands: [LayerCommand<Self>] { get }
    /// A key typed into the layer itself (an editor, a filter line), before the keymap: nil when the
    /// layer does not take it.
    mutating func type(_ key: Key, _ model: inout ConsoleModel) -> [Effect]?
    /// Adds what the layer shows from the cache to the read.
    func ask(_ request: inout ConsoleReadRequest)
    /// A new snapshot arrived; the layer keeps what it shows of it.
    mutating func take(_ snapshot: ConsoleSnapshot, _ model: inout ConsoleModel) -> [Effect]
    /// The layer drawn; `below` is the screen beneath an overlay.
    func render(_ model: ConsoleModel, below: ScreenBuffer?) -> ScreenBuffer
}

extension ConsoleLayer {
    var isOverlay: Bool { false }
    mutating func type(_ key: Key, _ model: inout ConsoleModel) -> [Effect]? { nil }
    func ask(_ request: inout ConsoleReadRequest) {}
    mutating func take(_ snapshot: ConsoleSnapshot, _ model: inout ConsoleModel) -> [Effect] { [] }
}

/// A command a layer carries out: its handler, and why it does nothing now (nil: it works).
struct LayerCommand<Layer: ConsoleLayer>: Sendable {
    let id: CommandID
    let unavailable: @Sendable (Layer, ConsoleModel) -> String?
    let run: @Sendable (inout Layer, inout ConsoleModel) -> [Effect]

    init(_ id: CommandID, unavailable: @escaping @Sendable (Layer, ConsoleModel) -> String? = { _, _ in nil },
         run: @escaping @Sendable (inout Layer, inout ConsoleModel) -> [Effect]) {
        self.id = id
        self.unavailable = unavailable
        self.run = run
    }
}

/// How a layer's command went: carried out, refused with a reason, or not one of the layer's.
enum CommandOutcome {
    case ran([Effect])
    case refused(String)
    case notHere
}

extension ConsoleLayer {
    /// Carries out `id` if it is one of this layer's commands and works now.
    mutating func perform(_ id: CommandID, _ model: inout ConsoleModel) -> CommandOutcome {
        guard let command = Self.commands.first(where: { $0.id == id }) else { return .notHere }
        if let reason = command.unavailable(self, model) { return .refused(reason) }
        return .ran(command.run(&self, &model))
    }

    /// Whether the layer carries out `id` (for the help overlay and the "does nothing here" line).
    func offers(_ id: CommandID) -> Bool { Self.commands.contains { $0.id == id } }
}
