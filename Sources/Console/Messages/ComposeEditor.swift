import VardeDomain
import VardeTerminal

/// The message editor's text and cursor: multi-line, by character (grapheme cluster, so æ, å written
/// with a combining ring, and emoji each count and move as one), word and line, within the length limit.
public struct ComposeEditor: Equatable, Sendable {
    public private(set) var characters: [Character]
    /// Index in `characters` the next typed character goes before.
    public private(set) var cursor: Int
    /// The width the editor is laid out at (for moving up and down by rows).
    public var width: Int
    /// What the last change could not do (typing beyond the limit), until the next change.
    public private(set) var refusal: Refusal?
    /// The message this one answers, if it is a reply.
    public var inResponseTo: String?
    /// The most characters the text may have (a message's limit unless told otherwise).
    public var limit: Int

    public enum Refusal: Equatable, Sendable {
        /// Characters left out because the message would have passed the limit.
        case tooLong(leftOut: Int)
    }

    public init(text: String = "", width: Int = 60, inResponseTo: String? = nil, limit: Int = MessageText.maximumLength) {
        self.limit = limit
        characters = Array(text)
        cursor = characters.count
        self.width = width
        self.inResponseTo = inResponseTo
    }

    public var text: String { String(characters) }
    public var count: Int { characters.count }
    public var remaining: Int { limit - characters.count }

    /// Types or pastes text at the cursor; control characters are dropped (tabs become a space) and
    /// whatever would pass the limit is left out and said. A paste arrives as one key per character:
    /// refusals in a row add up, so the count said is what the whole paste lost.
    public mutating func insert(_ text: String) {
        let leftOutBefore: Int
        if case .tooLong(let count)? = refusal { leftOutBefore = count } else { leftOutBefore = 0 }
        refusal = nil
        var accepted: [Character] = []
        for character in text {
            if character == "\n" || character == "\r\n" || character == "\r" { accepted.append("\n"); continue }
            if character == "\t" { accepted.append(" "); continue }
            if character.unicodeScalars.contains(where: { Sanitiser.isDangerous($0) }) { continue }
            accepted.append(character)
        }
        let room = max(0, remaining)
        if accepted.count > room {
            refusal = .tooLong(leftOut: (room == 0 ? leftOutBefore : 0) + accepted.count - room)
            accepted = Array(accepted.prefix(room))
        }
        characters.insert(contentsOf: accepted, at: cursor)
        cursor += accepted.count
    }

    /// An editing key applied (typing, moving, deleting, a new line); false for any other key.
    public mutating func edit(_ key: Key) -> Bool {
        switch key {
        case .control("w"): deleteWordBack()
        case .control("a"), .home: rowStart()
        case .control("e"), .end: rowEnd()
        case .enter: insert("\n")
        case .backspace: backspace()
        case .delete: deleteForward()
        case .left: left()
        case .right: right()
        case .up: up()
        case .down: down()
        case .controlLeft: wordLeft()
        case .controlRight: wordRight()
        case .character(let c): insert(String(c))
        default: return false
        }
        return true
    }

    public mutating func backspace() {
        refusal = nil
        guard cursor > 0 else { return }
        characters.remove(at: cursor - 1)
        cursor -= 1
    }

    public mutating func deleteForward() {
        refusal = nil
        guard cursor < characters.count else { return }
        characters.remove(at: cursor)
    }

    /// Deletes back to the start of the word before the cursor (Ctrl-w).
    public mutating func deleteWordBack() {
        refusal = nil
        let start = wordStart(before: cursor)
        characters.removeSubrange(start..<cursor)
        cursor = start
    }

    public mutating func left() { cursor = max(0, cursor - 1) }
    public mutating func right() { cursor = min(characters.count, cursor + 1) }
    public mutating func wordLeft() { cursor = wordStart(before: cursor) }

    public mutating func wordRight() {
        var index = cursor
        while index < characters.count, !characters[index].isLetter && !characters[index].isNumber { index += 1 }
        while index < characters.count, characters[index].isLetter || characters[index].isNumber { index += 1 }
        cursor = index
    }

    public mutating func rowStart() { cursor = rows[cursorRow].lowerBound }
    public mutating func rowEnd() { cursor = rows[cursorRow].upperBound }
    public mutating func up() { moveRow(by: -1) }
    public mutating func down() { moveRow(by: 1) }

    /// Rows as laid out at `width`.
    public var rows: [Range<Int>] { TextWrap.rows(characters, width: width) }

    /// The row the cursor is on (at a row's end it belongs to that row, not the next).
    public var cursorRow: Int {
        let rows = rows
        return rows.lastIndex { $0.lowerBound <= cursor && cursor <= $0.upperBound } ?? rows.count - 1
    }

    /// The cursor's column in cells on its row.
    public var cursorColumn: Int {
        let row = rows[cursorRow]
        return characters[row.lowerBound..<min(cursor, row.upperBound)].reduce(0) { $0 + DisplayWidth.of($1) }
    }

    private mutating func moveRow(by step: Int) {
        let rows = rows
        let target = cursorRow + step
        guard rows.indices.contains(target) else {
            cursor = step < 0 ? 0 : characters.count
            return
        }
        let column = cursorColumn
        var index = rows[target].lowerBound
        var used = 0
        while index < rows[target].upperBound {
            let cells = DisplayWidth.of(characters[index])
            if used + cells > column { break }
            used += cells
            index += 1
        }
        cursor = index
    }

    private func wordStart(before position: Int) -> Int {
        var index = position
        while index > 0, !characters[index - 1].isLetter && !characters[index - 1].isNumber { index -= 1 }
        while index > 0, characters[index - 1].isLetter || characters[index - 1].isNumber { index -= 1 }
        return index
    }
}
