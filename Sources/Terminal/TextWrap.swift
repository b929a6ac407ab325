/// Breaks text into rows no wider than a width in terminal cells: at spaces where it can, inside a
/// word only when one word is wider than the row; hard line breaks always start a new row.
public enum TextWrap {
    /// Each row as the range of character indexes it shows (line breaks and the space a row broke
    /// at belong to no row). An empty text is one empty row.
    public static func rows(_ characters: [Character], width: Int) -> [Range<Int>] {
        let width = max(1, width)
        var rows: [Range<Int>] = []
        var start = 0
        var used = 0
        var lastSpace: Int?
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character == "\n" {
                rows.append(start..<index)
                start = index + 1
                used = 0
                lastSpace = nil
                index += 1
                continue
            }
            let cells = DisplayWidth.of(character)
            if used + cells > width, index > start {
                if let space = lastSpace, space > start {
                    rows.append(start..<space)
                    start = space + 1
                } else {
                    rows.append(start..<index)
                    start = index
                }
                used = characters[start..<index].reduce(0) { $0 + DisplayWidth.of($1) }
                lastSpace = nil
                continue
            }
            if character == " " { lastSpace = index }
            used += cells
            index += 1
        }
        rows.append(start..<characters.count)
        return rows
    }

    /// The rows as strings.
    public static func wrap(_ text: String, width: Int) -> [String] {
        let characters = Array(text)
        return rows(characters, width: width).map { String(characters[$0]) }
    }
}
