import Foundation
import VardeDomain
import VardeStore
import VardeTerminal

/// The console's event loop: one thread owns the terminal. It turns keys, the cache's snapshots,
/// the clock and finished effects into events for the model, has the runner carry out what the
/// model asks for, and draws the model.
public final class ConsoleApp {
    private let terminal: any TerminalBackend
    private let clock: () -> Date
    private var model: ConsoleModel
    private let runner: EffectRunner
    private let feed: SnapshotFeed
    /// Something other than the clock moved since the last frame was drawn.
    private var changed = true
    /// A frame with nothing new but the time is drawn at most this often (the screen's clock and waiting
    /// times count minutes, status messages seconds): an idle console then composes one frame a second.
    static let clockFrameInterval: TimeInterval = 1

    /// `settings.privacy` sets the idle lock and PIN; `settings.municipalities` the operator's tenancy.
    public init(cache: CacheDatabase, terminal: any TerminalBackend, theme: Theme, language: Language,
                themeFolders: [String] = [], nurse: String = "ukjent", glyphs: ChartGlyphs = .braille,
                settings: CentreSettings = CentreSettings(), keymap: Keymap = .standard,
                workstation: String = "ukjent", liveSync: Bool = false, clock: @escaping () -> Date = Date.init) {
        self.terminal = terminal
        self.clock = clock
        let size = terminal.size
        model = ConsoleModel(context: ConsoleContext(
            language: language, now: clock(), theme: theme, glyphs: glyphs, keymap: keymap, nurse: nurse, settings: settings,
            themeFolders: themeFolders, liveSync: liveSync, width: size.width, height: size.height))
        runner = EffectRunner(cache: cache, viewer: model.context.viewer, workstation: workstation, inBackground: true)
        feed = SnapshotFeed(reader: ConsoleReader(cache: cache, rowText: QueueState.rowText))
    }

    /// Runs until the operator quits (or `shouldStop` says so). `afterFirstFrame` runs once the first
    /// frame is on the terminal: slow work (the cache's check, the sync) waits for it.
    public func run(shouldStop: () -> Bool = { false }, afterFirstFrame: (() -> Void)? = nil) {
        defer { terminal.shutdown() }
        var firstFrame = afterFirstFrame
        feed.poll(model.readRequest, now: Date())
        // The request of the snapshot last taken: while the model asks for something else (a key moved
        // the selection past the rows read, or changed the filter), its read is waited for before drawing,
        // so that no frame shows the new filter over the old rows.
        var taken: ConsoleReadRequest?
        var drawnAt = Date.distantPast
        while !shouldStop() {
            if model.readRequest != taken {
                feed.poll(model.readRequest, now: Date())
                feed.waitForRead(timeout: 0.1)
            }
            if let snapshot = feed.take(now: Date()) {
                taken = snapshot.request
                send(.snapshot(snapshot))
            }
            for result in runner.takeFinished() { send(.done(result)) }
            let size = terminal.size
            if size.width != model.context.width || size.height != model.context.height {
                send(.resize(width: size.width, height: size.height))
            }
            let now = Date()
            if changed || now.timeIntervalSince(drawnAt) >= Self.clockFrameInterval || now < drawnAt {
                terminal.draw(model.render(), theme: model.context.theme)
                (changed, drawnAt) = (false, now)
            }
            if model.hasSnapshot, let first = firstFrame {
                firstFrame = nil
                first()
            }
            send(.tick(clock()))
            if model.quitting { return }
            feed.poll(model.readRequest, now: Date())
            guard var key = terminal.readKey(timeoutMs: feed.isReading ? 5 : 250) else { continue }
            // A paste arrives as many keys at once: handle them all, then draw (and save the draft) once.
            while true {
                send(.key(key))
                if model.quitting { return }
                guard !model.idleLock.isLocked, let next = terminal.readKey(timeoutMs: 0) else { break }
                key = next
            }
            send(.tick(clock()))
            if model.quitting { return }
        }
    }

    /// One event through the model, and every effect it asks for through the runner, their results
    /// fed back in turn.
    private func send(_ event: ConsoleEvent) {
        if case .tick = event {} else { changed = true }
        runner.send(event, to: &model, terminal: terminal)
    }
}
