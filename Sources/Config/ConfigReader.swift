import Foundation
import TOMLKit
import VardeDomain

/// Walks the parsed TOML table section by section, checking every key and value.
struct ConfigReader {
    let file: String
    let text: String

    func settings(from table: TOMLTable) throws -> CentreSettings {
        var settings = CentreSettings()
        settings.helseID = try helseID(from: table)
        try allow(table, keys: ["service_hours", "response_targets", "staffing", "privacy", "access", "keys", "templates", "staleness", "console", "helseid"], in: nil)
        if let section = try optionalTable(table, "service_hours", in: nil) {
            try allow(section, keys: ["days", "opens", "closes", "time_zone"], in: "service_hours")
            if let days = try strings(section, "days", in: "service_hours") {
                settings.serviceHours.weekdays = Set(try days.map { try weekday($0, in: "service_hours.days") })
            }
            if let opens = try string(section, "opens", in: "service_hours") {
                settings.serviceHours.opens = try minutes(opens, key: "service_hours.opens")
            }
            if let closes = try string(section, "closes", in: "service_hours") {
                settings.serviceHours.closes = try minutes(closes, key: "service_hours.closes")
            }
            if let zone = try string(section, "time_zone", in: "service_hours") {
                guard let timeZone = TimeZone(identifier: zone) else { throw problem("service_hours.time_zone", "unknown time zone '\(zone)'") }
                settings.serviceHours.timeZone = timeZone
            }
            guard settings.serviceHours.opens < settings.serviceHours.closes else {
                throw problem("service_hours.closes", "the centre must close after it opens")
            }
        }
        if let section = try optionalTable(table, "response_targets", in: nil) {
            try allow(section, keys: ["red", "yellow"], in: "response_targets")
            if let red = try string(section, "red", in: "response_targets") {
                settings.responseTargets.red = try duration(red, key: "response_targets.red")
            }
            if let yellow = try string(section, "yellow", in: "response_targets") {
                settings.responseTargets.yellow = try duration(yellow, key: "response_targets.yellow")
            }
        }
        if let section = try optionalTable(table, "staffing", in: nil) {
            try allow(section, keys: ["patients_per_fte", "fte"], in: "staffing")
            if let guideline = section["patients_per_fte"] {
                guard let value = guideline.int, value > 0 else { throw problem("staffing.patients_per_fte", "must be a whole number above 0") }
                settings.staffing.patientsPerFTE = value
            }
            if let fte = try optionalTable(section, "fte", in: "staffing") {
                for (nurse, value) in fte {
                    guard let amount = value.double ?? value.int.map(Double.init), amount > 0, amount <= 1.5 else {
                        throw problem("staffing.fte.\(nurse)", "must be a number of full-time equivalents, e.g. 1.0 or 0.6")
                    }
                    settings.staffing.fte[nurse] = amount
                }
            }
        }
        if let section = try optionalTable(table, "privacy", in: nil) {
            try allow(section, keys: ["idle_lock", "pin"], in: "privacy")
            if let idle = try string(section, "idle_lock", in: "privacy") {
                settings.privacy.idleLock = try duration(idle, key: "privacy.idle_lock")
            }
            if let pin = try string(section, "pin", in: "privacy") {
                guard (4...12).contains(pin.count), pin.allSatisfy(\.isASCII), pin.allSatisfy(\.isNumber) else {
                    throw problem("privacy.pin", "must be 4 to 12 digits")
                }
                settings.privacy.pin = pin
            }
        }
        if let section = try optionalTable(table, "access", in: nil) {
            try allow(section, keys: ["municipalities"], in: "access")
            if let numbers = try strings(section, "municipalities", in: "access") {
                for number in numbers where !(number.count == 4 && number.allSatisfy(\.isNumber)) {
                    throw problem("access.municipalities", "'\(number)' is not a four-digit municipality number")
                }
                settings.municipalities = Set(numbers)
            }
        }
        if let section = try optionalTable(table, "console", in: nil) {
            try allow(section, keys: ["bell"], in: "console")
            if let value = section["bell"] {
                guard let bell = value.bool else { throw problem("console.bell", "must be true or false (without quotes)") }
                settings.console.bell = bell
            }
        }
        if let section = try optionalTable(table, "staleness", in: nil) {
            try allow(section, keys: ["sync_minutes", "measurements_minutes"], in: "staleness")
            if let minutes = try minutes(section, "sync_minutes", in: "staleness") { settings.staleness.sync = minutes * 60 }
            if let minutes = try minutes(section, "measurements_minutes", in: "staleness") {
                settings.staleness.measurements = minutes * 60
            }
        }
        if let section = try optionalTable(table, "keys", in: nil) {
            for (command, value) in section {
                if let single = value.string { settings.keyOverrides[command] = [single] }
                else if let list = value.array, list.allSatisfy({ $0.string != nil }) {
                    settings.keyOverrides[command] = list.compactMap(\.string)
                } else {
                    throw problem("keys.\(command)", "must be a key name or a list of key names, e.g. [\"c\", \"F2\"]")
                }
            }
        }
        if let value = table["templates"] {
            guard let list = value.array else { throw problem("templates", "must be written as [[templates]] sections") }
            settings.replyTemplates = try list.map { item in
                guard let entry = item.table, let name = entry["name"]?.string, let text = entry["text"]?.string,
                      !name.isEmpty, !text.isEmpty else {
                    throw problem("templates", "every [[templates]] needs a name and a text")
                }
                try allow(entry, keys: ["name", "text"], in: "templates")
                return ReplyTemplate(name: name, text: text)
            }
        }
        return settings
    }

