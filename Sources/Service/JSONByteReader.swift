import Foundation

/// A strict, allocation-light reader over JSON bytes for hand-written fast paths. It accepts only
/// what RFC 8259 allows and throws `Unsupported` at anything else (including what it merely does not
/// handle, such as deep nesting), so that the caller can fall back to Foundation's decoder.
struct JSONByteReader {
    /// Not something this reader vouches for: decode the same bytes the ordinary way instead.
    struct Unsupported: Error {}

    let bytes: UnsafeRawBufferPointer
    private(set) var index = 0
    private var depth = 0

    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    private static let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")

    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    mutating func peek() throws -> UInt8 {
        skipWhitespace()
        guard index < bytes.count else { throw Unsupported() }
        return bytes[index]
    }

    mutating func expect(_ byte: UInt8) throws {
        guard try peek() == byte else { throw Unsupported() }
        index += 1
    }

    /// After the top-level value: only whitespace may follow.
    mutating func expectEnd() throws {
        skipWhitespace()
        guard index == bytes.count else { throw Unsupported() }
    }

    // MARK: Objects and arrays

    /// `{`; then call `nextKey(&first)` until it returns nil.
    mutating func enterObject() throws {
        try expect(UInt8(ascii: "{"))
        try deeper()
    }

    /// The next member's key (its `:` consumed, the value next), or nil after the closing `}`.
    mutating func nextKey(_ first: inout Bool) throws -> String? {
        let byte = try peek()
        if byte == UInt8(ascii: "}") {
            index += 1
            depth -= 1
            return nil
        }
        if first { first = false } else { try expect(UInt8(ascii: ",")) }
        let key = try readString()
        try expect(UInt8(ascii: ":"))
        return key
    }

    /// `[`; then call `nextElement(&first)` until it returns false.
    mutating func enterArray() throws {
        try expect(UInt8(ascii: "["))
        try deeper()
    }

    /// Whether another element follows (positioned at it), false after the closing `]`.
    mutating func nextElement(_ first: inout Bool) throws -> Bool {
        if try peek() == UInt8(ascii: "]") {
            index += 1
            depth -= 1
            return false
        }
        if first { first = false } else { try expect(UInt8(ascii: ",")) }
        return true
    }

    private mutating func deeper() throws {
        depth += 1
        guard depth <= 64 else { throw Unsupported() }
    }

    // MARK: Scalars

    /// Consumes `null` and returns true, or returns false leaving anything else in place.
    mutating func readNull() throws -> Bool {
        guard try peek() == UInt8(ascii: "n") else { return false }
        try literal("null")
        return true
    }

