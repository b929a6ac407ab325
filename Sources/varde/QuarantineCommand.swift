import ArgumentParser
import Foundation
import VardeService
import VardeStore
import VardeTerminal

/// `varde quarantine`: the resources sync set aside, with the reason, newest first.
struct Quarantine: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List resources the sync could not use, and why.")

    @OptionGroup var common: CommonOptions
    @Option(help: "Show at most this many.") var limit: Int = 50
    @Flag(help: "Also show the text of resources that could not be read at all (first 4 KB, made inert).")
    var raw = false

    func run() throws {
        let cache = Home(common.home).openCache()
        do {
            let total = try cache.quarantineCount()
            say("\(total) quarantined resource\(total == 1 ? "" : "s")")
            for item in try cache.quarantined(limit: max(1, limit)) {
                // Everything here came from the network: made inert before it reaches the terminal.
                let what = Sanitiser.inert("\(item.resourceType ?? "?")/\(item.resourceID ?? "?")")
                say("\(FHIRDateTime.format(item.receivedAt))  \(what)  \(Sanitiser.inert(item.reason))  [\(Sanitiser.inert(item.server))]")
                if raw, let text = item.raw { say("    " + Sanitiser.inert(text.replacingOccurrences(of: "\n", with: " "))) }
            }
        } catch {
            fail("cannot read the local cache: \(error)")
        }
    }
}
