import Foundation
import VardeAuth
import VardeDomain
import VardeService

/// HTTP settings for the sync: HelseID with DPoP when config.toml has `[helseid]`, else the bearer token.
/// The server's API is the first of `resources`; the measurement service's the second (else the first).
func syncHTTPSettings(_ common: CommonOptions, home: Home, settings: CentreSettings, server: String,
                      measurementsURL: String?, machine: Bool = false) -> HTTPSettings {
    guard let helseID = settings.helseID else {
        if machine { fail("--machine needs a [helseid] section in \(home.configPath)") }
        return httpSettings(common, home: home)
    }
    guard let first = helseID.resources.first else {
        fail("config.toml [helseid] needs resources: the API audiences to ask tokens for, such as [\"nhn:pmd\"]")
    }
    let measurementsResource = helseID.resources.dropFirst().first ?? first
    let authServer = authorizationServer(helseID, caFile: common.caFile)
    let mode: DPoPAuthorizer.Mode = machine ? .machine : .user(loginFile: loginFilePath(home))
    let server = normalisedBase(server), measurements = measurementsURL.map(normalisedBase)
    let authorizer = DPoPAuthorizer(server: authServer, mode: mode) { url in
        if let measurements, url.hasPrefix(measurements) { return measurementsResource }
        return url.hasPrefix(server) ? first : nil
    }
    var http = HTTPSettings(caFile: common.caFile)
    http.authorizer = authorizer
    return http
}

/// The HelseID client of this centre: its key loaded (0600, or refused with why).
func authorizationServer(_ helseID: HelseIDSettings, caFile: String?) -> AuthorizationServer {
    do {
        let key = try KeyFile.load(helseID.keyFile)
        return AuthorizationServer(settings: helseID, key: key, http: HTTPSettings(caFile: caFile))
    } catch {
        fail(error.description)
    }
}

func loginFilePath(_ home: Home) -> String { (home.path as NSString).appendingPathComponent(LoginFile.fileName) }

private func normalisedBase(_ url: String) -> String { url.hasSuffix("/") ? String(url.dropLast()) : url }
