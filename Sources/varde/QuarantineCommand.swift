import ArgumentParser
import Foundation
import VardeService
import VardeStore

/// `varde quarantine`: the resources sync set aside, with the reason, newest first.
struct Quarantine: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List resources the sync could not use, and why.")

    @OptionGroup var common: CommonOptions
    @Option(help: "Show at most this many.") var limit: Int = 50

    func run() throws {
        let cache = Home(common.home).openCache()
        do {
            let total = try cache.quarantineCount()
            say("\(total) quarantined resource\(total == 1 ? "" : "s")")
            for item in try cache.quarantined(limit: max(1, limit)) {
                let what = "\(item.resourceType ?? "?")/\(item.resourceID ?? "?")"
                say("\(FHIRDateTime.format(item.receivedAt))  \(what)  \(item.reason)  [\(item.server)]")
            }
        } catch {
            fail("cannot read the local cache: \(error)")
        }
    }
}
