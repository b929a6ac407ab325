import Foundation
import VardeDomain
import VardeStore
import VardeTerminal

/// The caseload view's keys: move, filter, window, and Enter into the municipality's queue.
extension ConsoleApp {
    /// The period the caseload view covers.
    static let caseloadPeriod: TimeInterval = 7 * 86_400

    func caseloadReport() -> CaseloadReport? {
        try? cache.caseload(since: state.now.addingTimeInterval(-Self.caseloadPeriod), now: state.now,
                            hours: settings.serviceHours, targets: settings.responseTargets, staffing: settings.staffing,
                            municipalities: settings.municipalities)
    }

    func openCaseload() {
        if case .caseload = stack.last { return }
        guard let report = caseloadReport() else { return }
        stack.append(.caseload(CaseloadState(report: report, language: state.language)))
    }

    /// The figures again, every few seconds while the view is open.
    func refreshCaseload() {
        guard case .caseload(var caseload) = stack.last, state.now.timeIntervalSince(caseload.report.now) >= 5,
              let report = caseloadReport() else { return }
        caseload.report = report
        caseload.language = state.language
        caseload.selected = min(caseload.selected, max(0, caseload.rows.count - 1))
        stack[stack.count - 1] = .caseload(caseload)
    }

    /// True when the key was the view's own; other keys work as in the patient view (Esc back, : and ?).
    func editCaseload(_ caseload: inout CaseloadState, _ key: Key) -> Bool {
        if caseload.editingFilter {
            switch key {
            case .enter: caseload.editingFilter = false
            case .escape: caseload.editingFilter = false; caseload.filter = ""
            case .backspace: if !caseload.filter.isEmpty { caseload.filter.removeLast() }
            case .character(let c): caseload.filter.append(c)
            default: break
            }
            caseload.selected = min(caseload.selected, max(0, caseload.rows.count - 1))
            return true
        }
        switch key {
        case .down, .character("j"): caseload.selected = min(caseload.selected + 1, max(0, caseload.rows.count - 1))
        case .up, .character("k"): caseload.selected = max(0, caseload.selected - 1)
        case .character("/"): caseload.editingFilter = true
        case .character("t"): caseload.nextWindow()
        case .escape where !caseload.filter.isEmpty: caseload.filter = ""
        case .enter:
            guard caseload.rows.indices.contains(caseload.selected) else { return true }
            let number = caseload.rows[caseload.selected].municipality
            while stack.count > 1 { stack.removeLast() }
            state.setMunicipalityFilter(number)
        default: return false
        }
        return true
    }
}
