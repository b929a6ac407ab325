/// A check of a configuration text's shape before TOMLKit parses it. The TOML parser inside TOMLKit (toml++ 3.4)
/// traps on some malformed text instead of refusing it: fuzzing found it asserting, which stops Varde, on a
/// section header without a name (`[` alone on a line), a date-time cut short (`1979-05-27T:`) and a `}` where
/// a list expects a value (`days = ["man", }`); where its asserts are compiled out the same text is undefined
/// behaviour. So the text is read here first with TOML's grammar and refused, with its line, unless it is
/// well formed, and so reaches toml++ only then. Dates and times, which no setting takes, are refused too
/// (times of day are text, "08:00"), as are control characters, which TOML allows nowhere but tab and line ends.
struct TOMLShape {
    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var line = 1
    private var depth = 0
    private let file: String
    /// Lists and tables inside values nest no deeper than this (no setting nests more than twice; fuzzing found a
    /// few thousand `[` overflowing the stack of a reader without a limit).
    static let maxDepth = 32

    /// Throws `ConfigError` at the first place where the text is not well-formed TOML of the kinds Varde reads.
    static func check(_ text: String, file: String) throws(ConfigError) {
        var shape = TOMLShape(scalars: Array(text.unicodeScalars), file: file)
        try shape.document()
    }

    private init(scalars: [Unicode.Scalar], file: String) {
        self.scalars = scalars
        self.file = file
    }

    private func at(_ offset: Int = 0) -> Unicode.Scalar? {
        index + offset < scalars.count ? scalars[index + offset] : nil
    }

    private func problem(_ message: String) -> ConfigError {
        ConfigError(file: file, line: line, message: message)
    }

