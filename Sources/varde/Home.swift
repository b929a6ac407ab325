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
            fail("cannot use the configuration: \(plainReason(error))")
        }
    }

    /// Makes `folder` and any folders missing above it, readable by the user only; when the system
    /// refuses, its own reason ("Not a directory", "Permission denied") as a `POSIXError`.
    static func makeFolder(_ folder: String) throws {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) {
            guard isFolder.boolValue else { throw POSIXError(.ENOTDIR) }
            return
        }
        let parent = (folder as NSString).deletingLastPathComponent
        if !parent.isEmpty, parent != folder { try makeFolder(parent) }
        guard mkdir(folder, 0o700) == 0 || errno == EEXIST else {
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
    }

    /// Opens the cache, creating a private folder for it first. The console passes `.none` and checks
    /// the file after its first frame (`runConsole`): a quick check reads every page of a large cache.
    func openCache(check: CacheDatabase.Check = .quick) -> CacheDatabase {
        do {
            try Self.makeFolder(path)
            return try CacheDatabase(path: cachePath, check: check)
        } catch let problem as CacheProblem {
            fail(problem.description)
        } catch {
            fail("cannot open the local cache in \(path): \(plainReason(error))")
        }
    }
}

/// HTTP settings from the common options: the token (env or a private file, never printed) and CA.
func httpSettings(_ common: CommonOptions, home: Home) -> HTTPSettings {
    do {
        let token = try AccessToken.load(file: common.tokenFile ?? (home.path as NSString).appendingPathComponent("token"))
        return HTTPSettings(caFile: common.caFile, bearerToken: token)
    } catch {
        fail(plainReason(error))
    }
}

/// The keymap with the configuration's `[keys]` overrides; a bad override stops Varde with why.
func keymap(_ settings: CentreSettings, home: Home) -> Keymap {
    do {
        return try Keymap(overrides: settings.keyOverrides)
    } catch {
        fail("cannot use the configuration: \(home.configPath): \(plainReason(error))")
    }
}

/// This machine's name, as the access log records the workstation.
func workstationName() -> String {
    var buffer = [CChar](repeating: 0, count: 256)
    guard gethostname(&buffer, buffer.count) == 0 else { return "ukjent" }
    let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    return name.isEmpty ? "ukjent" : name
}
