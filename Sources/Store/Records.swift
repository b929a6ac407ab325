import Foundation
import GRDB
import VardeDomain

/// Records whose dates are stored as seconds since 1970, so SQL can compare and order them.
public protocol NumericDates: FetchableRecord, EncodableRecord {}

extension NumericDates {
    public static func databaseDateEncodingStrategy(for column: String) -> DatabaseDateEncodingStrategy {
        .timeIntervalSince1970
    }

    public static func databaseDateDecodingStrategy(for column: String) -> DatabaseDateDecodingStrategy {
        .timeIntervalSince1970
    }
}

extension Patient: NumericDates, PersistableRecord {
    public static let databaseTableName = "patient"
}

extension HomeMeasurement: NumericDates, PersistableRecord {
    public static let databaseTableName = "observation"
}

extension Alert: NumericDates, MutablePersistableRecord {
    public static let databaseTableName = "alert"

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

extension Municipality: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "municipality"
}
