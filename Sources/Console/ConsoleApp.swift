import Foundation
import VardeDomain
import VardeStore
import VardeTerminal

/// The console's event loop: one thread owns the terminal; the database tells it what changed.
public final class ConsoleApp {
    let cache: CacheDatabase
    let terminal: any TerminalBackend
    var theme: Theme
    let themeFolders: [String]
    private let clock: () -> Date
    var paletteHistory: [String] = []
    var historyIndex: Int?
    let nurse: String
    private let glyphs: ChartGlyphs
    var resolving: Resolving?
    var lastNotice: Int64 = 0
    var state: QueueState
    /// The queue's observation, started again by itself after a failure.
    private let queueFeed: QueueFeed
    /// Which reads of the cache fail now: shown at once on every screen, never swallowed.
    var health = DataPathHealth()
    /// Caseload figures worked out on a background queue (or why that failed), for the loop to show.
    let refreshedCaseload = LatestValue<Result<CaseloadReport, any Error>>()
    /// A caseload refresh is under way; no second one starts until it is shown.
    var caseloadRefreshing = false
    let settings: CentreSettings
    /// Red alerts that arrived while the operator worked, shown in a banner until seen.
    var redWatch = RedAlertWatch()
    private let keymap: Keymap
    /// Who looks: every read of patient data goes through the store with this (blocks, tenancy).
    let viewer: Viewer
    /// The machine name written in the access log.
    private let workstation: String
    var idleLock: IdleLock

    /// `settings.privacy` sets the idle lock and PIN; `settings.municipalities` the operator's tenancy.
    public init(cache: CacheDatabase, terminal: any TerminalBackend, theme: Theme, language: Language,
                themeFolders: [String] = [], nurse: String = "ukjent", glyphs: ChartGlyphs = .braille,
                settings: CentreSettings = CentreSettings(), keymap: Keymap = .standard,
                workstation: String = "ukjent", clock: @escaping () -> Date = Date.init) {
        self.glyphs = glyphs
        self.settings = settings
        self.keymap = keymap
        self.nurse = nurse
        viewer = Viewer(operatorID: nurse, municipalities: settings.municipalities)
        self.workstation = workstation
        idleLock = IdleLock(settings: settings.privacy, now: clock())
        self.cache = cache
        queueFeed = QueueFeed(cache: cache, viewer: viewer)
        self.terminal = terminal
        self.theme = theme
        self.themeFolders = themeFolders
        self.clock = clock
        state = QueueState(now: clock(), language: language)
        state.me = nurse
        redWatch = RedAlertWatch(startedAt: clock())
        state.serviceHours = settings.serviceHours
        state.targets = settings.responseTargets
        state.freshness.limits = settings.staleness
        lastNotice = health.read(.notices) { try cache.notices(after: 0).last?.id ?? 0 } ?? 0
    }

    /// The views on the stack; Esc pops one. The queue is always at the bottom.
    enum View {
        case queue
        case patient(PatientState)
        /// What the sync set aside, scrolled this many rows.
        case quarantine(scroll: Int)
        /// The supervisor's figures per municipality and nurse.
        case caseload(CaseloadState)
    }

    var stack: [View] = [.queue]
    /// The editor's text changed since the draft was last saved.
    var draftChanged = false
    var terminalWidth: Int { terminal.size.width }
    private var helpVisible = false

    /// Runs until the operator quits (or `shouldStop` says so, for tests).
    public func run(shouldStop: () -> Bool = { false }) {
        queueFeed.start()
        defer {
            queueFeed.cancel()
            terminal.shutdown()
        }
        var lastStatusRead = Date.distantPast
        var lastQueueCheck = Date()
        while !shouldStop() {
            if Date().timeIntervalSince(lastQueueCheck) >= Self.queueCheckInterval {
                queueFeed.check(now: Date())
                lastQueueCheck = Date()
            }
            let queue = queueFeed.take(now: Date())
            health.set(.queue, failure: queueFeed.failure)
            if let entries = queue {
                state.update(entries)
                redWatch.observe(entries)
                reloadPatient()
                messagesShown() // a message arriving while the thread is on screen has been seen
            }
            if let refreshed = refreshedCaseload.take() { showRefreshedCaseload(refreshed) }
            state.now = clock()
            if Date().timeIntervalSince(lastStatusRead) >= 1 {
                readStatus()
                refreshCaseload()
                // Delivery and read receipts change no queue row: an open thread is read again anyway
                // (other tabs wait for the queue to change, as before).
                if case .patient(let patient) = stack.last, patient.tab == .messages {
                    reloadPatient()
                    messagesShown()
                }
                lastStatusRead = Date()
                showNotices()
            }
            idleLock.tick(now: clock())
            let size = terminal.size
            terminal.draw(frame(width: size.width, height: size.height), theme: theme)
            state.messageDrawn(at: clock())
            guard var key = terminal.readKey(timeoutMs: 250) else { continue }
            if key == .resize { continue } // a resize is not the operator coming back
            if idleLock.isLocked {
                if keymap.command(for: key, in: .global)?.id == .redraw { terminal.repaint(); continue }
                _ = idleLock.press(Self.lockInput(key), now: clock())
                continue
            }
            _ = idleLock.press(.other, now: clock())
            // A paste arrives as many keys at once: handle them all, then draw and save the draft once.
            while true {
                if handle(key, visibleRows: size.height - 4) == .quit { saveDraft(); return }
                guard !idleLock.isLocked, let next = terminal.readKey(timeoutMs: 0) else { break }
                key = next
            }
            saveDraft()
        }
    }

