import ArgumentParser
import Foundation
import VardeService
import VardeStore

/// `varde quarantine`: the resources sync set aside, with the reason, newest first.
struct Quarantine: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List resources the sync could not use, and why.")

    @OptionGroup var common: CommonOptions
    @Option(help: "Show at most this many.") var limit: Int = 50
    @Flag(help: "Also show the text of resources that could not be read at all (first 4 KB, made inert).")
    var raw = false

    func validate() throws {
        try OptionRules.whole(limit, "--limit", 1...10_000)
    }

    func run() throws {
        let cache = Home(common.home).openCache()
        do {
            let total = try cache.quarantineCount()
            say("\(total) quarantined resource\(total == 1 ? "" : "s")")
            for item in try cache.quarantined(limit: limit) {
                // Everything here came from the network: `say` makes it inert before it reaches the terminal.
                say("\(FHIRDateTime.format(item.receivedAt))  \(item.resourceType ?? "?")/\(item.resourceID ?? "?")  \(item.reason)  [\(item.server)]")
                if raw, let text = item.raw { say("    " + text.replacingOccurrences(of: "\n", with: " ")) }
            }
        } catch {
            fail("cannot read the local cache: \(plainReason(error))")
        }
    }
}
