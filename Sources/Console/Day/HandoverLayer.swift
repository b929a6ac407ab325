import Foundation
import VardeDomain
import VardeStore
import VardeTerminal

/// The shift handover (`:vakt`) on the stack: the report since the start of the previous shift,
/// worked out through an effect when opened; the arrows scroll it. `t` asks since when (the forms
/// `varde report handover --since` reads) and works it out again; `e` writes it to a file as text or
/// Markdown and says where.
struct HandoverLayer: ConsoleLayer {
    var report: HandoverReport
    var scroll = 0
    /// The since-time being typed (`t` … Enter); nil when not typing.
    var typing: String?
    /// `e` pressed: waiting for the format.
    var exporting = false
    var context: CommandContext { .handover }

    static let commands: [LayerCommand<HandoverLayer>] = [
        LayerCommand(.handoverDown) { h, m in h.scroll = min(h.scroll + 1, h.lastScroll(m)); return [] },
        LayerCommand(.handoverUp) { h, _ in h.scroll = max(0, h.scroll - 1); return [] },
        // The question takes the status line: an older message there would hide it.
        LayerCommand(.handoverSince) { h, m in h.typing = ""; m.queue.message = nil; return [] },
        LayerCommand(.exportHandover) { h, m in h.exporting = true; m.queue.message = nil; return [] },
        LayerCommand(.leaveHandover) { _, m in m.closeCurrent = true; return [] },
    ]

    mutating func type(_ key: Key, _ model: inout ConsoleModel) -> [Effect]? {
        let s = NoteStrings.of(model.context.language)
        if exporting {
            switch key {
            case .character("t"), .character("T"):
                exporting = false
                return [.exportHandover(report, format: "text")]
            case .character("m"), .character("M"):
                exporting = false
                return [.exportHandover(report, format: "md")]
            case .escape: exporting = false
            default: model.say(s.exportHelp)
            }
            return []
        }
        guard let line = typing else { return nil }
        // What is typed shows at once, not after an earlier refusal's few seconds.
        model.queue.message = nil
        switch key {
        case .enter:
            let now = model.context.now
            guard let since = HandoverSince.parse(line, now: now, timeZone: model.context.settings.serviceHours.timeZone) else {
                model.say(s.sinceBad.replacingOccurrences(of: "%@", with: line))
                return []
            }
            guard since < now else {
                model.say(s.sinceFuture)
                return []
            }
            typing = nil
            scroll = 0
            return [.handover(since: since)]
        case .escape: typing = nil
        case .backspace: typing = String(line.dropLast())
        case .control("u"): typing = ""
        case .character(let c): typing = line + String(c)
        default: model.say(s.sinceHelp)
        }
        return []
    }

    /// The furthest the report scrolls: its last line on the screen's last row (as HandoverScreen wraps it).
    func lastScroll(_ model: ConsoleModel) -> Int {
        var count = 0
        for section in HandoverExport.sections(report, language: model.context.language) {
            count += (count > 0 ? 2 : 1)
            for line in section.lines { count += TextWrap.wrap(Sanitiser.inert(line.text), width: model.context.width - 5).count }
        }
        return max(0, count - (model.context.height - 3))
    }

    func render(_ model: ConsoleModel, below: ScreenBuffer?) -> ScreenBuffer {
        let (width, height) = (model.context.width, model.context.height)
        let buffer = HandoverScreen.render(report, scroll: scroll, width: width, height: height,
                                           language: model.context.language, now: model.context.now)
        let s = NoteStrings.of(model.context.language)
        if let typing { return buffer.withHints(" " + s.sincePrompt + Sanitiser.inert(typing) + "▏", width: width, height: height) }
        if exporting { return buffer.withHints(s.exportPrompt, width: width, height: height) }
        return buffer
    }
}
