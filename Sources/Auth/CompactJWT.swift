import Foundation

/// A JWS in compact form (header.payload.signature) with JSON header and claims: signing for the
/// client, reading for the simulator's checks. Signing and verifying are swift-crypto's (SigningKey, PublicJWK).
public struct CompactJWT: @unchecked Sendable {
    public let header: [String: Any]
    public let claims: [String: Any]
    /// The bytes the signature covers (`base64url(header).base64url(payload)`).
    public let signingInput: Data
    public let signature: Data

    /// Signs `header` and `claims` with `key`; `alg` is set from the key.
    public static func sign(header: [String: Any], claims: [String: Any], key: SigningKey) throws -> String {
        var header = header
        header["alg"] = key.algorithm.rawValue
        let input = Base64URL.encode(try JSONSerialization.data(withJSONObject: header, options: [.sortedKeys, .withoutEscapingSlashes]))
            + "." + Base64URL.encode(try JSONSerialization.data(withJSONObject: claims, options: [.sortedKeys, .withoutEscapingSlashes]))
        return input + "." + Base64URL.encode(try key.sign(Data(input.utf8)))
    }

    /// Why a text is not a well-formed JWT.
    public struct Malformed: Error, CustomStringConvertible {
        public let description: String
    }

    /// Reads (does not verify) a compact JWT.
    public init(_ text: String) throws(Malformed) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3 else { throw Malformed(description: "not a JWT: it must have three parts separated by dots") }
        guard let headerData = Base64URL.decode(parts[0]), let payloadData = Base64URL.decode(parts[1]),
              let signature = Base64URL.decode(parts[2]) else {
            throw Malformed(description: "not a JWT: a part is not base64url")
        }
        guard let header = (try? JSONSerialization.jsonObject(with: headerData)) as? [String: Any],
              let claims = (try? JSONSerialization.jsonObject(with: payloadData)) as? [String: Any] else {
            throw Malformed(description: "not a JWT: the header or payload is not a JSON object")
        }
        self.header = header
        self.claims = claims
        self.signingInput = Data((parts[0] + "." + parts[1]).utf8)
        self.signature = signature
    }

    /// A claim as a number of seconds since 1970 (JSON numbers may arrive as Int or Double).
    public func seconds(_ name: String) -> Double? {
        if let whole = claims[name] as? Int { return Double(whole) }
        return claims[name] as? Double
    }
    public func string(_ name: String) -> String? { claims[name] as? String }
}
