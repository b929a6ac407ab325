/// Seeded random damage to JSON bytes for differential tests of hand-written decoders: one to three
/// removals, insertions or replacements with bytes that JSON gives meaning to (and some it forbids).
public struct JSONDamage {
    private var seed: UInt64
    private static let alphabet = Array(#"{}[]:,"\ 0123456789.eE+-aeflnrstu"#.utf8) + [0x00, 0x1F, 0xC3, 0xB8, 0xFF]

    public init(seed: UInt64) { self.seed = seed }

    private mutating func next(_ bound: Int) -> Int {
        seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((seed >> 33) % UInt64(bound))
    }

    /// The bytes with a few random edits.
    public mutating func apply(to original: [UInt8]) -> [UInt8] {
        var bytes = original
        for _ in 0...next(3) {
            let at = next(bytes.count)
            switch next(3) {
            case 0: bytes.remove(at: at)
            case 1: bytes.insert(Self.alphabet[next(Self.alphabet.count)], at: at)
            default: bytes[at] = Self.alphabet[next(Self.alphabet.count)]
            }
        }
        return bytes
    }
}
