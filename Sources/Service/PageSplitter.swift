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

    /// How deep one entry nests and how long its longest string is, in bytes (strings followed, nothing parsed).
    static func measure(_ data: Data, _ range: Range<Int>) -> (depth: Int, longestString: Int) {
        data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            var depth = 0, deepest = 0, longest = 0, i = range.lowerBound
            while i < range.upperBound {
                switch bytes[i] {
                case UInt8(ascii: "\""):
                    let start = i
                    i += 1
                    while i < range.upperBound, bytes[i] != UInt8(ascii: "\"") { i += bytes[i] == UInt8(ascii: "\\") ? 2 : 1 }
                    longest = max(longest, i - start - 1)
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1; deepest = max(deepest, depth)
                case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
                default: break
                }
                i += 1
            }
            return (deepest, longest)
        }
    }

    /// The page read entry by entry: every entry that decodes within `limits` is kept, every other is a
    /// problem with its raw text (capped); throws when even the page around the entries cannot be read, or
    /// when it holds more resources than the limit.
    static func decode<Resource: Decodable & Sendable>(_ data: Data, as type: Resource.Type,
                                                       limits: PageLimits = PageLimits()) throws -> ReceivedPage<Resource>? {
        guard let (header, ranges) = split(data) else { return nil }
        guard ranges.count <= limits.maxResources else { throw PageLimits.TooManyResources(count: ranges.count, limit: limits.maxResources) }
        var page = try JSONDecoder().decode(ReceivedPage<Resource>.self, from: header)
        for range in ranges {
            let entry = data.subdata(in: range)
            let measured = measure(data, range)
            let overLimit: String? = measured.depth > limits.maxDepth
                ? "ressursen er nestet dypere enn \(limits.maxDepth) nivåer"
                : measured.longestString > limits.maxStringBytes
                ? "et tekstfelt er \(measured.longestString) byte langt (grensen er \(limits.maxStringBytes))" : nil
            if let overLimit {
                let raw = EntryProblem.rawText(entry)
                page.entries.append(.failure(EntryProblem(resourceType: sniff("resourceType", in: raw), resourceID: sniff("id", in: raw),
                                                          reason: overLimit, raw: raw)))
                continue
            }
            do {
                if let result = try JSONDecoder().decode(ReceivedPage<Resource>.TolerantEntry.self, from: entry).result {
                    page.entries.append(result)
                }
            } catch {
                let raw = EntryProblem.rawText(entry)
                page.entries.append(.failure(EntryProblem(
                    resourceType: sniff("resourceType", in: raw), resourceID: sniff("id", in: raw),
                    reason: "uleselig ressurs: \(describe(error))", raw: raw)))
            }
        }
        return page
    }

    /// The page with the text as received attached to each entry that could not be read, so that the
    /// quarantine can show it; the entries are matched by position (a page whose entries cannot be told
    /// apart the same way keeps its problems without text).
    static func withRawText<Resource>(_ page: ReceivedPage<Resource>, from data: Data) -> ReceivedPage<Resource> {
        guard page.entries.contains(where: { if case .failure = $0 { true } else { false } }),
              let (_, ranges) = split(data) else { return page }
        // OperationOutcome entries are left out of a page, as the decoder leaves them out.
        let kept = ranges.filter { sniff("resourceType", in: String(decoding: data[$0].prefix(4096), as: UTF8.self)) != "OperationOutcome" }
        guard kept.count == page.entries.count else { return page }
        var page = page
        for (index, entry) in page.entries.enumerated() {
            guard case .failure(var problem) = entry, problem.raw == nil else { continue }
            problem.raw = EntryProblem.rawText(data[kept[index]])
            page.entries[index] = .failure(problem)
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

/// What one page may hold: more resources than a centre ever asks for in one page, strings and nesting far
/// beyond any real resource. Past them a resource is quarantined (or the page refused), never read whole.
public struct PageLimits: Sendable {
    public var maxResources = 10_000
    public var maxStringBytes = 1 << 20
    public var maxDepth = 64
    /// The levels a searchset adds around a resource: the Bundle, its `entry` array and the entry.
    static let bundleLevels = 3

    public init() {}

    /// A page with more resources than `maxResources`.
    public struct TooManyResources: Error, CustomStringConvertible {
        public var count: Int
        public var limit: Int
        public var description: String { "the page holds \(count) resources, more than the limit of \(limit)" }
    }
}