    /// How often the queue's query is checked between the observation's reads.
    static let queueCheckInterval: TimeInterval = 0.5

    /// What the status line and the header need, read once a second; a failed read keeps the last
    /// value it had and is said on screen (the sync's age then keeps growing until the header says so).
    private func readStatus() {
        if let sync = health.read(.syncState, { try cache.syncState() }) { state.sync = sync }
        if let outbox = health.read(.outbox, { try cache.queuedMessageCount() }) { state.outbox = outbox }
        if let quarantined = health.read(.quarantine, { try cache.quarantineCount() }) { state.quarantined = quarantined }
        let previous = state.freshness.arrivals
        if let arrivals = health.read(.measurements, { try cache.measurementArrivals(after: previous) }) {
            state.freshness.observe(arrivals, now: clock())
            state.otherMeasurements = arrivals.otherCount
        }
    }

    static func lockInput(_ key: Key) -> IdleLock.Input {
        switch key {
        case .character(let c) where c.isNumber: .digit(c)
        case .backspace: .erase
        case .enter: .confirm
        default: .other
        }
    }

    /// A line drawn across every screen under its title: a failing read of the cache, a new red alert.
    private enum Banner {
        case failure(String)
        case newRed
    }

    /// The screen, with its banners (a failing read, a new red alert) inserted under the title line:
    /// the screen is drawn shorter so that nothing it shows is covered. At the smallest size there is
    /// no row to spare: the banners take the lines above the status line instead.
    private func frame(width: Int, height: Int) -> ScreenBuffer {
        let notice = health.notice(state.language)
        if idleLock.isLocked {
            let all = state.allEntries
            var buffer = LockScreen.render(counts: QueueCounts(red: all.filter { $0.zone == .red }.count,
                                                               yellow: all.filter { $0.zone == .yellow }.count),
                                           overdue: all.filter(state.isOverdue).count, now: state.now, lock: idleLock,
                                           language: state.language, width: width, height: height, stale: state.staleness)
            // The counts behind the lock are only as good as the reads: a failure is said here too.
            if let notice, height > 3 { DataPathHealth.draw(notice, over: &buffer, y: state.staleness == .current ? 1 : 2) }
            return buffer
        }
        var banners: [Banner] = notice.map { [.failure($0)] } ?? []
        if !redWatch.unseen.isEmpty { banners.append(.newRed) }
        guard width >= QueueScreen.minimumSize.width, height >= QueueScreen.minimumSize.height, !banners.isEmpty else {
            return screen(width: width, height: height)
        }
        let inserted = min(banners.count, height - QueueScreen.minimumSize.height)
        var buffer = screen(width: width, height: height - inserted)
        for line in 0..<inserted { buffer = buffer.insertingLine(at: 1 + line, height: height - inserted + line + 1) }
        for (index, banner) in banners.enumerated() {
            let y = index < inserted ? 1 + index : height - 2 - (index - inserted)
            switch banner {
            case .failure(let text): DataPathHealth.draw(text, over: &buffer, y: y)
            case .newRed: redWatch.draw(&buffer, y: y, language: state.language)
            }
        }
        return buffer
    }

