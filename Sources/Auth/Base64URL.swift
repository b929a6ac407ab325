import Crypto
import Foundation

/// Base64url without padding (RFC 7515 §2), as JOSE writes every binary value.
public enum Base64URL {
    public static func encode(_ data: some DataProtocol) -> String {
        Data(data).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// A hash (SHA-256 for thumbprints, `ath`, PKCE) in base64url.
    public static func encode(_ digest: some Digest) -> String { encode(Data(digest)) }

    /// The bytes of a base64url text, or nil when it is not one (padding and whitespace refused).
    public static func decode(_ text: String) -> Data? {
        guard text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else { return nil }
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        return Data(base64Encoded: base64)
    }
}
