import Foundation
import VardeDomain
import VardeStore

/// The patient view's tabs, in the order of their number keys 1–4.
public enum PatientTab: Int, CaseIterable, Sendable {
    case trends, plan, messages, history
}

/// What the patient view shows: the record read from the cache, the tab and the trend period.
public struct PatientState: Sendable {
    public var record: PatientRecord
    public var tab: PatientTab { didSet { if tab != oldValue { panelScroll = nil } } }
    /// How far the tab's panel is scrolled (lines of the plan or history, charts of the trends);
    /// nil where the nurse has not scrolled it (the plan and trends at their top, the history at its newest).
    public var panelScroll: Int?
    /// Days of trend shown: 7, 30 or 90.
    public var periodDays: Int
    public var now: Date
    public var language: Language
    /// How trend charts draw their dots (braille, or blocks where the terminal cannot show braille).
    public var glyphs: ChartGlyphs
    /// Rows the thread is scrolled back from the newest message.
    public var threadScroll = 0
    /// The message being written, while the editor is open.
    public var compose: ComposeEditor?
    /// What the editor could not do, said in its bottom line until the next key.
    public var composeRefusal: String?
    /// The patient's messages nobody here had opened when this view opened: still marked new.
    public var newMessages: Set<String> = []
    /// Whom to call, shown on the header's second line (read once the view has opened).
    public var contacts: PatientContacts?
    /// The quick-reply templates offered over the editor, while the picker is open.
    public var templates: [ReplyTemplate]?

    public init(record: PatientRecord, tab: PatientTab = .trends, periodDays: Int = 7, now: Date, language: Language,
                glyphs: ChartGlyphs = .braille) {
        self.glyphs = glyphs
        self.record = record
        self.tab = tab
        self.periodDays = periodDays
        self.now = now
        self.language = language
    }

    public static let periods = [7, 30, 90]

    /// The next (or, with a negative step, previous) tab, wrapping around.
    public mutating func switchTab(by step: Int) {
        let count = PatientTab.allCases.count
        tab = PatientTab(rawValue: ((tab.rawValue + step) % count + count) % count) ?? .trends
    }

    public mutating func nextPeriod() {
        let index = Self.periods.firstIndex(of: periodDays) ?? 0
        periodDays = Self.periods[(index + 1) % Self.periods.count]
    }

    /// Age in whole years at `now`, from the birth date.
    public var age: Int? {
        guard let born = FHIRDate(record.patient.birthDate) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Oslo") ?? .current
        return calendar.dateComponents([.year], from: born, to: now).year
    }
}

/// A calendar date from `YYYY-MM-DD`.
func FHIRDate(_ text: String) -> Date? {
    let parts = text.split(separator: "-").compactMap { Int($0) }
    guard parts.count == 3 else { return nil }
    var components = DateComponents()
    (components.year, components.month, components.day) = (parts[0], parts[1], parts[2])
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "Europe/Oslo") ?? .current
    return calendar.date(from: components)
}
