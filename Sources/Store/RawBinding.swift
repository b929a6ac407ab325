import GRDB
import GRDBSQLite

// Binding by index straight into the SQLite statement: building `StatementArguments` boxed every
// value of every row, which showed in ingest profiles. Statements are still executed through GRDB
// (`execute()`), so its transaction observers see every change.
extension Statement {
    /// Prepares a cached statement for raw binding: GRDB then reuses whatever is bound.
    func useRawBindings() {
        setUncheckedArguments(StatementArguments())
    }

    /// SQLite refuses new bindings on a statement that ran and was not reset since.
    func resetForBinding() {
        sqlite3_reset(sqliteStatement)
    }

    func bind(text value: String?, at index: Int32) {
        guard var value else { sqlite3_bind_null(sqliteStatement, index); return }
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        guard !value.isEmpty else { sqlite3_bind_text(sqliteStatement, index, "", 0, transient); return }
        value.withUTF8 { bytes in
            _ = bytes.withMemoryRebound(to: CChar.self) { chars in
                sqlite3_bind_text(sqliteStatement, index, chars.baseAddress, Int32(chars.count), transient)
            }
        }
    }

    /// Binds `range` of `bytes` as text without SQLite copying it (NULL for nil): the bytes must stay as they
    /// are until the statement has run and `clearBindings()` is called.
    func bind(unowned range: Range<Int>?, in bytes: UnsafeRawBufferPointer, at index: Int32) {
        guard let range else { sqlite3_bind_null(sqliteStatement, index); return }
        // A zero-length text still needs a pointer that is not NULL, or SQLite binds NULL.
        let start = range.isEmpty ? UnsafeRawPointer(Self.emptyText.utf8Start) : bytes.baseAddress! + range.lowerBound
        sqlite3_bind_text(sqliteStatement, index, start.assumingMemoryBound(to: CChar.self), Int32(range.count), nil)
    }

    private static let emptyText: StaticString = ""

    /// Lets go of every binding (after `bind(unowned:in:at:)`, before its bytes go).
    func clearBindings() {
        sqlite3_clear_bindings(sqliteStatement)
    }

    func bind(integer value: Int64, at index: Int32) {
        sqlite3_bind_int64(sqliteStatement, index, value)
    }

    func bind(double value: Double?, at index: Int32) {
        if let value { sqlite3_bind_double(sqliteStatement, index, value) } else { sqlite3_bind_null(sqliteStatement, index) }
    }

    /// Steps a bound query through all its rows, handing each to `body` to read by column index.
    func forEachRawRow(_ body: (RawRow) throws -> Void) throws {
        defer { sqlite3_reset(sqliteStatement) }
        while true {
            switch sqlite3_step(sqliteStatement) {
            case SQLITE_ROW: try body(RawRow(statement: sqliteStatement))
            case SQLITE_DONE: return
            case let code:
                let message = String(cString: sqlite3_errmsg(sqlite3_db_handle(sqliteStatement)))
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: sql)
            }
        }
    }

    /// Steps a bound query once and hands the first column of its first row, as bytes valid only
    /// during the call, to `body`; nil when there is no row or the value is NULL.
    func firstBytes<T>(_ body: (UnsafeRawBufferPointer) throws -> T?) throws -> T? {
        defer { sqlite3_reset(sqliteStatement) }
        switch sqlite3_step(sqliteStatement) {
        case SQLITE_ROW:
            guard let text = sqlite3_column_text(sqliteStatement, 0) else { return nil }
            return try body(UnsafeRawBufferPointer(start: text, count: Int(sqlite3_column_bytes(sqliteStatement, 0))))
        case SQLITE_DONE:
            return nil
        case let code:
            let message = String(cString: sqlite3_errmsg(sqlite3_db_handle(sqliteStatement)))
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: sql)
        }
    }
}


/// The current row of a raw step, read by 0-based column index.
struct RawRow {
    let statement: SQLiteStatement

    func text(_ column: Int32) -> String? {
        guard let text = sqlite3_column_text(statement, column) else { return nil }
        return String(decoding: UnsafeRawBufferPointer(start: text, count: Int(sqlite3_column_bytes(statement, column))),
                      as: UTF8.self)
    }

    /// The column's text as bytes valid only until the next step; nil when NULL.
    func bytes(_ column: Int32) -> UnsafeRawBufferPointer? {
        guard let text = sqlite3_column_text(statement, column) else { return nil }
        return UnsafeRawBufferPointer(start: text, count: Int(sqlite3_column_bytes(statement, column)))
    }

    func integer(_ column: Int32) -> Int64? {
        sqlite3_column_type(statement, column) == SQLITE_NULL ? nil : sqlite3_column_int64(statement, column)
    }

    func double(_ column: Int32) -> Double? {
        sqlite3_column_type(statement, column) == SQLITE_NULL ? nil : sqlite3_column_double(statement, column)
    }
}
