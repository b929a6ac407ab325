import Foundation
import VardeDomain

/// The stored form of a self-care plan, written by hand: at a centre's initial sync `JSONEncoder`
/// took longer per plan than everything else about storing it. The shape is what the synthesized
/// `Codable` conformances read (dates as seconds since 2001, nil fields left out), so `JSONDecoder`
/// reads these and plans written by older versions alike; a test holds the two to the same plans.
enum StoredPlanJSON {
    struct NotFinite: Error {}

    static func encode(_ plan: SelfCarePlan) throws -> [UInt8] {
        var w = Writer()
        w.bytes.reserveCapacity(1024)
        w.open("{")
        w.key("id"); w.string(plan.id)
        w.key("patientID"); w.string(plan.patientID)
        w.key("goals"); w.array(plan.goals) { w, goal in w.string(goal) }
        w.key("schedule")
        w.array(plan.schedule) { w, s in
            w.open("{")
            w.key("kind"); w.string(s.kind.rawValue)
            w.key("timesPerDay"); w.integer(s.timesPerDay)
            w.key("dueByHour"); w.integer(s.dueByHour)
            w.close("}")
        }
        w.key("limits")
        try w.array(plan.limits) { w, l in
            w.open("{")
            w.key("kind"); w.string(l.kind.rawValue)
            w.key("part"); w.string(l.part.rawValue)
            for (name, value) in [("greenLow", l.greenLow), ("greenHigh", l.greenHigh),
                                  ("yellowLow", l.yellowLow), ("yellowHigh", l.yellowHigh)] {
                if let value { w.key(name); try w.number(value) }
            }
            w.close("}")
        }
        w.key("actions")
        w.array(plan.actions) { w, a in
            w.open("{")
            w.key("zone"); w.integer(a.zone.rawValue)
            w.key("forPatient"); w.array(a.forPatient) { w, text in w.string(text) }
            w.key("forCentre"); w.array(a.forCentre) { w, text in w.string(text) }
            w.close("}")
        }
        if let approval = plan.approval {
            w.key("approval")
            w.open("{")
            w.key("approvedBy"); w.string(approval.approvedBy)
            w.key("approvedOn"); try w.number(approval.approvedOn.timeIntervalSinceReferenceDate)
            w.close("}")
        }
        if let invalid = plan.invalidLimits, !invalid.isEmpty {
            w.key("invalidLimits"); w.array(invalid) { w, text in w.string(text) }
        }
        if let calendar = plan.calendar {
            func interval(_ w: inout Writer, _ period: DateInterval) throws {
                w.open("{")
                w.key("start"); try w.number(period.start.timeIntervalSinceReferenceDate)
                w.key("duration"); try w.number(period.duration)
                w.close("}")
            }
            w.key("calendar")
            w.open("{")
            if let trial = calendar.trialPeriod { w.key("trialPeriod"); try interval(&w, trial) }
            w.key("pauses")
            try w.array(calendar.pauses) { w, pause in
                w.open("{")
                w.key("period"); try interval(&w, pause.period)
                if let reason = pause.reason { w.key("reason"); w.string(reason) }
                w.close("}")
            }
            if let ended = calendar.ended { w.key("ended"); try w.number(ended.timeIntervalSinceReferenceDate) }
            w.close("}")
        }
        w.key("revised"); try w.number(plan.revised.timeIntervalSinceReferenceDate)
        w.key("lastUpdated"); try w.number(plan.lastUpdated.timeIntervalSinceReferenceDate)
        w.close("}")
        return w.bytes
    }

    /// JSON text appended byte by byte, commas placed by nesting level.
    struct Writer {
        var bytes: [UInt8] = []
        private var needsComma = false

        mutating func open(_ bracket: Unicode.Scalar) {
            comma()
            bytes.append(UInt8(ascii: bracket))
            needsComma = false
        }

        mutating func close(_ bracket: Unicode.Scalar) {
            bytes.append(UInt8(ascii: bracket))
            needsComma = true
        }

        private mutating func comma() {
            if needsComma { bytes.append(UInt8(ascii: ",")) }
        }

        mutating func key(_ name: String) {
            string(name)
            bytes.append(UInt8(ascii: ":"))
            needsComma = false
        }

        mutating func array<T>(_ items: [T], _ element: (inout Writer, T) throws -> Void) rethrows {
            open("[")
            for item in items { try element(&self, item) }
            close("]")
        }

        mutating func integer(_ value: Int) {
            comma()
            bytes.append(contentsOf: String(value).utf8)
            needsComma = true
        }

        /// The shortest text that reads back as the same Double (Swift's own description).
        mutating func number(_ value: Double) throws {
            guard value.isFinite else { throw NotFinite() }
            comma()
            bytes.append(contentsOf: "\(value)".utf8)
            needsComma = true
        }

        mutating func string(_ text: String) {
            comma()
            bytes.append(UInt8(ascii: "\""))
            defer { bytes.append(UInt8(ascii: "\"")); needsComma = true }
            let plain = text.utf8.allSatisfy { $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }
            if plain { bytes.append(contentsOf: text.utf8); return }
            for byte in text.utf8 {
                switch byte {
                case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
                case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
                case 0..<0x20:
                    let hex = Array("0123456789abcdef".utf8)
                    bytes.append(contentsOf: Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
                default: bytes.append(byte)
                }
            }
        }
    }
}