    private func what(_ scalar: Unicode.Scalar?) -> String {
        guard let scalar else { return "the end of the file" }
        if scalar == "\n" { return "the end of the line" }
        return Self.isControl(scalar) ? "a control character (U+\(String(scalar.value, radix: 16, uppercase: true)))" : "'\(scalar)'"
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar != "\t") || scalar.value == 0x7F
    }

    private static func isBare(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "_" || scalar == "-"
    }

    // MARK: Lines

    private mutating func document() throws(ConfigError) {
        while at() != nil {
            blanks()
            switch at() {
            case nil: return
            case "#"?, "\n"?, "\r"?: break
            case "["?: try header()
            default: try keyValue()
            }
            try endOfLine()
        }
    }

    private mutating func blanks() {
        while at() == " " || at() == "\t" { index += 1 }
    }

    /// Blanks, a comment, then a line end (or the end of the file).
    private mutating func endOfLine() throws(ConfigError) {
        blanks()
        if at() == "#" {
            index += 1
            while let scalar = at(), scalar != "\n", scalar != "\r" {
                guard !Self.isControl(scalar) else { throw problem("\(what(scalar)) in a comment, which TOML does not allow") }
                index += 1
            }
        }
        if at() == "\r", at(1) == "\n" { index += 1 }
        switch at() {
        case nil: return
        case "\n"?: index += 1; line += 1
        case let other: throw problem("expected the end of the line, found \(what(other))")
        }
    }

    /// Blank lines and comments inside a list.
    private mutating func blankLinesAndComments() throws(ConfigError) {
        while true {
            blanks()
            switch at() {
            case "#"?, "\n"?, "\r"?: try endOfLine()
            default: return
            }
        }
    }

    private mutating func header() throws(ConfigError) {
        index += 1
        let list = at() == "["
        if list { index += 1 }
        blanks()
        try key(what: "a section needs a name, e.g. [privacy]")
        blanks()
        guard at() == "]", !list || at(1) == "]" else { throw problem("expected '\(list ? "]]" : "]")' to close the section name, found \(what(at()))") }
        index += list ? 2 : 1
    }

    private mutating func keyValue() throws(ConfigError) {
        try key(what: "expected a setting's name, found \(what(at()))")
        blanks()
        guard at() == "=" else { throw problem("expected '=' after the name, found \(what(at()))") }
        index += 1
        blanks()
        try value()
    }

    /// A key: bare or quoted parts joined by dots.
    private mutating func key(what message: String) throws(ConfigError) {
        while true {
            switch at() {
            case let scalar? where Self.isBare(scalar):
                while let next = at(), Self.isBare(next) { index += 1 }
            case "\""?, "'"?:
                guard !(at(1) == at() && at(2) == at()) else { throw problem("a name cannot be a text over several lines") }
                try string()
            default:
                throw problem(message)
            }
            blanks()
            guard at() == "." else { return }
            index += 1
            blanks()
        }
    }

    // MARK: Values

    private mutating func value() throws(ConfigError) {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maxDepth else { throw problem("lists and tables are nested deeper than \(Self.maxDepth) levels") }
        switch at() {
        case "\""?, "'"?: try string()
        case "["?: try list()
        case "{"?: try inlineTable()
        case let scalar? where Self.isBare(scalar) || scalar == "+" || scalar == ".":
            try word()
        default:
            throw problem("expected value (text in quotes, a number, true or false, or a list), found \(what(at()))")
        }
    }

    private mutating func list() throws(ConfigError) {
        index += 1
        try blankLinesAndComments()
        while at() != "]" {
            try value()
            try blankLinesAndComments()
            if at() == "," {
                index += 1
                try blankLinesAndComments()
            } else if at() != "]" {
                throw problem("expected ',' or ']' in the list, found \(what(at()))")
            }
        }
        index += 1
    }

    private mutating func inlineTable() throws(ConfigError) {
        index += 1
        blanks()
        if at() == "}" { index += 1; return }
        while true {
            try keyValue()
            blanks()
            if at() == "}" { index += 1; return }
            guard at() == "," else { throw problem("expected ',' or '}' in the table, found \(what(at()))") }
            index += 1
            blanks()
        }
    }

    /// `true`, `false`, or a number in one of TOML's forms; dates and times are refused.
    private mutating func word() throws(ConfigError) {
        let start = index
        while let scalar = at(), Self.isBare(scalar) || scalar == "+" || scalar == "." { index += 1 }
        if at() == ":" {
            throw problem("dates and times are not settings here; write a time of day as text, e.g. \"08:00\"")
        }
        let word = String(String.UnicodeScalarView(scalars[start..<index]))
        if word == "true" || word == "false" { return }
        if Self.looksLikeDate(scalars[start..<index]) {
            throw problem("dates and times are not settings here; write a date as text, e.g. \"2026-11-22\"")
        }
        guard Self.isNumber(word) else { throw problem("expected value (text in quotes, a number, true or false, or a list), found '\(word)'") }
    }

    private static func hexValue(_ scalar: Unicode.Scalar) -> UInt32? {
        switch scalar {
        case "0"..."9": scalar.value - 0x30
        case "a"..."f": scalar.value - 0x61 + 10
        case "A"..."F": scalar.value - 0x41 + 10
        default: nil
        }
    }

    private static func looksLikeDate(_ word: ArraySlice<Unicode.Scalar>) -> Bool {
        let digits = word.prefix { ("0"..."9").contains($0) }
        return digits.count == 4 && word.dropFirst(4).first == "-"
    }

    static func isNumber(_ word: String) -> Bool {
        func digits(_ text: Substring, _ allowed: (Character) -> Bool) -> Bool {
            // Digits with single underscores between them.
            !text.isEmpty && text.first != "_" && text.last != "_" && !text.contains("__") && text.allSatisfy { $0 == "_" || allowed($0) }
        }
        let decimal: (Character) -> Bool = { ("0"..."9").contains($0) }
        for (prefix, allowed) in [("0x", { (c: Character) in c.unicodeScalars.first.flatMap(hexValue) != nil }), ("0o", { ("0"..."7").contains($0) }), ("0b", { $0 == "0" || $0 == "1" })]
        where word.hasPrefix(prefix) {
            return digits(word.dropFirst(2), allowed)
        }
        var rest = Substring(word)
        if rest.first == "+" || rest.first == "-" { rest = rest.dropFirst() }
        if rest == "inf" || rest == "nan" { return true }
        var exponent: Substring?
        if let e = rest.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = rest[rest.index(after: e)...]
            rest = rest[..<e]
        }
        let parts = rest.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, digits(parts[0], decimal), parts.count == 1 || digits(parts[1], decimal) else { return false }
        // No leading zeros in the whole part.
        if parts[0].count > 1, parts[0].first == "0" { return false }
        if var exponent {
            if exponent.first == "+" || exponent.first == "-" { exponent = exponent.dropFirst() }
            return digits(exponent, decimal)
        }
        return true
    }

    // MARK: Text

    /// A string of any of TOML's four kinds, from its opening quote to after its closing one.
    private mutating func string() throws(ConfigError) {
        guard let quote = at() else { return }
        let multiLine = at(1) == quote && at(2) == quote
        let basic = quote == "\""
        index += multiLine ? 3 : 1
        if multiLine, at() == "\r", at(1) == "\n" { index += 1 }
        if multiLine, at() == "\n" { index += 1; line += 1 }
        while true {
            guard let scalar = at() else { throw problem("the text is not closed by \(multiLine ? String(repeating: String(quote), count: 3) : String(quote))") }
            if multiLine, scalar == quote, at(1) == quote, at(2) == quote {
                index += 3
                // One or two more quotes belong to the text itself.
                if at() == quote { index += 1 }
                if at() == quote { index += 1 }
                return
            }
            if !multiLine, scalar == quote { index += 1; return }
            switch scalar {
            case "\n":
                guard multiLine else { throw problem("the text is not closed by \(quote) on its line") }
                line += 1
                index += 1
            case "\r" where multiLine && at(1) == "\n":
                index += 1
            case "\\" where basic:
                index += 1
                try escape(multiLine: multiLine)
            default:
                guard !Self.isControl(scalar) else { throw problem("\(what(scalar)) in a text, which TOML does not allow") }
                index += 1
            }
        }
    }

    /// After a backslash in a basic string.
    private mutating func escape(multiLine: Bool) throws(ConfigError) {
        switch at() {
        case "b"?, "t"?, "n"?, "f"?, "r"?, "\""?, "\\"?:
            index += 1
        case let letter? where letter == "u" || letter == "U":
            let count = letter == "u" ? 4 : 8
            var value: UInt32 = 0
            for offset in 1...count {
                guard let digit = at(offset), let number = Self.hexValue(digit) else {
                    throw problem("\\\(letter) needs \(count) hexadecimal digits")
                }
                value = value << 4 | number
            }
            guard Unicode.Scalar(value) != nil else { throw problem("\\\(letter) names no Unicode character") }
            index += 1 + count
        case " "?, "\t"?, "\r"?, "\n"?:
            // A backslash at the end of a line joins it to the next: blanks after it, then the line end.
            guard multiLine else { throw problem("a backslash cannot end a line inside a text on one line") }
            blanks()
            if at() == "\r", at(1) == "\n" { index += 1 }
            guard at() == "\n" else { throw problem("only blanks may follow a backslash that ends a line") }
            while at() == "\n" || at() == " " || at() == "\t" || (at() == "\r" && at(1) == "\n") {
                if at() == "\n" { line += 1 }
                index += 1
            }
        default:
            throw problem("\\\(at().map(String.init) ?? "") is not an escape TOML knows (\\n, \\t, \\\", \\\\, \\uXXXX …)")
        }
    }
}
