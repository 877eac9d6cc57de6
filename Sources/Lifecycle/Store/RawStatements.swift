import GRDB
import GRDBSQLite

/// One prepared INSERT executed many times with values bound directly through SQLite's C interface.
struct BulkInsert {
    /// The INSERT of one row, for the rows left after the last full statement of many.
    private let statement: Statement
    /// The same INSERT with `rowsPerStatement` rows of values.
    private let batched: Statement
    private let rowsPerStatement: Int
    private let connection: OpaquePointer?

    /// An INSERT into `columns` of `table`, which `rows(_:_:)` executes many rows at a time.
    ///
    /// Each execution of an INSERT opens a cursor on the table, each of its indexes and each parent key it
    /// refers to; a statement of many rows opens them once for all.
    ///
    /// A row that breaks a constraint fails the statement without undoing its earlier rows (`OR FAIL`): the
    /// caller's transaction is rolled back whole anyway. Undoing a statement alone takes a statement journal, a
    /// copy of every page the statement changes; a night's 256-row statements of notices change pages all over
    /// the index by person, and a night of 43,000 new notices wrote 360 MB (now 25 MB) in 43,500 calls (now 2,000).
    /// - Parameter replacing: replace a row whose key is taken (`INSERT OR REPLACE`) instead of failing.
    init(_ db: Database, table: String, columns: [String], replacing: Bool = false, rowsPerStatement: Int = 256) throws {
        let head = "INSERT OR \(replacing ? "REPLACE" : "FAIL") INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
        let values = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
        statement = try db.makeStatement(sql: head + values)
        batched = try db.makeStatement(sql: head + Array(repeating: values, count: rowsPerStatement).joined(separator: ", "))
        self.rowsPerStatement = rowsPerStatement
        connection = db.sqliteConnection
    }

    /// Inserts `count` rows, binding row `i`'s values in parameter order with `bind(i, &bindings)`.
    func rows(_ count: Int, _ bind: (Int, inout Bindings) -> Void) throws {
        // One set of buffers for every statement: made afresh, they grew from empty to each statement's size.
        var bindings = Bindings(handle: batched.sqliteStatement)
        var i = 0
        while count - i >= rowsPerStatement {
            try execute(batched, &bindings) { b in
                for r in i..<(i + rowsPerStatement) { bind(r, &b) }
            }
            i += rowsPerStatement
        }
        while i < count {
            try execute(statement, &bindings) { bind(i, &$0) }
            i += 1
        }
    }

    private func execute(_ statement: Statement, _ bindings: inout Bindings, _ bind: (inout Bindings) -> Void) throws {
        let handle = statement.sqliteStatement
        bindings.reset(handle: handle)
        bind(&bindings)
        var code = bindings.withTextsBound { sqlite3_step(handle) }
        if code == SQLITE_DONE { code = SQLITE_OK }
        sqlite3_reset(handle)
        // The texts were lent, not copied: no parameter may point into them once they are freed.
        sqlite3_clear_bindings(handle)
        guard code == SQLITE_OK else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)),
                                sql: statement.sql)
        }
    }

    /// The parameters of one statement's rows, bound one after the other.
    struct Bindings {
        private(set) var handle: OpaquePointer
        private var index: Int32 = 0
        /// The first failed bind's result code.
        private(set) var failure: Int32?
        /// The statement's texts end to end, after one byte that empty texts point at.
        ///
        /// Bound as `SQLITE_STATIC` once all are in (the array may move while it grows): copied by SQLite
        /// (`SQLITE_TRANSIENT`), each of a night's two million values cost a locked malloc and free.
        private var texts: [UInt8] = [0]
        private var textParameters: [(index: Int32, start: Int, count: Int)] = []

        init(handle: OpaquePointer) { self.handle = handle }

        /// Empties the bindings for the next execution of `handle`, keeping the buffers' capacity.
        mutating func reset(handle: OpaquePointer) {
            self.handle = handle
            index = 0
            failure = nil
            texts.removeSubrange(1...)
            textParameters.removeAll(keepingCapacity: true)
        }

        mutating func text(_ value: String) {
            // Read in place where the string allows it (native and small ones do), without a copy to make it mutable.
            if value.utf8.withContiguousStorageIfAvailable({ text(bytes: $0) }) == nil {
                var value = value
                value.withUTF8 { text(bytes: $0) }
            }
        }

        mutating func text(_ value: String?) {
            guard let value else {
                index += 1
                return check(sqlite3_bind_null(handle, index))
            }
            text(value)
        }

        /// Binds UTF-8 bytes lent for the call (a day or a person written out without making a string).
        mutating func text(bytes: UnsafeBufferPointer<UInt8>) {
            index += 1
            let start = texts.count
            texts.append(contentsOf: bytes)
            textParameters.append((index, bytes.isEmpty ? 0 : start, bytes.count))
        }

        mutating func int(_ value: Int64) {
            index += 1
            check(sqlite3_bind_int64(handle, index, value))
        }

        private mutating func check(_ code: Int32) {
            if code != SQLITE_OK, failure == nil { failure = code }
        }

        /// Binds the texts in place and runs `step` while they are bound; returns the first failure instead.
        mutating func withTextsBound(_ step: () -> Int32) -> Int32 {
            if let failure { return failure }
            return texts.withUnsafeBufferPointer { bytes in
                let base = UnsafeRawPointer(bytes.baseAddress!).assumingMemoryBound(to: CChar.self)
                for p in textParameters {
                    let code = sqlite3_bind_text(handle, p.index, base + p.start, Int32(p.count), nil)
                    if code != SQLITE_OK { return code }
                }
                return step()
            }
        }
    }
}

/// One prepared SELECT whose rows are read straight from SQLite's columns.
///
/// A night reads the tens of thousands of notices in force while its feeds are parsed: GRDB's `Row` made a
/// `DatabaseValue` and a conversion per column, which cost ten times SQLite's own work.
struct RawQuery {
    private let statement: Statement
    private let connection: OpaquePointer?

    init(_ db: Database, sql: String, arguments: StatementArguments) throws {
        statement = try db.makeStatement(sql: sql)
        try statement.setArguments(arguments)
        connection = db.sqliteConnection
    }

    /// Calls `body` with each row's columns, in order.
    func forEachRow(_ body: (Columns) throws -> Void) throws {
        let handle = statement.sqliteStatement
        defer { sqlite3_reset(handle) }
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)),
                                    sql: statement.sql)
            }
            try body(Columns(handle: handle))
        }
    }

    /// The columns of the current row, valid during the `forEachRow` call.
    struct Columns {
        let handle: OpaquePointer

        /// The column as UTF-8 text; empty for NULL.
        func text(_ i: Int32) -> String {
            guard let bytes = sqlite3_column_text(handle, i) else { return "" }
            return String(decoding: UnsafeBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(handle, i))), as: UTF8.self)
        }

        /// The column's UTF-8 bytes, valid during `body` (empty for NULL): for values parsed, not kept as text.
        func withBytes<T>(_ i: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
            body(UnsafeBufferPointer(start: sqlite3_column_text(handle, i), count: Int(sqlite3_column_bytes(handle, i))))
        }

        /// Whether the column is NULL.
        func isNull(_ i: Int32) -> Bool {
            sqlite3_column_type(handle, i) == SQLITE_NULL
        }

        /// The column as UTF-8 text, or nil for NULL.
        func optionalText(_ i: Int32) -> String? {
            isNull(i) ? nil : text(i)
        }
    }
}
