import VardeTerminal

/// The registry's commands with the centre's key overrides (`[keys]` in config.toml) applied.
/// The console, its `?` overlay and its status hints all read keys from here.
public struct Keymap: Sendable {
    public private(set) var commands: [ConsoleCommand]

    /// The keys as shipped.
    public static let standard = Keymap(commands: CommandRegistry.all)

    private init(commands: [ConsoleCommand]) {
        self.commands = commands
    }

    /// The standard keymap with `overrides` (command name → key names) applied; refuses unknown
    /// commands, unknown key names and keys that would shadow another command.
    public init(overrides: [String: [String]]) throws(KeymapError) {
        var commands = CommandRegistry.all
        for (name, keyNames) in overrides.sorted(by: { $0.key < $1.key }) {
            guard let id = CommandID(rawValue: name), let index = commands.firstIndex(where: { $0.id == id }) else {
                throw KeymapError("unknown command '\(name)' in [keys]; known: "
                                  + CommandRegistry.all.filter { !$0.keys.isEmpty }.map(\.id.rawValue).joined(separator: ", "))
            }
            guard !keyNames.isEmpty else { throw KeymapError("[keys] \(name) needs at least one key") }
            var keys: [Key] = []
            for keyName in keyNames {
                guard let key = Key(name: keyName) else {
                    throw KeymapError("[keys] \(name): unknown key '\(keyName)' (write e.g. \"c\", \"Ctrl-d\", \"F2\", \"Enter\", \"PgDn\")")
                }
                keys.append(key)
            }
            commands[index].keys = keys
            commands[index].keyNames = keyNames
        }
        for (index, command) in commands.enumerated() where overrides[command.id.rawValue] != nil {
            for (position, key) in command.keys.enumerated() {
                if let other = commands.indices.first(where: { $0 != index && commands[$0].keys.contains(key)
                                                         && Self.overlap(commands[$0], command) }) {
                    throw KeymapError("[keys] \(command.id.rawValue): '\(command.keyNames[position])' is already the key for \(commands[other].id.rawValue)")
                }
            }
        }
        self.commands = commands
    }

    private static func overlap(_ a: ConsoleCommand, _ b: ConsoleCommand) -> Bool {
        let placesA = [a.context] + a.alsoIn, placesB = [b.context] + b.alsoIn
        return a.context == .global || b.context == .global || placesA.contains { placesB.contains($0) }
    }

    /// The command a key runs in a context (context commands before global ones).
    public func command(for key: Key, in context: CommandContext) -> ConsoleCommand? {
        commands.first { $0.works(in: context) && $0.keys.contains(key) }
            ?? commands.first { $0.context == .global && $0.keys.contains(key) }
    }

    /// Commands with keys that work in a context, the context's own first.
    public func commands(in context: CommandContext) -> [ConsoleCommand] {
        commands.filter { !$0.keys.isEmpty && $0.works(in: context) && $0.context != .global } + commands.filter { !$0.keys.isEmpty && $0.context == .global }
    }

    /// The first key name of a command, for hints ("c ta", "Esc tilbake").
    public func keyName(_ id: CommandID) -> String {
        commands.first { $0.id == id }?.keyNames.first ?? ""
    }
}

/// A `[keys]` override Varde will not use, and why.
public struct KeymapError: Error, CustomStringConvertible, Equatable {
    public let description: String
    init(_ description: String) { self.description = description }
}
