import ArgumentParser
import Foundation
import VardeStore

/// `varde cache check|rebuild`: is the local cache sound, and making a new one from a damaged one.
struct Cache: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the local cache, or rebuild a damaged one.",
        subcommands: [CacheCheck.self, CacheRebuild.self])
}

/// `varde cache check`: SQLite's full integrity check of the cache file.
struct CacheCheck: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "check",
                                                    abstract: "Check the whole cache file (exit 1 when it is damaged).")
    @OptionGroup var common: CommonOptions

    func run() throws {
        let home = Home(common.home)
        guard FileManager.default.fileExists(atPath: home.cachePath) else { fail("there is no local cache in \(home.path) yet") }
        do {
            let cache = try CacheDatabase(path: home.cachePath, check: .none)
            let problems = try cache.integrityProblems(.full)
            guard problems.isEmpty else {
                fail("the local cache \(home.cachePath) is damaged: \(problems.prefix(3).joined(separator: "; ")); run `varde cache rebuild`")
            }
            say("the local cache \(home.cachePath) is sound")
        } catch let problem as CacheProblem {
            fail(problem.description)
        } catch {
            fail("the local cache \(home.cachePath) is damaged: \(error); run `varde cache rebuild`")
        }
    }
}

/// `varde cache rebuild`: moves the damaged file aside and keeps what can still be read.
struct CacheRebuild: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rebuild",
        abstract: "Move a damaged cache aside and make a new one with everything that can still be read; the next sync fetches the rest.")
    @OptionGroup var common: CommonOptions
    @OptionGroup var clock: ClockOptions

    func run() throws {
        let home = Home(common.home)
        guard FileManager.default.fileExists(atPath: home.cachePath) else { fail("there is no local cache in \(home.path) to rebuild") }
        let report: CacheRebuildReport
        do {
            report = try CacheDatabase.rebuild(path: home.cachePath, now: clock.clock()())
        } catch {
            fail("could not rebuild the local cache in \(home.path): \(error)")
        }
        say("the damaged cache is kept as \(report.damagedCopy)")
        if let unreadable = report.unreadableFile {
            say("nothing could be read from it (\(unreadable)); the next sync fetches everything from the service")
            return
        }
        for table in report.tables where table.copied > 0 || !table.unreadable.isEmpty {
            let lost = table.unreadable.isEmpty ? "" : "; could not read rows \(table.unreadable.prefix(5).joined(separator: ", "))"
                + (table.unreadable.count > 5 ? " and \(table.unreadable.count - 5) more ranges" : "")
            say("\(table.name): kept \(table.copied)\(lost)")
        }
        if report.alertsRaised > 0 {
            say("alerts raised again from measurements no kept alert covered: \(report.alertsRaised)")
        }
        say("a new cache is in place; run `varde sync --once` (or start the console) to fetch the rest from the service")
    }
}
