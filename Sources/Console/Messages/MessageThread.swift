import Foundation
import VardeDomain
import VardeTerminal

/// The messages tab: the thread with the patient, newest at the bottom, every text from the network
/// made inert and wrapped; the editor below it while the nurse writes.
enum MessageThread {
    /// A wrapped row of the thread and how to draw it.
    struct Row: Equatable {
        var text: String
        var role: Role
    }

    /// Longest a single message is shown before "… n more lines".
    static let maximumRowsPerMessage = 40

    static func rows(_ messages: [PatientMessage], width: Int, f: Formatting, s: MessageStrings,
                     new: Set<String> = []) -> [Row] {
        var rows: [Row] = []
        for message in messages {
            if !rows.isEmpty { rows.append(Row(text: "", role: .normal)) }
            let author = Sanitiser.inert(message.author)
            var head = " \(f.dayAndTime(message.written))  "
            var role = Role.normal
            switch message.direction {
            case .fromPatient:
                head += author
                if message.seenByCentre == nil || new.contains(message.id) { head += " · ● \(s.unread)" }
                role = .accent
            case .toPatient:
                head += "\(author) → \(s.toPatient) · \(s.status[message.status] ?? "")"
                if message.status == .read, let read = message.readByPatient { head += " \(f.dayAndTime(read))" }
                if message.status == .failed {
                    role = .warning
                    if let failure = message.failure { head += ": \(Sanitiser.inert(failure))" }
                }
                if message.status == .queued { role = .dim }
            }
            rows.append(Row(text: head, role: role))
            // Line breaks are kept; every other control character is shown, not obeyed.
            let body = message.text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
                .flatMap { TextWrap.wrap(Sanitiser.inert(String($0)), width: width - 5) }
            for line in body.prefix(maximumRowsPerMessage) { rows.append(Row(text: "    " + line, role: .normal)) }
            if body.count > maximumRowsPerMessage {
                rows.append(Row(text: "    " + s.moreLines.replacingOccurrences(of: "%d", with: String(body.count - maximumRowsPerMessage)),
                                role: .dim))
            }
        }
        return rows
    }

    /// Draws the thread between `top` and `bottom` (exclusive), scrolled `back` rows from the newest.
    static func draw(_ buffer: inout ScreenBuffer, _ state: PatientState, top: Int, bottom: Int, f: Formatting) {
        let s = MessageStrings.of(state.language)
        let all = rows(state.record.messages, width: buffer.width, f: f, s: s, new: state.newMessages)
        guard !all.isEmpty else {
            buffer.put(DisplayWidth.fit(" \(s.noMessages)", buffer.width), x: 0, y: top + 1, style: Style(.dim))
            return
        }
        let room = max(1, bottom - top)
        let back = min(state.threadScroll, max(0, all.count - room))
        // Scrolled back, the last row says that later messages are below.
        let shown = back > 0 ? room - 1 : room
        let end = all.count - back
        let start = max(0, end - shown)
        var y = top
        if start > 0 {
            buffer.put(DisplayWidth.fit(" \(s.earlier)", buffer.width), x: 0, y: y, style: Style(.dim))
            y += 1
        }
        for row in all[(start + (start > 0 ? 1 : 0))..<end] where y < bottom {
            buffer.put(DisplayWidth.fit(row.text, buffer.width), x: 0, y: y, style: Style(row.role))
            y += 1
        }
        if back > 0 { buffer.put(DisplayWidth.fit(" \(s.later)", buffer.width), x: 0, y: bottom - 1, style: Style(.dim)) }
    }
}
