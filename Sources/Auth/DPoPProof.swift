import Crypto
import Foundation

/// A DPoP proof (RFC 9449 §4.2): header `typ: dpop+jwt`, `alg` and the public `jwk`; claims `jti` (new every
/// time), `htm`, `htu` (the URL without query or fragment), `iat`, `nonce` once the server gave one, and for
/// resource requests `ath`, the hash of the access token.
public enum DPoPProof {
    public static func make(key: SigningKey, method: String, url: String, now: Date, nonce: String? = nil,
                            accessToken: String? = nil) throws -> String {
        var claims: [String: Any] = [
            "jti": UUID().uuidString.lowercased(), "htm": method.uppercased(), "htu": htu(url),
            "iat": Int(now.timeIntervalSince1970),
        ]
        if let nonce { claims["nonce"] = nonce }
        if let accessToken { claims["ath"] = ath(accessToken) }
        var jwk = key.publicJWK.members
        jwk["kid"] = nil // the proof carries the key itself
        return try CompactJWT.sign(header: ["typ": "dpop+jwt", "jwk": jwk], claims: claims, key: key)
    }

    /// `scheme://host[:port]/path`: scheme and host lower-cased, the default port left out, the path as sent,
    /// no query and no fragment (helseid.md §3).
    public static func htu(_ url: String) -> String {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
              let host = components.host?.lowercased() else {
            return String(url.prefix { $0 != "?" && $0 != "#" })
        }
        var text = "\(scheme)://\(host)"
        if let port = components.port, !(scheme == "https" && port == 443), !(scheme == "http" && port == 80) {
            text += ":\(port)"
        }
        let path = components.percentEncodedPath
        return text + (path.isEmpty ? "/" : path)
    }

    /// base64url(SHA-256(access token)), the `ath` claim.
    public static func ath(_ accessToken: String) -> String {
        Base64URL.encode(SHA256.hash(data: Data(accessToken.utf8)))
    }
}
