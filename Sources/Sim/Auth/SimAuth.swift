import Foundation
import VardeAuth

/// The simulator as a strict HelseID (`varde sim --auth helseid`): which client is registered with which
/// public key, and how the authorization and resource servers behave. Nil in SimConfig means bearer mode.
public struct SimAuth: Sendable {
    public var clientID: String
    /// The client's registered public key (its `kid`, else its thumbprint, names it).
    public var clientKey: PublicJWK
    /// The API audience the FHIR routes demand (`aud`), and scopes under it (`nhn:varde-sim/api`).
    public var audience = "nhn:varde-sim"
    /// The token endpoint demands a DPoP nonce (400 use_dpop_nonce).
    public var tokenNonce = true
    /// The resource server demands a DPoP nonce (401 use_dpop_nonce).
    public var resourceNonce = true
    public var accessTokenLifetime: TimeInterval = 300
    /// How long a pushed authorization request's `request_uri` may be used (HelseID: 60 s).
    public var requestURILifetime: TimeInterval = 60
    public var refreshTokenLifetime: TimeInterval = 8 * 3600
    /// The security level the simulated nurse logs in at (the resource server demands 4).
    public var securityLevel = "4"
    /// The registered key has expired in self-service.
    public var keyExpired = false

    public init(clientID: String, clientKey: PublicJWK) {
        self.clientID = clientID
        self.clientKey = clientKey
    }

    public var registeredKid: String { clientKey.kid ?? clientKey.thumbprint }
}

/// A refusal as HelseID words it: the OAuth error code, its description, and the HTTP status.
struct OAuthRefusal: Error {
    var status: Int
    var error: String
    var description: String
    /// For the nonce dance: the nonce to send with the refusal.
    var nonce: String?

    static func client(_ description: String) -> OAuthRefusal { OAuthRefusal(status: 401, error: "invalid_client", description: description) }
    static func proof(_ description: String) -> OAuthRefusal { OAuthRefusal(status: 400, error: "invalid_dpop_proof", description: description) }
    static func grant(_ description: String) -> OAuthRefusal { OAuthRefusal(status: 400, error: "invalid_grant", description: description) }
    static func request(_ description: String) -> OAuthRefusal { OAuthRefusal(status: 400, error: "invalid_request", description: description) }
}
