/// The FNV-1a hash: stable across runs and machines (Swift's `Hasher` is seeded per process), for
/// checksums and for deterministic "one in N" choices in the simulator.
public enum FNV1a {
    public static func hash(_ text: String, into start: UInt64 = 0xcbf2_9ce4_8422_2325) -> UInt64 {
        var hash = start
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }

    /// A stable fraction in 0..<1 for a text, to pick a fixed share of items by their identifier.
    public static func fraction(_ text: String) -> Double {
        Double(hash(text) % 10_000) / 10_000
    }
}
