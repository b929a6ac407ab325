import Foundation
import VardeDomain
import VardeStore
import VardeTerminal

/// The caseload view's keys: move, filter, window, and Enter into the municipality's queue.
extension ConsoleApp {
    /// The period the caseload view covers.
    static let caseloadPeriod: TimeInterval = 7 * 86_400

    func caseloadReport() -> CaseloadReport? {
        switch caseloadReport(now: state.now)() {
        case .success(let report): return report
        case .failure(let error):
            state.say(CacheDatabase.reason(error))
            return nil
        }
    }

    /// The figures as of `now`, to work out here or on another thread.
    private func caseloadReport(now: Date) -> @Sendable () -> Result<CaseloadReport, any Error> {
        let (cache, settings, period) = (cache, settings, Self.caseloadPeriod)
        return {
            Result {
                try cache.caseload(since: now.addingTimeInterval(-period), now: now, hours: settings.serviceHours,
                                   targets: settings.responseTargets, staffing: settings.staffing,
                                   municipalities: settings.municipalities)
            }
        }
    }

    func openCaseload() {
        if case .caseload = stack.last { return }
        guard let report = caseloadReport() else { return }
        stack.append(.caseload(CaseloadState(report: report, language: state.language)))
    }

    /// The figures again, every few seconds while the view is open: worked out on a background queue
    /// (a large centre's take long enough to stall the keys), shown when the loop next finds them.
    func refreshCaseload() {
        guard case .caseload(let caseload) = stack.last, !caseloadRefreshing,
              state.now.timeIntervalSince(caseload.report.now) >= 5 else { return }
        caseloadRefreshing = true
        let (report, refreshed) = (caseloadReport(now: state.now), refreshedCaseload)
        DispatchQueue.global(qos: .userInitiated).async { refreshed.set(report()) }
    }

    /// Figures from the background queue, if the view is still open and they are newer than its own;
    /// a failed refresh is said, and the figures on screen stay as they were.
    func showRefreshedCaseload(_ refreshed: Result<CaseloadReport, any Error>) {
        caseloadRefreshing = false
        let report: CaseloadReport
        switch refreshed {
        case .success(let fresh): report = fresh
        case .failure(let error):
            if case .caseload = stack.last { state.say(CacheDatabase.reason(error)) }
            return
        }
        guard case .caseload(var caseload) = stack.last, report.now > caseload.report.now else { return }
        caseload.report = report
        caseload.language = state.language
        caseload.selected = min(caseload.selected, max(0, caseload.rows.count - 1))
        stack[stack.count - 1] = .caseload(caseload)
    }

    /// Typing the municipality filter (`/` … Enter); Esc drops it.
    func editCaseloadFilter(_ key: Key) {
        updateCaseload { caseload in
            switch key {
            case .enter: caseload.editingFilter = false
            case .escape: caseload.editingFilter = false; caseload.filter = ""
            case .backspace: if !caseload.filter.isEmpty { caseload.filter.removeLast() }
            case .character(let c): caseload.filter.append(c)
            default: break
            }
            caseload.selected = min(caseload.selected, max(0, caseload.rows.count - 1))
        }
    }

    /// Carries out one of the caseload view's commands (its keys come from the command registry).
    func caseloadCommand(_ id: CommandID) {
        guard case .caseload(let caseload) = stack.last else { return }
        switch id {
        case .nextMunicipality: updateCaseload { $0.selected = min($0.selected + 1, max(0, $0.rows.count - 1)) }
        case .previousMunicipality: updateCaseload { $0.selected = max(0, $0.selected - 1) }
        case .filterMunicipalities: updateCaseload { $0.editingFilter = true }
        case .responseWindow: updateCaseload { $0.nextWindow() }
        case .leaveCaseload:
            if caseload.filter.isEmpty { stack.removeLast() } else { updateCaseload { $0.filter = "" } }
        case .municipalityQueue:
            guard caseload.rows.indices.contains(caseload.selected) else { return }
            let number = caseload.rows[caseload.selected].municipality
            while stack.count > 1 { stack.removeLast() }
            state.setMunicipalityFilter(number)
        default: break
        }
    }

    private func updateCaseload(_ change: (inout CaseloadState) -> Void) {
        guard case .caseload(var caseload) = stack.last else { return }
        change(&caseload)
        stack[stack.count - 1] = .caseload(caseload)
    }
}
