import Foundation
import GRDBSQLite

/// Names read from text columns, each given a small position the first time it is seen. Looked up
/// by the row's bytes, so a hundred thousand rows naming a few hundred municipalities and nurses make
/// a few hundred strings, not a hundred thousand.
struct NameTable {
    private var kept: [[UInt8]] = []
    private var positions: [Key: Int32] = [:]

    init(capacity: Int = 0) {
        kept.reserveCapacity(capacity)
        positions.reserveCapacity(capacity)
    }

    /// The names by position.
    var names: [String] { kept.map { String(decoding: $0, as: UTF8.self) } }

    /// A name's bytes: the table keeps its own copy; a lookup borrows SQLite's until the next step.
    private enum Key: Hashable {
        case kept([UInt8])
        case borrowed(UnsafeRawBufferPointer)

        func withBytes<Result>(_ body: (UnsafeRawBufferPointer) -> Result) -> Result {
            switch self {
            case .kept(let bytes): bytes.withUnsafeBytes(body)
            case .borrowed(let bytes): body(bytes)
            }
        }

        static func == (a: Key, b: Key) -> Bool {
            a.withBytes { x in b.withBytes { y in x.count == y.count && (x.isEmpty || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0) } }
        }

        func hash(into hasher: inout Hasher) { withBytes { hasher.combine(bytes: $0) } }
    }

    /// The position of the text in `column` of the statement's current row, given it if it is new; -1 when it is NULL.
    mutating func position(_ statement: OpaquePointer, _ column: Int32) -> Int32 {
        guard let bytes = Self.bytes(statement, column) else { return -1 }
        if let position = positions[.borrowed(bytes)] { return position }
        let position = Int32(kept.count)
        kept.append(Array(bytes))
        positions[.kept(kept[kept.count - 1])] = position
        return position
    }

    /// The position of the text in `column` of the current row if the table has it already.
    func existing(_ statement: OpaquePointer, _ column: Int32) -> Int32? {
        Self.bytes(statement, column).flatMap { positions[.borrowed($0)] }
    }

    private static func bytes(_ statement: OpaquePointer, _ column: Int32) -> UnsafeRawBufferPointer? {
        guard let text = sqlite3_column_text(statement, column) else { return nil }
        return UnsafeRawBufferPointer(start: text, count: Int(sqlite3_column_bytes(statement, column)))
    }
}
