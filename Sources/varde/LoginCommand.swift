import ArgumentParser
import Foundation
import VardeAuth
import VardeDomain

/// `varde login`: the nurse logs in with HelseID at the start of a shift (the browser, BankID or Buypass);
/// the login is kept in a 0600 file in the Varde home for the console and the sync.
struct Login: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Log in with HelseID (in the browser) so that Varde may fetch data from national services.")

    @Option(help: "Folder for the local cache and configuration (default: $VARDE_HOME or ~/.local/share/varde).")
    var home: String?
    @Option(name: .customLong("ca-file"), help: "PEM file of a private CA to trust (TLS is always verified).")
    var caFile: String?
    @Option(help: "Seconds to wait for the browser to come back.") var timeout: Double = 300
    @Flag(name: .customLong("no-browser"), help: "Print the address instead of opening a browser.") var noBrowser = false
    @Flag(help: "Forget the login on this workstation.") var logout = false

    func validate() throws {
        try OptionRules.number(timeout, "--timeout", 0...3600, above: true)
    }

    func run() throws {
        let home = Home(home)
        if logout {
            LoginFile.remove(loginFilePath(home))
            say("varde login: logget ut på denne maskinen")
            return
        }
        guard let helseID = home.settings().helseID else {
            fail("varde login needs a [helseid] section in \(home.configPath) (see Manual.md, \"Logging in with HelseID\")")
        }
        let server = authorizationServer(helseID, caFile: caFile)
        let flow = LoginFlow(server: server)
        do {
            let redirect = try LoopbackRedirect(port: helseID.redirectPort)
            let pending = try flow.start(redirect: redirect)
            if noBrowser || !openBrowser(pending.url) {
                say("Åpne denne adressen i nettleseren for å logge inn (BankID eller Buypass):")
                say("  \(pending.url)")
                say("Bruker du Varde over SSH, videresend porten fra din egen maskin først:")
                say("  ssh -L \(helseID.redirectPort):localhost:\(helseID.redirectPort) \(workstationName())")
            } else {
                say("Nettleseren er åpnet: logg inn der (BankID eller Buypass).")
            }
            say("Venter på innloggingen …")
            let callback = try redirect.awaitCallback(timeout: timeout)
            let login = try flow.finish(pending, callback: callback)
            try home.makeSelf()
            try login.save(loginFilePath(home))
            let clock = DateFormatter()
            clock.dateFormat = "HH:mm"
            let apis = login.grants.keys.sorted().joined(separator: ", ")
            say("varde login: logget inn; tilgang til \(apis.isEmpty ? "ingen API-er" : apis)"
                + (login.refreshExpiresAt.map { ", innloggingen varer til \(clock.string(from: $0))" } ?? ""))
        } catch let error as LoginError {
            fail("login failed: \(error.description)")
        } catch let error as LoopbackRedirect.Problem {
            fail("login failed: \(error.description)")
        } catch let error as LoginFile.Problem {
            fail("login failed: \(error.description)")
        } catch {
            fail("login failed: \(plainReason(error))")
        }
    }

    /// Opens `url` in the desktop's browser where there is a display; false where there is none.
    private func openBrowser(_ url: String) -> Bool {
        let environment = ProcessInfo.processInfo.environment
        guard !(environment["DISPLAY"] ?? "").isEmpty || !(environment["WAYLAND_DISPLAY"] ?? "").isEmpty else { return false }
        let path = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map { "\($0)/xdg-open" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let path else { return false }
        var pid: pid_t = 0
        let argv: [UnsafeMutablePointer<CChar>?] = [strdup(path), strdup(url), nil]
        defer { argv.forEach { free($0) } }
        return posix_spawn(&pid, path, nil, nil, argv, environ) == 0
    }
}

extension Home {
    /// Makes the Varde home itself (0700) if missing.
    func makeSelf() throws { try Self.makeFolder(path) }
}
