/// A Norwegian municipality (kommune): every patient belongs to exactly one.
public struct Municipality: Hashable, Codable, Sendable {
    /// The official 4-digit kommunenummer, e.g. "1804".
    public let number: String
    public let name: String

    public init(number: String, name: String) {
        self.number = number
        self.name = name
    }
}
