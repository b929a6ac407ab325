import Foundation
import GRDBSQLite

/// Names read from text columns, each given a small position the first time it is seen. Looked up by
/// the row's bytes in a hash table of its own, so fifty thousand patients naming a few hundred
/// municipalities make a few hundred strings, and no Swift string is hashed per row.
struct NameTable {
    /// Every name's bytes one after another: name `i` is `bytes[starts[i]..<starts[i + 1]]`.
    private var bytes: [UInt8] = []
    private var starts: [Int] = [0]
    /// Positions by hash (open addressing), -1 where empty; a power of two long, at most half full.
    private var slots = [Int32](repeating: -1, count: 16)
    /// The position last asked for, -1 before the first.
    private var last: Int32 = -1

    var count: Int { starts.count - 1 }

    /// The names by position.
    var names: [String] { (0..<count).map { String(decoding: bytes[starts[$0]..<starts[$0 + 1]], as: UTF8.self) } }

    /// The position of the text in `column` of the statement's current row, given it if it is new; -1 when it is NULL.
    mutating func position(_ statement: OpaquePointer, _ column: Int32) -> Int32 {
        guard let name = Self.text(statement, column) else { return -1 }
        return position(of: name)
    }

    /// The position of `name`, given it if it is new.
    mutating func position(of name: UnsafeRawBufferPointer) -> Int32 {
        // Rows one after another often name the same again (a diagnosis list): that is seen without hashing it.
        if last >= 0, isName(last, name) { return last }
        let (slot, found) = find(name)
        if let found {
            last = found
            return found
        }
        let position = Int32(count)
        bytes.append(contentsOf: name)
        starts.append(bytes.count)
        slots[slot] = position
        if count * 2 > slots.count { grow() }
        last = position
        return position
    }

    /// Whether the name at `position` is `name`.
    private func isName(_ position: Int32, _ name: UnsafeRawBufferPointer) -> Bool {
        let start = starts[Int(position)], length = starts[Int(position) + 1] - start
        return length == name.count && (length == 0 || bytes.withUnsafeBytes { memcmp($0.baseAddress! + start, name.baseAddress!, length) == 0 })
    }

    private static func text(_ statement: OpaquePointer, _ column: Int32) -> UnsafeRawBufferPointer? {
        guard let text = sqlite3_column_text(statement, column) else { return nil }
        return UnsafeRawBufferPointer(start: text, count: Int(sqlite3_column_bytes(statement, column)))
    }

    /// The slot that holds `name`, or the empty slot where it would go.
    private func find(_ name: UnsafeRawBufferPointer) -> (slot: Int, position: Int32?) {
        let mask = slots.count - 1
        var slot = Self.hash(name) & mask
        while true {
            let position = slots[slot]
            if position < 0 { return (slot, nil) }
            if isName(position, name) { return (slot, position) }
            slot = (slot + 1) & mask
        }
    }

    private mutating func grow() {
        var larger = [Int32](repeating: -1, count: slots.count * 2)
        let mask = larger.count - 1
        bytes.withUnsafeBytes { kept in
            for position in 0..<count {
                var slot = Self.hash(UnsafeRawBufferPointer(rebasing: kept[starts[position]..<starts[position + 1]])) & mask
                while larger[slot] >= 0 { slot = (slot + 1) & mask }
                larger[slot] = Int32(position)
            }
        }
        slots = larger
    }

    /// FNV-1a, folded: names are short and nobody chooses them to collide.
    private static func hash(_ name: UnsafeRawBufferPointer) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in name { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return Int(truncatingIfNeeded: hash ^ (hash >> 29))
    }
}
