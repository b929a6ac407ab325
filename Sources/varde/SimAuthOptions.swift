import ArgumentParser
import Foundation
import VardeAuth
import VardeSim

/// `varde sim --auth helseid …`: the simulator as a strict HelseID (authorization and resource server)
/// for one registered client. Bearer mode (no authorization) stays the default.
struct SimAuthOptions: ParsableArguments {
    @Option(help: "Authorization: none (the default, open as before) or helseid (HelseID with DPoP).") var auth: String = "none"
    @Option(name: .customLong("client-id"), help: "With --auth helseid: the registered client's id.") var clientID: String = "varde-test-client"
    @Option(name: .customLong("client-key"), help: "With --auth helseid: the client's public JWK file (from varde key generate).")
    var clientKey: String?
    @Option(name: .customLong("audience"), help: "With --auth helseid: the API audience the FHIR routes demand.") var audience: String = "nhn:varde-sim"
    @Option(name: .customLong("dpop-nonce"), help: "Which servers demand a DPoP nonce: both (default), token, resource or none.")
    var dpopNonce: String = "both"
    @Option(name: .customLong("token-lifetime"), help: "Seconds an access token lives.") var tokenLifetime: Double = 300
    @Option(name: .customLong("login-lifetime"), help: "Seconds a refresh token (the nurse's login) lives.") var loginLifetime: Double = 8 * 3600
    @Option(name: .customLong("security-level"), help: "The security level the simulated nurse logs in at.") var securityLevel: String = "4"

    func validate() throws {
        guard ["none", "bearer", "helseid"].contains(auth) else { throw ValidationError("--auth must be none or helseid, not '\(auth)'") }
        guard ["both", "token", "resource", "none"].contains(dpopNonce) else {
            throw ValidationError("--dpop-nonce must be both, token, resource or none, not '\(dpopNonce)'")
        }
        if auth == "helseid", clientKey == nil { throw ValidationError("--auth helseid needs --client-key (the client's public JWK file)") }
        try OptionRules.number(tokenLifetime, "--token-lifetime", 1...86_400)
        try OptionRules.number(loginLifetime, "--login-lifetime", 1...30 * 86_400)
    }

    /// The simulated HelseID, or nil in open mode; a public key that cannot be read stops the simulator with why.
    func simAuth() -> SimAuth? {
        guard auth == "helseid", let clientKey else { return nil }
        guard let data = FileManager.default.contents(atPath: clientKey),
              let members = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            fail("cannot read the client's public key \(clientKey) as a JWK")
        }
        let jwk: PublicJWK
        do {
            jwk = try PublicJWK(members: members)
        } catch {
            fail("the client key \(clientKey) cannot be registered: \(error.description)")
        }
        var sim = SimAuth(clientID: clientID, clientKey: jwk)
        sim.audience = audience
        sim.tokenNonce = ["both", "token"].contains(dpopNonce)
        sim.resourceNonce = ["both", "resource"].contains(dpopNonce)
        sim.accessTokenLifetime = tokenLifetime
        sim.refreshTokenLifetime = loginLifetime
        sim.securityLevel = securityLevel
        return sim
    }
}
