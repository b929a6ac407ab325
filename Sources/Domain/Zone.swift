/// The traffic-light zone of a finding: green fine, yellow beginning deterioration, red act now.
public enum Zone: Int, Codable, Sendable, Comparable, CaseIterable {
    case green = 0, yellow = 1, red = 2

    public static func < (a: Zone, b: Zone) -> Bool { a.rawValue < b.rawValue }
}
