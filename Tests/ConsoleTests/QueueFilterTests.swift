import Foundation
import Testing
import VardeConsole
import VardeDomain
import VardeTerminal

/// What narrows the queue (`/`, `:kommune`, `:sone`, `:mine`) and how the status line says so.
struct QueueFilterTests {
    let now = Date(timeIntervalSince1970: 1_795_348_800)

    func entry(_ id: Int64, _ zone: Zone, _ name: String, _ municipality: String, _ number: String) -> QueueEntry {
        let m = HomeMeasurement(id: "m\(id)", patientID: "p\(id)", kind: .heartRate, code: "c", value: 120, unit: "/min",
                                effective: now, lastUpdated: now)
        return QueueEntry(alertID: id, zone: zone, patientID: "p\(id)", patientName: name,
                          municipality: Municipality(number: number, name: municipality), trigger: m, raisedAt: now)
    }

    var state: QueueState {
        QueueState(entries: [entry(1, .red, "Berg, Ola", "Bodø", "1804"), entry(2, .yellow, "Bodøgaard, Kari", "Tromsø", "5501"),
                             entry(3, .yellow, "Lie, Åse", "Bodø", "1804"), entry(4, .red, "Moe, Per", "Ørland", "5057")], now: now)
    }

    @Test(arguments: [("Bodø", [Int64(1), 3]), ("bodo", [1, 3]), ("BODØ", [1, 3]), ("1804", [1, 3]), ("orland", [4]), ("Bo", [])])
    func aMunicipalityIsMatchedWholeByNameOrNumberNotByPatientNames(name: String, expected: [Int64]) {
        var state = state
        state.setMunicipalityFilter(name)
        #expect(state.entries.map(\.alertID) == expected)
    }

    @Test func filtersCombineAndTheStatusLineSaysWhichInTheOperatorsWords() {
        var state = state
        state.setMunicipalityFilter("Bodø")
        state.setZoneFilter(.red)
        #expect(state.entries.map(\.alertID) == [1])
        var buffer = QueueScreen.render(&state, width: 100, height: 24)
        #expect(buffer.line(23).contains(":kommune Bodø · :sone rød (1/4)"), "\(buffer.line(23))")
        state.language = .en
        buffer = QueueScreen.render(&state, width: 100, height: 24)
        #expect(buffer.line(23).contains(":municipality Bodø · :zone red (1/4)"), "\(buffer.line(23))")
    }

    @Test func escapeClearsFilterMunicipalityAndZoneButNotMine() {
        var state = state
        state.me = "Kari"
        state.setFilter("berg")
        state.setMunicipalityFilter("Bodø")
        state.setZoneFilter(.red)
        state.setOnlyMine(true)
        state.clearFilters()
        #expect(state.filter.isEmpty && state.municipalityFilter == nil && state.zoneFilter == nil)
        #expect(state.onlyMine)
    }

    @Test func theSelectedAlertStaysSelectedWhenTheFilterChanges() {
        var state = state
        state.moveTo(2) // Lie, Åse in Bodø
        state.setMunicipalityFilter("Bodø")
        #expect(state.entries[state.selected].alertID == 3)
    }

    @Test func theTextFilterFollowsRowsThatComeGoMoveAndChangeBetweenUpdates() {
        var state = state
        let rows = state.entries
        state.setFilter("bodø")
        #expect(state.entries.map(\.alertID) == [1, 2, 3])
        state.update(rows)
        #expect(state.entries.map(\.alertID) == [1, 2, 3])
        let newcomer = entry(5, .red, "Nilsen, Bodil", "Bodø", "1804")
        state.update([newcomer] + rows)
        #expect(state.entries.map(\.alertID) == [5, 1, 2, 3])
        state.update([newcomer, rows[0], rows[2], rows[3]])
        #expect(state.entries.map(\.alertID) == [5, 1, 3])
        state.update([newcomer, rows[0], entry(3, .yellow, "Lie, Åse", "Tromsø", "5501"), rows[3]])
        #expect(state.entries.map(\.alertID) == [5, 1])
        state.update(rows.reversed())
        #expect(state.entries.map(\.alertID) == [3, 2, 1])
        state.setFilter("!bodø")
        #expect(state.entries.map(\.alertID) == [4])
        state.language = .en
        state.update(rows)
        #expect(state.entries.map(\.alertID) == [4])
    }

    @Test func theSelectedAlertStaysSelectedWhenRowsComeInFrontOfIt() {
        var state = state
        state.setFilter("bodø")
        state.moveTo(2) // Lie, Åse in Bodø
        state.update([entry(5, .red, "Nilsen, Bodil", "Bodø", "1804")] + state.entries)
        #expect(state.entries[state.selected].alertID == 3)
    }

    @Test(arguments: [("kommune Bodø", Palette.Action.municipality("Bodø")), ("municipality 1804", .municipality("1804")),
                      ("kommune", .municipality("")), ("mine", .mine(true)), ("all", .mine(false)), ("avslutt", .quit)])
    func paletteWordsComeFromTheRegistryInBothLanguages(line: String, action: Palette.Action) {
        #expect(Palette.parse(line) == .success(action))
    }

    @Test func everyPaletteWordIsInTheRegistryOnce() {
        let words = CommandRegistry.all.flatMap(\.verbs)
        #expect(Set(words).count == words.count)
        for word in words { #expect(CommandRegistry.command(verb: word) != nil) }
    }
}
