import VardeDomain

/// Each row's folded filter text and whether it holds the filter, kept from one update to the next
/// while the row's words and the language stay the same.
struct FoldedText: Sendable {
    private var language: Language?
    private var needle: [UInt8] = []
    /// The rows the texts were made from, by place: an update mostly brings the same rows in the
    /// same places, so a row is checked against its old place before the rows are searched by id.
    private var rows: [QueueEntry] = []
    private var texts: [[UInt8]] = []
    /// Whether `texts[i]` contains `needle`.
    private var holds: [Bool] = []

    /// The places in `entries` whose folded text contains `needle` (or with `inverted`, does not).
    /// `make` folds a row's words; it runs only for rows not seen before or whose words changed.
    mutating func places(in entries: [QueueEntry], containing needle: [UInt8], inverted: Bool, language: Language,
                         make: (QueueEntry) -> String) -> [Int] {
        if self.language != language { forget() }
        self.language = language
        if self.needle != needle {
            self.needle = needle
            for index in texts.indices { holds[index] = Self.contains(texts[index], needle) }
        }
        refold(entries, make)
        var places: [Int] = []
        for index in holds.indices where holds[index] != inverted { places.append(index) }
        return places
    }

    private mutating func forget() {
        rows = []
        texts = []
        holds = []
    }

    /// Brings the texts in line with `entries`, in place while the rows stay where they were.
    private mutating func refold(_ entries: [QueueEntry], _ make: (QueueEntry) -> String) {
        var index = 0
        if rows.count == entries.count {
            while index < entries.count, rows[index].alertID == entries[index].alertID {
                if !Self.sameWords(rows, index, entries, index) { fold(entries, index, into: index, make) }
                index += 1
            }
        }
        if index < entries.count { rearrange(entries, from: index, make) }
        rows = entries
    }

    private mutating func fold(_ entries: [QueueEntry], _ index: Int, into place: Int, _ make: (QueueEntry) -> String) {
        texts[place] = Array(make(entries[index]).utf8)
        holds[place] = Self.contains(texts[place], needle)
    }

    /// Rows came, went or moved from `start` on: each keeps its old text when its words are the same.
    /// A row is looked for where the one before it was found, and by id only when it is not there.
    private mutating func rearrange(_ entries: [QueueEntry], from start: Int, _ make: (QueueEntry) -> String) {
        var oldPlace: [Int64: Int]?
        var newTexts = Array(texts.prefix(start))
        var newHolds = Array(holds.prefix(start))
        newTexts.reserveCapacity(entries.count)
        newHolds.reserveCapacity(entries.count)
        var offset = 0
        for index in start..<entries.count {
            var old: Int? = index + offset
            if let guess = old, !(rows.indices.contains(guess) && rows[guess].alertID == entries[index].alertID) {
                if oldPlace == nil {
                    oldPlace = Dictionary(rows.indices.map { (rows[$0].alertID, $0) }, uniquingKeysWith: { first, _ in first })
                }
                old = oldPlace?[entries[index].alertID]
                if let old { offset = old - index }
            }
            if let old, Self.sameWords(rows, old, entries, index) {
                newTexts.append(texts[old])
                newHolds.append(holds[old])
            } else {
                let text = Array(make(entries[index]).utf8)
                newTexts.append(text)
                newHolds.append(Self.contains(text, needle))
            }
        }
        texts = newTexts
        holds = newHolds
    }

    /// Whether two rows fold to the same text. Fields are read in place: copying fifty thousand rows
    /// would cost more than the search.
    private static func sameWords(_ old: [QueueEntry], _ o: Int, _ fresh: [QueueEntry], _ f: Int) -> Bool {
        old[o].alertID == fresh[f].alertID && old[o].isBlocked == fresh[f].isBlocked
            && old[o].patientName == fresh[f].patientName && old[o].municipality == fresh[f].municipality
            && old[o].trigger?.id == fresh[f].trigger?.id && old[o].message == fresh[f].message
            && old[o].missing.count == fresh[f].missing.count
    }

    /// Substring search on UTF-8 bytes: both sides are folded the same way, and UTF-8 never matches
    /// in the middle of a character, so this equals `String.contains` here at a fraction of its cost.
    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        guard haystack.count >= needle.count else { return false }
        let first = needle[0]
        for start in 0...(haystack.count - needle.count) where haystack[start] == first {
            var index = 1
            while index < needle.count, haystack[start + index] == needle[index] { index += 1 }
            if index == needle.count { return true }
        }
        return false
    }
}
