import ArgumentParser
import Foundation
import VardeSim
import VardeStore

/// `varde demo`: a living follow-up centre with no setup: the simulator in-process on a free
/// loopback port, the console talking to it over HTTP.
struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Start the simulated centre and open the console on it.")

    @OptionGroup var common: CommonOptions
    @OptionGroup var sim: SimOptions
    @Option(help: "Colour theme from the Themes folder.") var theme: String = "default"

    func validate() throws {
        try OptionRules.theme(theme)
    }

    func run() throws {
        // Twelve times real time: an hour of the patients' lives in five minutes, so that new findings keep
        // arriving (about one every five minutes for 400 patients) while a nurse can still work the queue.
        let centre = SimulatedCentre(config: sim.config(defaultSpeed: SimConfig.demoSpeed))
        let port = startInProcess(SimServer(centre: centre))
        // A fresh cache per demo unless --home is given: the simulated centre starts anew each time.
        let temporary = common.home == nil
            ? FileManager.default.temporaryDirectory.appendingPathComponent("varde-demo-\(getpid())").path : nil
        if let temporary { DemoFolder.removeAtExit(temporary) }
        // A centre started at --start keeps its own time: the console's clock begins there too.
        let clock = sim.start == nil ? Date.init : runningClock(from: centre.now())
        let home = Home(common.home ?? temporary)
        let cache = home.openCache(check: .none)
        // The configuration comes from the usual Varde folder even when the cache is temporary.
        let configHome = Home(common.home)
        let settings = configHome.settings()
        let engine = makeEngine(server: "http://127.0.0.1:\(port)", cache: cache, settings: httpSettings(common, home: home),
                                nurse: common.nurse, serviceHours: settings.serviceHours,
                                municipalities: settings.municipalities, clock: clock)
        runConsole(cache: cache, engine: engine, themeName: theme, language: common.language, nurse: common.nurse,
                   settings: settings, keymap: keymap(settings, home: configHome), syncInterval: 1, clock: clock)
    }
}

/// The demo's temporary cache, removed however the process ends through `exit` (a closed terminal
/// window ends it from the hang-up signal's handler, where no `defer` runs).
enum DemoFolder {
    nonisolated(unsafe) private static var path: String?

    static func removeAtExit(_ folder: String) {
        path = folder
        atexit { if let path = DemoFolder.path { try? FileManager.default.removeItem(atPath: path) } }
    }
}

/// Starts the simulator on a free loopback port and returns the port once it listens.
func startInProcess(_ server: SimServer) -> Int {
    let listening = DispatchSemaphore(value: 0)
    let box = PortBox()
    Task {
        do {
            try await server.run(port: 0, handleSignals: false, logLevel: .critical) { port in
                box.port = port
                listening.signal()
            }
        } catch {
            fail("the simulator could not start: \(plainReason(error))")
        }
    }
    guard listening.wait(timeout: .now() + 30) == .success, let port = box.port else {
        fail("the simulator did not start within 30 s")
    }
    return port
}

private final class PortBox: @unchecked Sendable {
    var port: Int?
}