    // MARK: values

    func allow(_ table: TOMLTable, keys: Set<String>, in section: String?) throws {
        for key in table.keys where !keys.contains(key) {
            let place = section.map { "in [\($0)]" } ?? "at the top level"
            throw problem(section.map { "\($0).\(key)" } ?? key,
                          "unknown setting '\(key)' \(place); known: \(keys.sorted().joined(separator: ", "))")
        }
    }

    func optionalTable(_ table: TOMLTable, _ key: String, in section: String?) throws -> TOMLTable? {
        guard let value = table[key] else { return nil }
        guard let inner = value.table else { throw problem(path(key, section), "must be a section [\(path(key, section))]") }
        return inner
    }

    func string(_ table: TOMLTable, _ key: String, in section: String) throws -> String? {
        guard let value = table[key] else { return nil }
        guard let text = value.string else { throw problem(path(key, section), "must be text in quotes") }
        return text
    }

    func strings(_ table: TOMLTable, _ key: String, in section: String) throws -> [String]? {
        guard let value = table[key] else { return nil }
        guard let list = value.array, list.allSatisfy({ $0.string != nil }) else {
            throw problem(path(key, section), "must be a list of texts, e.g. [\"a\", \"b\"]")
        }
        return list.compactMap(\.string)
    }

    /// A number of minutes above 0, whole or not (`2`, `0.05`).
    private func minutes(_ table: TOMLTable, _ key: String, in section: String) throws -> Double? {
        guard let value = table[key] else { return nil }
        guard let minutes = value.double ?? value.int.map(Double.init), minutes > 0, minutes.isFinite else {
            throw problem(path(key, section), "must be a number of minutes above 0, e.g. 2 or 0.5")
        }
        return minutes
    }

    private func path(_ key: String, _ section: String?) -> String { section.map { "\($0).\(key)" } ?? key }

    /// "mon"…"sun" or Norwegian "man"…"søn" → Calendar weekday (1 Sunday … 7 Saturday).
    private func weekday(_ name: String, in key: String) throws -> Int {
        let days: [String: Int] = ["sun": 1, "mon": 2, "tue": 3, "wed": 4, "thu": 5, "fri": 6, "sat": 7,
                                   "søn": 1, "man": 2, "tir": 3, "ons": 4, "tor": 5, "fre": 6, "lør": 7]
        guard let day = days[String(name.lowercased().prefix(3))] else { throw problem(key, "unknown day '\(name)'") }
        return day
    }

    /// "08:00" → minutes after midnight.
    private func minutes(_ clock: String, key: String) throws -> Int {
        let parts = clock.split(separator: ":")
        guard parts.count == 2, let hour = Int(parts[0]), let minute = Int(parts[1]),
              (0...24).contains(hour), (0..<60).contains(minute), hour * 60 + minute <= 24 * 60 else {
            throw problem(key, "'\(clock)' is not a time of day like \"08:00\"")
        }
        return hour * 60 + minute
    }

    /// "30m", "4h", "90s", "1h30m" → seconds.
    func duration(_ text: String, key: String) throws -> TimeInterval {
        var total: TimeInterval = 0
        var number = ""
        var sawUnit = false
        for character in text.replacingOccurrences(of: " ", with: "") {
            if character.isNumber { number.append(character); continue }
            let unit: TimeInterval? = switch character {
            case "s": 1
            case "m": 60
            case "h", "t": 3600
            case "d": 86_400
            default: nil
            }
            guard let unit, let value = Double(number) else { throw problem(key, "'\(text)' is not a duration like \"30m\" or \"4h\"") }
            total += value * unit
            number = ""
            sawUnit = true
        }
        guard sawUnit, number.isEmpty, total > 0 else { throw problem(key, "'\(text)' is not a duration like \"30m\" or \"4h\"") }
        return total
    }

    /// An error pointing at the line where `key` (its last part) is written, if it can be found.
    func problem(_ key: String, _ message: String) -> ConfigError {
        ConfigError(file: file, line: line(of: key), message: message)
    }

    private func line(of key: String) -> Int? {
        let parts = key.split(separator: ".").map(String.init)
        let section = parts.count > 1 ? parts.dropLast().joined(separator: ".") : nil
        let name = parts.last ?? key
        var current: String?
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("[") {
                current = line.trimmingCharacters(in: CharacterSet(charactersIn: "[] "))
                if section == nil, current == name { return index + 1 }
                continue
            }
            let lineKey = line.split(separator: "=", maxSplits: 1).first?
                .trimmingCharacters(in: CharacterSet(charactersIn: " \"'")) ?? ""
            if lineKey == name, current == section || (section == nil && current == nil) { return index + 1 }
        }
        return nil
    }
}