    private mutating func literal(_ text: StaticString) throws {
        let count = text.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw Unsupported() }
        let expected = UnsafeRawBufferPointer(start: text.utf8Start, count: count)
        for offset in 0..<count where bytes[index + offset] != expected[offset] { throw Unsupported() }
        index += count
    }

    mutating func readString() throws -> String {
        try expect(Self.quote)
        let start = index
        // A string past the page limit is for the careful reader to quarantine.
        let end = min(bytes.count, start + Self.longestString + 1)
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { throw Unsupported() }
        var seen: UInt8 = 0 // every byte's bits: at or above 0x80 when any byte is not ASCII
        var at = start
        while at < end {
            let byte = base[at]
            if byte == Self.quote {
                index = at + 1
                return try Self.string(UnsafeRawBufferPointer(start: base + start, count: at - start), ascii: seen < 0x80)
            }
            if byte == Self.backslash { index = at; return try readEscapedString(from: start) }
            if byte < 0x20 { throw Unsupported() }
            seen |= byte
            at += 1
        }
        throw Unsupported()
    }

    /// Strings longer than this (in bytes) are left to the entry-by-entry reader, which refuses them.
    static let longestString = PageLimits().maxStringBytes

    private static func string(_ utf8: UnsafeRawBufferPointer, ascii: Bool) throws -> String {
        // Strings of 16 bytes or more live on the heap; the ones every measurement repeats are given shared.
        if utf8.count > 15, let known = KnownStrings.match(utf8) { return known }
        if ascii { return String(decoding: utf8, as: UTF8.self) }
        guard let text = String(bytes: utf8, encoding: .utf8) else { throw Unsupported() }
        return text
    }

    private mutating func readEscapedString(from start: Int) throws -> String {
        var buffer = [UInt8](UnsafeRawBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case Self.quote:
                return try buffer.withUnsafeBytes { try Self.string($0, ascii: !$0.contains { $0 >= 0x80 }) }
            case Self.backslash:
                guard index < bytes.count else { throw Unsupported() }
                let escaped = bytes[index]
                index += 1
                switch escaped {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): buffer.append(escaped)
                case UInt8(ascii: "b"): buffer.append(0x08)
                case UInt8(ascii: "f"): buffer.append(0x0C)
                case UInt8(ascii: "n"): buffer.append(0x0A)
                case UInt8(ascii: "r"): buffer.append(0x0D)
                case UInt8(ascii: "t"): buffer.append(0x09)
                case UInt8(ascii: "u"): try appendUnicodeEscape(to: &buffer)
                default: throw Unsupported()
                }
            case 0..<0x20:
                throw Unsupported()
            default:
                buffer.append(byte)
            }
        }
        throw Unsupported()
    }

    /// `\uXXXX` (the `\u` consumed), a surrogate pair as two escapes; a lone surrogate is refused.
    private mutating func appendUnicodeEscape(to buffer: inout [UInt8]) throws {
        var value = try hex4()
        if (0xD800...0xDBFF).contains(value) {
            guard index + 2 <= bytes.count, bytes[index] == Self.backslash, bytes[index + 1] == UInt8(ascii: "u")
            else { throw Unsupported() }
            index += 2
            let low = try hex4()
            guard (0xDC00...0xDFFF).contains(low) else { throw Unsupported() }
            value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
        } else if (0xDC00...0xDFFF).contains(value) {
            throw Unsupported()
        }
        guard let scalar = Unicode.Scalar(value) else { throw Unsupported() }
        buffer.append(contentsOf: UTF8.encode(scalar)!)
    }

    private mutating func hex4() throws -> UInt32 {
        guard index + 4 <= bytes.count else { throw Unsupported() }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            index += 1
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw Unsupported()
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    /// A JSON number in any of its forms, as the nearest Double; refuses what does not fit one.
    mutating func readNumber() throws -> Double {
        _ = try peek()
        let start = index
        try skipNumber()
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        guard let value = Double(text), value.isFinite else { throw Unsupported() }
        return value
    }

    /// A JSON number written as a plain integer (`-?digits`, at most 18 of them); anything else, such
    /// as `2.0` or `2e0`, is refused so that Foundation's own rules decide.
    mutating func readInteger() throws -> Int {
        _ = try peek()
        let start = index
        try skipNumber()
        let token = UnsafeRawBufferPointer(rebasing: bytes[start..<index])
        let digits = token.first == UInt8(ascii: "-") ? token.dropFirst() : token[...]
        guard !digits.isEmpty, digits.count <= 18, digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
        else { throw Unsupported() }
        let magnitude = digits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        return token.first == UInt8(ascii: "-") ? -magnitude : magnitude
    }

    /// `true` or `false`.
    mutating func readBool() throws -> Bool {
        switch try peek() {
        case UInt8(ascii: "t"): try literal("true"); return true
        case UInt8(ascii: "f"): try literal("false"); return false
        default: throw Unsupported()
        }
    }

    private mutating func skipNumber() throws {
        func digits() -> Int {
            let from = index
            while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") { index += 1 }
            return index - from
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count else { throw Unsupported() }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else if digits() == 0 {
            throw Unsupported()
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard digits() > 0 else { throw Unsupported() }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard digits() > 0 else { throw Unsupported() }
        }
    }

    /// Skips any value, checking that it is valid JSON all the same.
    mutating func skipValue() throws {
        switch try peek() {
        case Self.quote:
            try skipString()
        case UInt8(ascii: "{"):
            try enterObject()
            var first = true
            while try nextKey(&first) != nil { try skipValue() }
        case UInt8(ascii: "["):
            try enterArray()
            var first = true
            while try nextElement(&first) { try skipValue() }
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        default: try skipNumber()
        }
    }

    private mutating func skipString() throws {
        try expect(Self.quote)
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == Self.quote {
                let slice = UnsafeRawBufferPointer(rebasing: bytes[start..<index])
                index += 1
                if slice.contains(where: { $0 >= 0x80 }) { _ = try Self.string(slice, ascii: false) }
                return
            }
            if byte == Self.backslash { index = start - 1; _ = try readString(); return }
            if byte < 0x20 { throw Unsupported() }
            index += 1
        }
        throw Unsupported()
    }
}