    private func screen(width: Int, height: Int) -> ScreenBuffer {
        var buffer: ScreenBuffer
        let context: CommandContext
        switch stack.last ?? .queue {
        case .queue:
            buffer = QueueScreen.render(&state, width: width, height: height)
            context = .queue
        case .patient(var patient):
            if patient.compose != nil, patient.compose?.width != ComposeView.textWidth(width) {
                patient.compose?.width = ComposeView.textWidth(width)
                stack[stack.count - 1] = .patient(patient)
            }
            patient.now = state.now
            buffer = PatientScreen.render(patient, width: width, height: height)
            context = .patient
            if width >= QueueScreen.minimumSize.width, height >= QueueScreen.minimumSize.height {
                StatusBar.drawPrompt(&buffer, state: state, after: -1, y: height - 1)
            }
        case .caseload(let caseload):
            buffer = CaseloadScreen.render(caseload, width: width, height: height, now: state.now)
            context = .caseload
            StatusBar.drawPrompt(&buffer, state: state, after: -1, y: height - 1)
        case .quarantine(let scroll):
            // A failed read is said in the banner, not shown as an empty list.
            let rows = health.read(.quarantine) { try cache.quarantined() } ?? []
            buffer = QuarantineScreen.render(rows, total: state.quarantined, scroll: scroll, width: width, height: height, language: state.language, now: state.now)
            context = .patient
            StatusBar.drawPrompt(&buffer, state: state, after: -1, y: height - 1)
        }
        if let resolving, width >= QueueScreen.minimumSize.width, height >= QueueScreen.minimumSize.height {
            ResolveOverlay.draw(over: &buffer, resolving, strings: state.language.strings)
        }
        if helpVisible, width >= QueueScreen.minimumSize.width, height >= QueueScreen.minimumSize.height {
            HelpOverlay.draw(over: &buffer, context: context, language: state.language, keymap: keymap)
        }
        return buffer
    }

    enum Outcome { case stay, quit }

    private func handle(_ key: Key, visibleRows: Int) -> Outcome {
        if resolving != nil { editResolving(key); return .stay }
        if composing { editCompose(key); return .stay }
        if state.paletteLine != nil { return editPalette(key) }
        if state.editingFilter { editFilter(key); return .stay }
        if helpVisible {
            if key == .escape || key == .character("?") { helpVisible = false; return .stay }
            if key == .character("q") { return .quit }
            return .stay
        }
        let context: CommandContext
        switch stack.last {
        case .quarantine(let scroll)?:
            // A list to read: arrows scroll it; everything else works as in the patient view (Esc back).
            switch key {
            case .down, .character("j"), .pageDown:
                let last = ScrolledPanel.lastOffset(total: state.quarantined, room: terminal.size.height - 4)
                stack[stack.count - 1] = .quarantine(scroll: min(scroll + (key == .pageDown ? max(1, visibleRows - 2) : 1), last))
                return .stay
            case .up, .character("k"), .pageUp:
                stack[stack.count - 1] = .quarantine(scroll: max(0, scroll - (key == .pageUp ? max(1, visibleRows - 2) : 1)))
                return .stay
            default: context = .patient
            }
        case .caseload(let caseload)?:
            if caseload.editingFilter { editCaseloadFilter(key); return .stay }
            context = .caseload
        case .patient?: context = .patient
        default: context = .queue
        }
        guard let command = keymap.command(for: key, in: context) else { return .stay }
        switch command.id {
        case .quit: return .quit
        case .help: helpVisible = true
        case .showNewRed: showNewRed()
        case .lock: idleLock.lock()
        case .redraw: terminal.repaint()
        case .scrollDown: scrollPanel(by: 1)
        case .scrollUp: scrollPanel(by: -1)
        case .down: state.move(by: 1)
        case .up: state.move(by: -1)
        case .halfDown: state.move(by: max(1, visibleRows / 2))
        case .halfUp: state.move(by: -max(1, visibleRows / 2))
        case .first: state.moveTo(0)
        case .last: state.moveTo(state.entries.count - 1)
        case .claim: take(.claim)
        case .release: take(.release)
        case .resolve:
            guard state.entries.indices.contains(state.selected) else { break }
            let entry = state.entries[state.selected]
            if entry.isBlocked { refuse(.blocked); break }
            if let owner = entry.owner, owner != nurse { refuse(.claimedBy(owner)); break }
            resolving = Resolving(alertID: entry.alertID, patientName: entry.patientName)
        case .filter: state.editingFilter = true
        case .clearFilter: state.clearFilters()
        case .palette:
            state.paletteLine = ""
            historyIndex = nil
        case .open: openSelected(tab: .trends)
        case .plan: openSelected(tab: .plan)
        case .back: if stack.count > 1 { stack.removeLast() }
        case .trendsTab: switchTab { $0.tab = .trends }
        case .planTab: switchTab { $0.tab = .plan }
        case .messagesTab: switchTab { $0.tab = .messages }; messagesShown()
        case .historyTab: switchTab { $0.tab = .history }
        case .nextTab: switchTab { $0.switchTab(by: 1) }; messagesShown()
        case .previousTab: switchTab { $0.switchTab(by: -1) }; messagesShown()
        case .write:
            openSelected(tab: .messages)
            startComposing(reply: false)
        case .compose: startComposing(reply: false)
        case .reply: startComposing(reply: true)
        case .resend: resendFailed()
        case .olderMessages:
            guard case .patient(let patient) = stack.last, patient.tab == .messages else { scrollPanel(by: -max(1, visibleRows - 2)); break }
            updatePatient { $0.threadScroll += max(1, visibleRows / 2) }
        case .newerMessages:
            guard case .patient(let patient) = stack.last, patient.tab == .messages else { scrollPanel(by: max(1, visibleRows - 2)); break }
            updatePatient { $0.threadScroll = max(0, $0.threadScroll - max(1, visibleRows / 2)) }
        case .period: updatePatient { $0.nextPeriod() }
        case .caseload: openCaseload()
        case .nextMunicipality, .previousMunicipality, .filterMunicipalities, .responseWindow, .municipalityQueue, .leaveCaseload:
            caseloadCommand(command.id)
        case .municipality, .zone, .theme, .language, .patient, .mine, .all, .quarantine: break
        }
        return .stay
    }

