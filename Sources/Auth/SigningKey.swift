import Crypto
import CryptoExtras
import Foundation

/// The client's private key (ES256 on P-256 or PS256 on RSA), read from and written to a JWK file:
/// it signs client assertions and DPoP proofs. Its `kid` is the public key's RFC 7638 thumbprint.
public struct SigningKey: Sendable {
    enum Material: Sendable {
        case p256(P256.Signing.PrivateKey)
        case rsa(_RSA.Signing.PrivateKey)
    }

    let material: Material
    public let algorithm: JWSAlgorithm
    public let publicJWK: PublicJWK

    /// A new key pair for `algorithm` (RSA keys are 3072 bits).
    public static func generate(_ algorithm: JWSAlgorithm) throws -> SigningKey {
        switch algorithm {
        case .es256: return SigningKey(material: .p256(P256.Signing.PrivateKey()), algorithm: .es256)
        case .ps256: return SigningKey(material: .rsa(try _RSA.Signing.PrivateKey(keySize: .bits3072)), algorithm: .ps256)
        }
    }

    init(material: Material, algorithm: JWSAlgorithm) {
        self.material = material
        self.algorithm = algorithm
        var jwk: PublicJWK
        switch material {
        case .p256(let key):
            let point = key.publicKey.x963Representation.dropFirst()
            jwk = PublicJWK(kty: "EC", crv: "P-256", x: Base64URL.encode(point.prefix(32)), y: Base64URL.encode(point.suffix(32)))
        case .rsa(let key):
            let der = RSAPrivateKeyDER(key.derRepresentation)
            jwk = PublicJWK(kty: "RSA", n: der.map { Base64URL.encode($0.n) }, e: der.map { Base64URL.encode($0.e) })
        }
        jwk.alg = algorithm.rawValue
        jwk.kid = jwk.thumbprint
        publicJWK = jwk
    }

    /// The key id registered with HelseID (the public key's thumbprint).
    public var kid: String { publicJWK.kid ?? publicJWK.thumbprint }

    /// The JWS signature over `input` (ES256: r ‖ s; PS256: RSASSA-PSS with SHA-256).
    public func sign(_ input: Data) throws -> Data {
        switch material {
        case .p256(let key): return try key.signature(for: input).rawRepresentation
        case .rsa(let key): return try key.signature(for: SHA256.hash(data: input), padding: .PSS).rawRepresentation
        }
    }

    /// The private JWK's members (with `alg` and `kid`: the NHN library signs with the file's own alg).
    public var privateMembers: [String: Any] {
        var members = publicJWK.members
        switch material {
        case .p256(let key): members["d"] = Base64URL.encode(key.rawRepresentation)
        case .rsa(let key):
            if let der = RSAPrivateKeyDER(key.derRepresentation) {
                for (name, value) in [("d", der.d), ("p", der.p), ("q", der.q), ("dp", der.dp), ("dq", der.dq), ("qi", der.qi)] {
                    members[name] = Base64URL.encode(value)
                }
            }
        }
        return members
    }

    /// Why a private JWK cannot be used (never quoting the key).
    public struct Problem: Error, CustomStringConvertible, Equatable {
        public let description: String
    }

    /// Reads a private JWK's members (EC P-256 with ES256, or RSA with PS256).
    public init(members: [String: Any]) throws(Problem) {
        let alg = members["alg"] as? String
        guard let alg else { throw Problem(description: "the key has no alg; Varde signs with the key's own alg (ES256 or PS256)") }
        guard let algorithm = JWSAlgorithm(rawValue: alg) else {
            throw Problem(description: "the key's alg \(alg) is not one Varde signs with (ES256 or PS256)")
        }
        func bytes(_ name: String) throws(Problem) -> Data {
            guard let text = members[name] as? String, let data = Base64URL.decode(text) else {
                throw Problem(description: "the key lacks its private member \(name) (is this the public key file?)")
            }
            return data
        }
        let material: Material
        switch (algorithm, members["kty"] as? String) {
        case (.es256, "EC"):
            let d = try bytes("d")
            guard members["crv"] as? String == "P-256", let key = try? P256.Signing.PrivateKey(rawRepresentation: d) else {
                throw Problem(description: "the EC key is not a valid P-256 private key")
            }
            material = .p256(key)
        case (.ps256, "RSA"):
            let parts = (try bytes("n"), try bytes("e"), try bytes("d"), try bytes("p"), try bytes("q"))
            guard let key = try? _RSA.Signing.PrivateKey(n: parts.0, e: parts.1, d: parts.2, p: parts.3, q: parts.4) else {
                throw Problem(description: "the RSA key's numbers do not make a valid private key")
            }
            material = .rsa(key)
        default:
            throw Problem(description: "the key's kty does not fit its alg \(alg)")
        }
        self.init(material: material, algorithm: algorithm)
    }
}
