import Foundation
import VardeDomain
import VardeService

/// Puts HelseID's DPoP on every API request the sync makes: `Authorization: DPoP <token for that API>` and a
/// fresh proof (`ath`, `htm`, `htu`, the server's nonce). Tokens come from the nurse's login file, renewed
/// through the refresh grant with `resource` when they run out; in machine mode from client credentials,
/// held in memory. Nonces are kept per server; a 401 use_dpop_nonce or invalid_token is tried once more.
public final class DPoPAuthorizer: RequestAuthorizer, @unchecked Sendable {
    /// How the tokens are obtained.
    public enum Mode: Sendable {
        /// The nurse's login (`varde login`), kept in this file.
        case user(loginFile: String)
        /// Client credentials with the organisation number, for `varde sync --machine`.
        case machine
    }

    private let server: AuthorizationServer
    private let mode: Mode
    private let resourceFor: @Sendable (String) -> String?
    private let clock: @Sendable () -> Date
    private let lock = NSLock()
    private var nonces: [String: String] = [:]
    private var grants: [String: LoginFile.Grant] = [:]
    /// Seconds before `expires_in` runs out that a token counts as expired (helseid.md §4).
    static let leeway: TimeInterval = 2

    public init(server: AuthorizationServer, mode: Mode, clock: @escaping @Sendable () -> Date = Date.init,
                resourceFor: @escaping @Sendable (String) -> String?) {
        self.server = server
        self.mode = mode
        self.clock = clock
        self.resourceFor = resourceFor
    }

    public func authorize(_ request: inout HTTPRequest) throws(TransportError) {
        guard let resource = resourceFor(request.url) else {
            throw TransportError(code: -1, message: "no HelseID API (resource) is configured for \(DPoPProof.htu(request.url))", transient: false)
        }
        let token = try accessToken(for: resource)
        let origin = Self.origin(request.url)
        lock.lock()
        let nonce = nonces[origin]
        lock.unlock()
        let proof: String
        do {
            proof = try DPoPProof.make(key: server.key, method: request.method, url: request.url, now: clock(), nonce: nonce,
                                       accessToken: token)
        } catch {
            throw TransportError(code: -1, message: "cannot sign the DPoP proof: \(error)", transient: false)
        }
        request.headers.removeAll { ["authorization", "dpop"].contains($0.0.lowercased()) }
        request.headers += [("Authorization", "DPoP \(token)"), ("DPoP", proof)]
    }

    public func shouldRetry(_ request: HTTPRequest, after response: HTTPResponse) -> Bool {
        let origin = Self.origin(request.url)
        if let nonce = response.headers["dpop-nonce"], !nonce.isEmpty {
            lock.lock()
            nonces[origin] = nonce
            lock.unlock()
        }
        guard response.status == 401, let challenge = response.headers["www-authenticate"] else { return false }
        if challenge.contains(#"error="use_dpop_nonce""#) { return response.headers["dpop-nonce"] != nil }
        if challenge.contains(#"error="invalid_token""#), let resource = resourceFor(request.url) {
            forget(resource)
            return true
        }
        return false
    }

    /// A live access token for `resource`: the one in hand, the one in the login file, or a new one.
    func accessToken(for resource: String) throws(TransportError) -> String {
        let now = clock()
        lock.lock()
        let held = grants[resource]
        lock.unlock()
        if let held, held.expiresAt.timeIntervalSince(now) > Self.leeway { return held.accessToken }
        let grant: LoginFile.Grant
        switch mode {
        case .machine: grant = try machineGrant(for: resource, now: now)
        case .user(let path): grant = try userGrant(for: resource, loginFile: path, now: now)
        }
        lock.lock()
        grants[resource] = grant
        lock.unlock()
        return grant.accessToken
    }

    private func forget(_ resource: String) {
        lock.lock()
        grants[resource] = nil
        lock.unlock()
        if case .user(let path) = mode, var login = try? LoginFile.load(path) {
            login.grants[resource] = nil
            _ = try? login.save(path) // a stale token left in the file is only tried and refused again
        }
    }

    private func machineGrant(for resource: String, now: Date) throws(TransportError) -> LoginFile.Grant {
        do {
            let scopes = server.settings.scopes.filter { $0.hasPrefix(resource + "/") }
            let details = [try Attestation.organisation(server.settings)]
            let response = try server.token([("grant_type", "client_credentials"), ("scope", scopes.joined(separator: " "))],
                                            details: details)
            return LoginFile.Grant(accessToken: response.accessToken, expiresAt: now.addingTimeInterval(response.expiresIn))
        } catch let error as LoginError {
            throw TransportError(code: -1, message: error.description, transient: error.code == "unreachable")
        } catch {
            throw TransportError(code: -1, message: "\(error)", transient: false)
        }
    }

    private func userGrant(for resource: String, loginFile path: String, now: Date) throws(TransportError) -> LoginFile.Grant {
        let login: LoginFile
        do {
            guard let found = try LoginFile.load(path) else {
                throw TransportError(code: -1, message: "\(LoginStatus.expired): no one is logged in on this workstation", transient: false)
            }
            login = found
        } catch let error as TransportError {
            throw error
        } catch {
            throw TransportError(code: -1, message: "\(LoginStatus.expired): \(error)", transient: false)
        }
        guard login.issuer == server.settings.issuer, login.clientID == server.settings.clientID else {
            throw TransportError(code: -1, message: "\(LoginStatus.expired): the saved login is for another HelseID client", transient: false)
        }
        if let grant = login.grants[resource], grant.expiresAt.timeIntervalSince(now) > Self.leeway { return grant }
        guard let refresh = login.refreshToken, (login.refreshExpiresAt ?? .distantFuture) > now else {
            throw TransportError(code: -1, message: "\(LoginStatus.expired): the login has run out", transient: false)
        }
        do {
            let details = [try Attestation.organisation(server.settings), try Attestation.trustFramework(server.settings)]
            let response = try server.token([("grant_type", "refresh_token"), ("refresh_token", refresh), ("resource", resource)],
                                            details: details)
            let grant = LoginFile.Grant(accessToken: response.accessToken, expiresAt: now.addingTimeInterval(response.expiresIn))
            // Another process may have logged in meanwhile: keep its login, add the token only to the same one.
            var current = try LoginFile.load(path) ?? login
            if current.refreshToken == refresh {
                current.grants[resource] = grant
                if let newRefresh = response.refreshToken { current.refreshToken = newRefresh }
                if let rtExpiresIn = response.refreshExpiresIn { current.refreshExpiresAt = now.addingTimeInterval(rtExpiresIn) }
                try current.save(path)
            }
            return grant
        } catch let error as LoginError {
            throw TransportError(code: -1, message: error.description, transient: error.code == "unreachable")
        } catch let error as Attestation.Missing {
            throw TransportError(code: -1, message: error.description, transient: false)
        } catch let error as LoginFile.Problem {
            throw TransportError(code: -1, message: error.description, transient: false)
        } catch {
            throw TransportError(code: -1, message: "\(error)", transient: false)
        }
    }

    /// `scheme://host:port`: the server a nonce belongs to.
    static func origin(_ url: String) -> String {
        let htu = DPoPProof.htu(url)
        guard let schemeEnd = htu.range(of: "://") else { return htu }
        return String(htu[..<(htu[schemeEnd.upperBound...].firstIndex(of: "/") ?? htu.endIndex)])
    }
}
