import Foundation
import VardeConfig
import VardeConsole
import VardeDomain
import VardeService
import VardeStore

/// Where the cache lives, resolved from `--home`, `VARDE_HOME` or the XDG data folder.
struct Home {
    let path: String

    init(_ explicit: String?) {
        let environment = ProcessInfo.processInfo.environment
        if let explicit { path = explicit }
        else if let home = environment["VARDE_HOME"], !home.isEmpty { path = home }
        else if let xdg = environment["XDG_DATA_HOME"], !xdg.isEmpty { path = "\(xdg)/varde" }
        else { path = NSHomeDirectory() + "/.local/share/varde" }
    }

    var cachePath: String { (path as NSString).appendingPathComponent("cache.sqlite") }
    var configPath: String { (path as NSString).appendingPathComponent(ConfigFile.fileName) }

    /// The centre's settings from `config.toml` (defaults without one); a bad file stops Varde
    /// with the file, line and reason.
    func settings() -> CentreSettings {
        do {
            return try ConfigFile.load(path: configPath)
        } catch {
            fail("cannot use the configuration: \(error)")
        }
    }

    /// Opens the cache, creating a private folder for it first.
    func openCache() -> CacheDatabase {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
            return try CacheDatabase(path: cachePath)
        } catch let problem as CacheProblem {
            fail(problem.description)
        } catch {
            fail("cannot open the local cache in \(path): \(error.localizedDescription)")
        }
    }
}

func language(_ code: String) -> Language {
    guard let language = Language(rawValue: code) else { fail("unknown language '\(code)': use nb or en") }
    return language
}

/// HTTP settings from the common options: the token (env or a private file, never printed) and CA.
func httpSettings(_ common: CommonOptions, home: Home) -> HTTPSettings {
    do {
        let token = try AccessToken.load(file: common.tokenFile ?? (home.path as NSString).appendingPathComponent("token"))
        return HTTPSettings(caFile: common.caFile, bearerToken: token)
    } catch {
        fail("\(error)")
    }
}

/// The keymap with the configuration's `[keys]` overrides; a bad override stops Varde with why.
func keymap(_ settings: CentreSettings, home: Home) -> Keymap {
    do {
        return try Keymap(overrides: settings.keyOverrides)
    } catch {
        fail("cannot use the configuration: \(home.configPath): \(error)")
    }
}

/// This machine's name, as the access log records the workstation.
func workstationName() -> String {
    var buffer = [CChar](repeating: 0, count: 256)
    guard gethostname(&buffer, buffer.count) == 0 else { return "ukjent" }
    let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    return name.isEmpty ? "ukjent" : name
}