    /// Goes to the oldest unseen red alert: back to the queue, every filter off, the row selected.
    private func showNewRed() {
        guard let alert = redWatch.unseen.first else { return }
        redWatch.seen(alertID: alert.alertID)
        while stack.count > 1 { stack.removeLast() }
        if state.entries.firstIndex(where: { $0.alertID == alert.alertID }) == nil {
            state.clearFilters()
            state.setOnlyMine(false)
        }
        if let index = state.entries.firstIndex(where: { $0.alertID == alert.alertID }) { state.moveTo(index) }
    }

    private func editFilter(_ key: Key) {
        switch key {
        case .enter: state.editingFilter = false
        case .escape:
            state.editingFilter = false
            state.setFilter("")
        case .backspace: state.setFilter(String(state.filter.dropLast()))
        case .character(let c): state.setFilter(state.filter + String(c))
        default: break
        }
    }

    /// Opens the selected patient; the store logs the access in the same transaction that reads the record.
    func openSelected(tab: PatientTab) {
        guard state.entries.indices.contains(state.selected) else { return }
        let entry = state.entries[state.selected]
        if entry.isBlocked { refuse(.blocked); return }
        let opening = entry.basis == .message && entry.trigger == nil && tab == .trends ? .messages : tab
        let found: PatientRecord?
        do {
            found = try cache.openPatient(entry.patientID, for: viewer, what: Self.accessKind(opening),
                                          workstation: workstation, at: state.now,
                                          since: state.now.addingTimeInterval(-90 * 86_400))
        } catch {
            state.say(CacheDatabase.reason(error))
            return
        }
        guard let record = found else { return }
        redWatch.seen(patientID: entry.patientID)
        var patient = PatientState(record: record, tab: opening, now: state.now, language: state.language, glyphs: glyphs)
        patient.newMessages = Set(record.messages.filter { $0.direction == .fromPatient && $0.seenByCentre == nil }.map(\.id))
        stack.append(.patient(patient))
        messagesShown()
    }

    static func accessKind(_ tab: PatientTab) -> AccessKind {
        switch tab {
        case .trends: .trends
        case .plan: .plan
        case .messages: .messages
        case .history: .history
        }
    }

    /// A tab switch shows other parts of the record: logged as an access of its own.
    private func switchTab(_ change: (inout PatientState) -> Void) {
        guard case .patient(let before) = stack.last else { return }
        updatePatient(change)
        guard case .patient(let after) = stack.last, after.tab != before.tab else { return }
        do {
            try cache.recordAccess(AccessRecord(at: state.now, operatorID: nurse, patientID: after.record.patient.id,
                                                what: Self.accessKind(after.tab), workstation: workstation))
        } catch {
            state.say("\(error)")
        }
    }

    /// Scrolls the patient view's panel (plan, history lines; trend charts), kept inside it.
    func scrollPanel(by step: Int) {
        let size = terminal.size
        updatePatient { $0 = PatientScreen.scrolled($0, by: step, width: size.width, height: size.height) }
    }

    func updatePatient(_ change: (inout PatientState) -> Void) {
        guard case .patient(var patient) = stack.last else { return }
        change(&patient)
        stack[stack.count - 1] = .patient(patient)
    }

    /// New data may concern the patient on screen: read their record again.
    func reloadPatient() {
        guard case .patient(var patient) = stack.last else { return }
        let found: PatientRecord?
        do {
            found = try cache.patientRecord(patient.record.patient.id, for: viewer, since: state.now.addingTimeInterval(-90 * 86_400))
        } catch {
            // The record on screen is as last read: said, so that nobody takes it for the newest.
            state.say(CacheDatabase.reason(error))
            return
        }
        // A block that arrived while the record was open closes it at once.
        guard let record = found else {
            stack.removeLast()
            refuse(.blocked)
            return
        }
        patient.record = record
        stack[stack.count - 1] = .patient(patient)
    }
}
