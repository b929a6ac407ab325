import Foundation
import VardeDomain
import VardeStore
import VardeTerminal

/// The `?` overlay: every key of the screen beneath it, then the `:` commands.
struct HelpLayer: ConsoleLayer {
    /// The context of the screen the help is about.
    let over: CommandContext
    var context: CommandContext { over }
    var isOverlay: Bool { true }
    static let commands: [LayerCommand<HelpLayer>] = []

    mutating func type(_ key: Key, _ model: inout ConsoleModel) -> [Effect]? {
        if key == .escape || key == .character("?") { model.closeCurrent = true }
        if let command = model.context.keymap.command(for: key, in: .global), command.id == .quit { return [.quit] }
        return []
    }

    func render(_ model: ConsoleModel, below: ScreenBuffer?) -> ScreenBuffer {
        var buffer = below ?? ScreenBuffer(width: model.context.width, height: model.context.height)
        HelpOverlay.draw(over: &buffer, context: over, language: model.context.language, keymap: model.context.keymap)
        return buffer
    }
}

/// The `:` line: typed at the bottom, with completion and history.
struct PaletteLayer: ConsoleLayer {
    var line = ""
    var historyIndex: Int?
    /// What the last Tab left to choose from, shown beside the line.
    var candidates: [String] = []
    var context: CommandContext { .global }
    var isOverlay: Bool { true }
    static let commands: [LayerCommand<PaletteLayer>] = []

    func ask(_ request: inout ConsoleReadRequest) { request.municipalityNames = true }

    mutating func type(_ key: Key, _ model: inout ConsoleModel) -> [Effect]? {
        candidates = []
        switch key {
        case .escape: model.closeCurrent = true
        case .backspace:
            if line.isEmpty { model.closeCurrent = true } else { line.removeLast() }
        case .tab:
            let municipalities = model.municipalityNames
            let completion = Palette.completion(line, municipalities: municipalities, themes: model.context.themeNames)
            line = completion.line
            candidates = completion.candidates
        case .control("u"): line = ""
        case .control("w"): line = Palette.deletingWord(line)
        case .up, .down:
            let history = model.paletteHistory
            guard !history.isEmpty else { break }
            let index = key == .up ? max(0, (historyIndex ?? history.count) - 1)
                                   : min(history.count - 1, (historyIndex ?? history.count - 1) + 1)
            historyIndex = index
            line = history[index]
        case .character(let c): line.append(c)
        case .enter:
            model.closeCurrent = true
            guard !line.trimmingCharacters(in: .whitespaces).isEmpty else { return [] }
            return model.runPalette(line)
        default: break
        }
        return []
    }

    func render(_ model: ConsoleModel, below: ScreenBuffer?) -> ScreenBuffer {
        var buffer = below ?? ScreenBuffer(width: model.context.width, height: model.context.height)
        let y = buffer.height - 1
        buffer.fill(row: y, style: Style(.statusBar))
        let shown = candidates.isEmpty ? "" : "   " + candidates.joined(separator: " · ")
        buffer.put(DisplayWidth.fit(":\(line)▏\(shown)", buffer.width - 1), x: 1, y: y, style: Style(.accent, reverse: true))
        return buffer
    }
}

/// The box in which a nurse picks the outcome and writes the note; Enter resolves.
struct ResolveLayer: ConsoleLayer {
    var resolving: Resolving
    var context: CommandContext { .queue }
    var isOverlay: Bool { true }
    static let commands: [LayerCommand<ResolveLayer>] = []

    mutating func type(_ key: Key, _ model: inout ConsoleModel) -> [Effect]? {
        switch key {
        case .escape: model.closeCurrent = true
        case .character(let c) where resolving.outcome == nil:
            if let digit = c.wholeNumberValue, (1...HandlingOutcome.allCases.count).contains(digit) {
                resolving.outcome = HandlingOutcome.allCases[digit - 1]
            }
        case .character(let c): if resolving.note.count < ResolveOverlay.noteLimit { resolving.note.append(c) }
        case .backspace: if !resolving.note.isEmpty { resolving.note.removeLast() } else { resolving.outcome = nil }
        case .enter:
            guard let outcome = resolving.outcome else { break }
            model.closeCurrent = true
            return model.step(.resolve(outcome, note: resolving.note), alertID: resolving.alertID)
        default: break
        }
        return []
    }

    func render(_ model: ConsoleModel, below: ScreenBuffer?) -> ScreenBuffer {
        var buffer = below ?? ScreenBuffer(width: model.context.width, height: model.context.height)
        ResolveOverlay.draw(over: &buffer, resolving, strings: model.context.language.strings)
        return buffer
    }
}
