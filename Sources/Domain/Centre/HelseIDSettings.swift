import Foundation

/// How this centre logs in to national services with HelseID (`[helseid]` in config.toml): the client
/// registered in HelseID's self-service, its key, what it asks for, and who the nurse works for and why
/// (the trust framework's attestation). Nil on a centre that uses a plain bearer token.
public struct HelseIDSettings: Sendable, Equatable {
    /// The HelseID issuer, e.g. https://helseid-sts.test.nhn.no.
    public var issuer: String
    public var clientID: String
    /// The private JWK file (mode 0600).
    public var keyFile: String
    /// Scopes asked for at login (identity scopes and `offline_access` are added).
    public var scopes: [String]
    /// API audiences (`resource`), one access token each, e.g. nhn:pmd.
    public var resources: [String]
    /// Port of the loopback redirect http://localhost:PORT/callback (registered with HelseID).
    public var redirectPort: Int
    /// The organisation number of the legal entity (hovedenhet).
    public var legalEntity: String?
    /// The organisation number of the point of care (underenhet).
    public var pointOfCare: String?
    /// The department (RESH id), optional.
    public var department: String?
    /// The healthcare service (kodeverk 8655).
    public var healthcareService: String?
    /// The purpose of use (default TREAT).
    public var purposeOfUse: String
    /// The purpose-of-use details (kodeverk 9151), optional.
    public var purposeOfUseDetails: String?
    /// The practitioner's authorisation (kodeverk 9060; SP = sykepleier).
    public var authorization: String

    public init(issuer: String, clientID: String, keyFile: String, scopes: [String] = [], resources: [String] = [],
                redirectPort: Int = 8089, legalEntity: String? = nil, pointOfCare: String? = nil, department: String? = nil,
                healthcareService: String? = nil, purposeOfUse: String = "TREAT", purposeOfUseDetails: String? = nil,
                authorization: String = "SP") {
        self.issuer = issuer
        self.clientID = clientID
        self.keyFile = keyFile
        self.scopes = scopes
        self.resources = resources
        self.redirectPort = redirectPort
        self.legalEntity = legalEntity
        self.pointOfCare = pointOfCare
        self.department = department
        self.healthcareService = healthcareService
        self.purposeOfUse = purposeOfUse
        self.purposeOfUseDetails = purposeOfUseDetails
        self.authorization = authorization
    }
}
