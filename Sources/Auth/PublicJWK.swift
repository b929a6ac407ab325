import Crypto
import CryptoExtras
import Foundation

/// A public JSON Web Key (EC P-256/384/521 or RSA): the key in a DPoP proof's header and the key
/// HelseID holds for a registered client. Carries no private member; one with `d` is refused.
public struct PublicJWK: Sendable, Equatable {
    public var kty: String
    public var crv: String?
    public var x: String?
    public var y: String?
    public var n: String?
    public var e: String?
    public var alg: String?
    public var kid: String?

    /// Why a JWK cannot be used.
    public struct Problem: Error, CustomStringConvertible, Equatable {
        public let description: String
    }

    public init(kty: String, crv: String? = nil, x: String? = nil, y: String? = nil, n: String? = nil, e: String? = nil,
                alg: String? = nil, kid: String? = nil) {
        (self.kty, self.crv, self.x, self.y, self.n, self.e, self.alg, self.kid) = (kty, crv, x, y, n, e, alg, kid)
    }

    /// Reads a public JWK from its JSON members; refuses private members and incomplete keys.
    public init(members: [String: Any]) throws(Problem) {
        guard members["d"] == nil, members["p"] == nil, members["q"] == nil else {
            throw Problem(description: "the jwk holds a private key (member d); only the public key may be sent")
        }
        guard let kty = members["kty"] as? String else { throw Problem(description: "the jwk has no kty") }
        self.init(kty: kty, crv: members["crv"] as? String, x: members["x"] as? String, y: members["y"] as? String,
                  n: members["n"] as? String, e: members["e"] as? String, alg: members["alg"] as? String,
                  kid: members["kid"] as? String)
        switch kty {
        case "EC": guard crv != nil, x != nil, y != nil else { throw Problem(description: "the EC jwk lacks crv, x or y") }
        case "RSA": guard n != nil, e != nil else { throw Problem(description: "the RSA jwk lacks n or e") }
        default: throw Problem(description: "the jwk's kty '\(kty)' is not EC or RSA")
        }
    }

    /// The JSON members, for a DPoP header or a public key file.
    public var members: [String: Any] {
        var members: [String: Any] = ["kty": kty]
        for (name, value) in [("crv", crv), ("x", x), ("y", y), ("n", n), ("e", e), ("alg", alg), ("kid", kid)] {
            if let value { members[name] = value }
        }
        return members
    }

    /// The RFC 7638 thumbprint: SHA-256 over the required members in lexicographic order, no whitespace,
    /// base64url. It is the `kid` Varde gives its keys and the `cnf.jkt` a DPoP-bound token carries.
    public var thumbprint: String {
        let canonical = kty == "RSA"
            ? #"{"e":"\#(e ?? "")","kty":"RSA","n":"\#(n ?? "")"}"#
            : #"{"crv":"\#(crv ?? "")","kty":"EC","x":"\#(x ?? "")","y":"\#(y ?? "")"}"#
        return Base64URL.encode(SHA256.hash(data: Data(canonical.utf8)))
    }

    /// Whether `signature` over `input` verifies with this key under `alg` (the JWS header's alg).
    public func verifies(_ signature: Data, over input: Data, alg: String) -> Bool {
        switch (kty, alg) {
        case ("EC", "ES256"):
            guard crv == "P-256", let key = try? P256.Signing.PublicKey(x963Representation: point),
                  let sig = try? P256.Signing.ECDSASignature(rawRepresentation: signature) else { return false }
            return key.isValidSignature(sig, for: input)
        case ("EC", "ES384"):
            guard crv == "P-384", let key = try? P384.Signing.PublicKey(x963Representation: point),
                  let sig = try? P384.Signing.ECDSASignature(rawRepresentation: signature) else { return false }
            return key.isValidSignature(sig, for: input)
        case ("EC", "ES512"):
            guard crv == "P-521", let key = try? P521.Signing.PublicKey(x963Representation: point),
                  let sig = try? P521.Signing.ECDSASignature(rawRepresentation: signature) else { return false }
            return key.isValidSignature(sig, for: input)
        case ("RSA", let name) where name.hasPrefix("PS") || name.hasPrefix("RS"):
            guard let n = n.flatMap(Base64URL.decode), let e = e.flatMap(Base64URL.decode),
                  let key = try? _RSA.Signing.PublicKey(n: n, e: e) else { return false }
            let padding: _RSA.Signing.Padding = name.hasPrefix("PS") ? .PSS : .insecurePKCS1v1_5
            let sig = _RSA.Signing.RSASignature(rawRepresentation: signature)
            switch name.dropFirst(2) {
            case "256": return key.isValidSignature(sig, for: SHA256.hash(data: input), padding: padding)
            case "384": return key.isValidSignature(sig, for: SHA384.hash(data: input), padding: padding)
            case "512": return key.isValidSignature(sig, for: SHA512.hash(data: input), padding: padding)
            default: return false
            }
        default:
            return false
        }
    }

    /// The uncompressed EC point (0x04 ‖ x ‖ y).
    private var point: Data {
        Data([4]) + (x.flatMap(Base64URL.decode) ?? Data()) + (y.flatMap(Base64URL.decode) ?? Data())
    }
}
