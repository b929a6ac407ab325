/// One cell of the screen: a grapheme cluster (or "" for the right half of a wide one) and its style.
public struct Cell: Equatable, Sendable {
    public var text: String
    public var style: Style

    public static let blank = Cell(text: " ", style: .normal)
    public static let continuation = Cell(text: "", style: .normal)
}

/// A width × height grid of cells that screens draw into; backends show it.
public struct ScreenBuffer: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        cells[y * width + x]
    }

    /// Writes text from (x, y) on one line, never past `maxWidth` columns or the right edge;
    /// text is sanitised first. Returns the columns used.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style = .normal, maxWidth: Int? = nil) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let limit = min(width, x + (maxWidth ?? width))
        var column = x
        for character in Sanitiser.inert(text) {
            let w = DisplayWidth.of(character)
            if w == 0 { continue } // a lone combining mark has nothing to attach to here
            if column + w > limit { break }
            if column >= 0 {
                clearWide(at: column, y: y)
                cells[y * width + column] = Cell(text: String(character), style: style)
                if w == 2 {
                    clearWide(at: column + 1, y: y)
                    cells[y * width + column + 1] = Cell(text: "", style: style)
                }
            }
            column += w
        }
        return column - x
    }

    /// Paints a whole line's style (for bars and the selected row) without changing its text.
    public mutating func fill(row y: Int, from x: Int = 0, to end: Int? = nil, style: Style) {
        guard y >= 0, y < height else { return }
        for column in max(0, x)..<min(width, end ?? width) {
            cells[y * width + column].style = style
        }
    }

    /// Keeps wide characters whole: overwriting either half blanks the other.
    private mutating func clearWide(at x: Int, y: Int) {
        guard x < width else { return }
        let index = y * width + x
        let text = cells[index].text
        if text.utf8.count == 1 { return } // one ASCII byte: one column
        if text.isEmpty, x > 0 {
            cells[index - 1] = Cell(text: " ", style: cells[index - 1].style)
        } else if DisplayWidth.of(text) == 2, x + 1 < width {
            cells[index + 1] = Cell(text: " ", style: cells[index + 1].style)
        }
    }

    /// A copy with a line inserted under row `y - 1`: rows from `y` move down one and the last row of
    /// `self` falls off (render one row shorter first to keep everything). The new line is blank.
    public func insertingLine(at y: Int, height newHeight: Int) -> ScreenBuffer {
        var result = ScreenBuffer(width: width, height: newHeight)
        for row in 0..<newHeight {
            let source = row < y ? row : row - 1
            guard row != y, source >= 0, source < height else { continue }
            for x in 0..<width { result.cells[row * width + x] = cells[source * width + x] }
        }
        return result
    }

    /// The text of one line, trailing spaces removed.
    public func line(_ y: Int) -> String {
        var text = ""
        for x in 0..<width { text += cells[y * width + x].text }
        while text.hasSuffix(" ") { text.removeLast() }
        return text
    }

    /// The whole screen as plain text, one line per row: what `varde render` prints.
    public var plainText: String {
        (0..<height).map(line).joined(separator: "\n") + "\n"
    }
}
