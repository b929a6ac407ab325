import ArgumentParser
import Foundation
import VardeService
import VardeStore
import VardeSync

/// `varde sync`: headless sync of a server into the local cache.
struct Sync: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Pull the server's data into the local cache.")

    @OptionGroup var common: CommonOptions
    @Option(help: "Base URL of the follow-up service (FHIR R4).") var server: String
    @Flag(help: "Sync once, print a summary line and exit.") var once = false
    @Option(help: "Seconds between passes when not --once.") var interval: Double = 5

    func run() throws {
        let home = Home(common.home)
        let cache = home.openCache()
        let engine = makeEngine(server: server, cache: cache, settings: httpSettings(common, home: home))
        repeat {
            do {
                let summary = try engine.syncOnce()
                say("varde sync: \(summary.line)")
            } catch {
                if once { fail("sync failed: \(error)") }
                FileHandle.standardError.write(Data("varde: sync failed: \(error)\n".utf8))
            }
            if !once { Thread.sleep(forTimeInterval: interval) }
        } while !once
    }
}

func makeEngine(server: String, cache: CacheDatabase, settings: HTTPSettings) -> SyncEngine {
    guard let url = URL(string: server), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil
    else { fail("not an http(s) URL: \(server)") }
    let http = CurlHTTPClient(settings: settings)
    return SyncEngine(client: FHIRClient(baseURL: server, http: http), cache: cache)
}
