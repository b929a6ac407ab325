import Foundation

/// Cuts a searchset page that is not valid JSON as a whole into its entries, so that one unreadable
/// resource (NaN, 1e400, nesting 10,000 deep) is quarantined on its own and the rest of its page is
/// taken. It follows strings and brackets only (no recursion, no value parsing); a page whose structure
/// it cannot follow stays malformed as a whole.
enum PageSplitter {
    /// The page without its entries (`"entry":[]`) and the byte ranges of each entry, or nil.
    static func split(_ data: Data) -> (header: Data, entries: [Range<Int>])? {
        data.withUnsafeBytes { raw -> (Data, [Range<Int>])? in
            let bytes = raw.bindMemory(to: UInt8.self)
            var i = 0, depth = 0
            var keyAtRoot: Range<Int>?       // the last string read directly inside the root object
            var entryArray: Range<Int>?      // from `[` to after `]`
            var entries: [Range<Int>] = []
            var elementStart: Int?
            var inEntries = false
            while i < bytes.count {
                let byte = bytes[i]
                switch byte {
                case UInt8(ascii: "\""):
                    let start = i
                    i += 1
                    while i < bytes.count, bytes[i] != UInt8(ascii: "\"") { i += bytes[i] == UInt8(ascii: "\\") ? 2 : 1 }
                    guard i < bytes.count else { return nil }
                    if depth == 1 { keyAtRoot = start + 1..<i }
                    if inEntries, depth == 2, elementStart == nil { elementStart = start }
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    if inEntries, depth == 2, elementStart == nil { elementStart = i }
                    if depth == 1, byte == UInt8(ascii: "["), entryArray == nil,
                       let key = keyAtRoot, Array(bytes[key]) == Array("entry".utf8) {
                        inEntries = true
                        entryArray = i..<i
                    }
                    depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    guard depth >= 0 else { return nil }
                    if inEntries, depth == 2, byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]"), let start = elementStart,
                       bytes[start] == UInt8(ascii: "{") || bytes[start] == UInt8(ascii: "[") {
                        // the element's own closing bracket: depth fell back to the array's level
                        entries.append(start..<i + 1)
                        elementStart = nil
                    } else if inEntries, depth == 1 {
                        if let start = elementStart { entries.append(start..<i) } // a bare value before `]`
                        elementStart = nil
                        inEntries = false
                        entryArray = entryArray!.lowerBound..<i + 1
                    }
                case UInt8(ascii: ","):
                    if inEntries, depth == 2, let start = elementStart { entries.append(start..<i); elementStart = nil }
                case 0x20, 0x0A, 0x0D, 0x09, UInt8(ascii: ":"):
                    break
                default:
                    if inEntries, depth == 2, elementStart == nil { elementStart = i }
                }
                i += 1
            }
            guard depth == 0, let array = entryArray, !inEntries else { return nil }
            var header = Data(bytes[..<array.lowerBound])
            header.append(contentsOf: Array("[]".utf8))
            header.append(contentsOf: bytes[array.upperBound...])
            return (header, entries)
        }
    }

    /// The page read entry by entry: every entry that decodes is kept, every other is a problem with
    /// its raw text (capped); throws when even the page around the entries cannot be read.
    static func decode<Resource: Decodable & Sendable>(_ data: Data, as type: Resource.Type) throws -> ReceivedPage<Resource>? {
        guard let (header, ranges) = split(data) else { return nil }
        var page = try JSONDecoder().decode(ReceivedPage<Resource>.self, from: header)
        for range in ranges {
            let entry = data.subdata(in: range)
            do {
                if let result = try JSONDecoder().decode(ReceivedPage<Resource>.TolerantEntry.self, from: entry).result {
                    page.entries.append(result)
                }
            } catch {
                let raw = String(decoding: entry.prefix(EntryProblem.rawLimit), as: UTF8.self)
                page.entries.append(.failure(EntryProblem(
                    resourceType: sniff("resourceType", in: raw), resourceID: sniff("id", in: raw),
                    reason: "uleselig ressurs: \(describe(error))", raw: raw)))
            }
        }
        return page
    }

    /// The first `"key": "value"` in the text, for naming an unreadable resource (nil when not found).
    static func sniff(_ key: String, in text: String) -> String? {
        guard let keyRange = text.range(of: "\"\(key)\"") else { return nil }
        let rest = text[keyRange.upperBound...].drop { $0 == " " || $0 == ":" || $0 == "\n" || $0 == "\t" }
        guard rest.first == "\"" else { return nil }
        let value = rest.dropFirst().prefix { $0 != "\"" }
        return value.isEmpty || value.count > 64 ? nil : String(value)
    }
}
