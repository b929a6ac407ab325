/// The JWS algorithms Varde signs with: those HelseID approves that FAPI 2.0 keeps (ES256, PS256).
public enum JWSAlgorithm: String, Sendable, CaseIterable {
    case es256 = "ES256"
    case ps256 = "PS256"

    /// Every asymmetric algorithm HelseID approves for client assertions and DPoP proofs (helseid.md §5);
    /// a verifier refuses anything else (none, HS256 …).
    public static let approvedNames: Set<String> = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
                                                    "ES256", "ES384", "ES512"]
}
