import ArgumentParser
import Foundation
import VardeConsole
import VardeDomain
import VardeStore
import VardeSync
import VardeTerminal

/// `varde console`: the console against real servers (the default command).
struct Console: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Open the console against a follow-up service.")

    @OptionGroup var common: CommonOptions
    @OptionGroup var clock: ClockOptions
    @Option(help: "Base URL of the follow-up service (FHIR R4).") var server: String
    @Option(name: .customLong("measurements-url"), help: "Base URL of a PMD-style measurement service (optional).")
    var measurementsURL: String?
    @Option(help: "Colour theme from the Themes folder.") var theme: String = "default"

    func validate() throws {
        try OptionRules.serviceURL(server, "--server")
        if let measurementsURL { try OptionRules.serviceURL(measurementsURL, "--measurements-url") }
        try OptionRules.theme(theme)
    }

    func run() throws {
        let home = Home(common.home)
        let settings = home.settings()
        let cache = home.openCache(check: .none)
        let clock = clock.clock()
        runConsole(cache: cache, engine: makeEngine(server: server, measurementsURL: measurementsURL, cache: cache,
                                                    settings: syncHTTPSettings(common, home: home, settings: settings, server: server,
                                                                               measurementsURL: measurementsURL),
                                                    nurse: common.nurse,
                                                    serviceHours: settings.serviceHours,
                                                    municipalities: settings.municipalities, clock: clock),
                   themeName: theme, language: common.language, nurse: common.nurse,
                   settings: settings, keymap: keymap(settings, home: home), clock: clock)
    }
}

/// Opens the console on this terminal with a background sync loop, until the operator quits.
func runConsole(cache: CacheDatabase, engine: SyncEngine, themeName: String, language: Language,
                nurse: String, settings: CentreSettings, keymap: Keymap, syncInterval: TimeInterval = 2,
                clock: @escaping @Sendable () -> Date = Date.init) {
    guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
        fail("the console needs a terminal; use 'varde render' for text output")
    }
    let theme = loadTheme(themeName)
    let loop = SyncLoop(engine: engine, interval: syncInterval)
    let terminal = NcursesTerminal()
    let check = DeferredCheck()
    let app = ConsoleApp(cache: cache, terminal: terminal, theme: theme, language: language, themeFolders: Themes.folders(),
                         nurse: nurse, glyphs: ChartGlyphs.forLocale(ProcessInfo.processInfo.environment),
                         settings: settings, keymap: keymap, workstation: workstationName(), liveSync: true, clock: clock)
    // The queue is drawn from the cache first; the file's check follows, and the sync writes only to a
    // cache that passed it. A damaged cache ends the console with the problem in plain words.
    app.run(shouldStop: { check.problem != nil }, afterFirstFrame: {
        Thread.detachNewThread {
            do {
                if let path = cache.path { try CacheDatabase.verify(path: path) }
                loop.start()
            } catch {
                check.problem = (error as? CacheProblem)?.description ?? "cannot check the local cache: \(plainReason(error))"
            }
        }
    })
    loop.stop()
    if let problem = check.problem { fail(problem) }
}

/// What the check after the first frame found wrong with the cache, if anything.
private final class DeferredCheck: @unchecked Sendable {
    private let lock = NSLock()
    private var found: String?
    var problem: String? {
        get { lock.withLock { found } }
        set { lock.withLock { found = newValue } }
    }
}

/// The named theme, colourless under `NO_COLOR`; a bad theme file stops with the line that is wrong.
func loadTheme(_ name: String) -> Theme {
    do {
        let theme = try Themes.load(name, folders: Themes.folders())
        let noColour = ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        return noColour ? theme.withoutColour : theme
    } catch {
        fail("cannot use theme '\(name)': \(plainReason(error))")
    }
}
