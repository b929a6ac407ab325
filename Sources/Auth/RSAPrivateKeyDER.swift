import Foundation

/// The integers of a PKCS#1 RSAPrivateKey (DER), which swift-crypto writes but does not hand out one by one:
/// JWK needs n, e, d, p, q, dp, dq and qi. A reader of one SEQUENCE of INTEGERs, nothing more.
struct RSAPrivateKeyDER {
    var n, e, d, p, q, dp, dq, qi: Data

    init?(_ der: Data) {
        let bytes = [UInt8](der)
        var index = 0
        guard Self.header(bytes, &index, tag: 0x30) != nil else { return nil }
        var integers: [Data] = []
        while index < bytes.count, integers.count < 9 {
            guard let length = Self.header(bytes, &index, tag: 0x02), index + length <= bytes.count else { return nil }
            var value = bytes[index..<index + length]
            while value.count > 1, value.first == 0 { value = value.dropFirst() } // the sign byte is no part of the number
            integers.append(Data(value))
            index += length
        }
        guard integers.count == 9 else { return nil }
        (n, e, d, p, q, dp, dq, qi) = (integers[1], integers[2], integers[3], integers[4], integers[5], integers[6],
                                       integers[7], integers[8])
    }

    /// Reads a tag and a length; nil when the tag is another or the length is malformed.
    private static func header(_ bytes: [UInt8], _ index: inout Int, tag: UInt8) -> Int? {
        guard index + 2 <= bytes.count, bytes[index] == tag else { return nil }
        index += 1
        let first = Int(bytes[index])
        index += 1
        guard first & 0x80 != 0 else { return first }
        let count = first & 0x7f
        guard count > 0, count <= 4, index + count <= bytes.count else { return nil }
        var length = 0
        for _ in 0..<count { length = length << 8 | Int(bytes[index]); index += 1 }
        return length
    }
}
