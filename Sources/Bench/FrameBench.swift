import Foundation
import VardeConsole
import VardeDomain
import VardeStore
import VardeTerminal

/// Console frames: the queue with 50,000 open alerts, read and drawn, and the trends tab over
/// 90 days of six series (target below 5 ms each: a 60 Hz frame is 16 ms), and the bytes the real
/// console writes to its terminal per second while idle with live updates arriving.
enum FrameBench {
    static let target = 5.0

    static func rows(varde: String?, queueFrames: Bool = true) throws -> [Row] {
        // The queue's frames are read from a cache of 50,000 open alerts (`SnapshotBench`).
        var rows = (queueFrames ? try SnapshotBench.rows(observations: 50_000, framesOnly: true) : []) + [trendsFrame()]
        if let varde { rows.append(try idleBytes(varde: varde)) }
        return rows
    }

    /// Median milliseconds of `body` over `runs`, after two warm-up runs.
    static func median(runs: Int = 31, _ body: () -> Void) -> Double {
        body()
        body()
        var times: [Double] = []
        for _ in 0..<runs {
            let started = DispatchTime.now().uptimeNanoseconds
            body()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - started) / 1_000_000)
        }
        return times.sorted()[times.count / 2]
    }

    static let now = Date(timeIntervalSince1970: 1_795_348_800)

    /// The trends tab for a patient with six kinds measured twice a day for 90 days.
    static func trendsFrame() -> Row {
        let kinds: [MeasurementKind] = [.oxygenSaturation, .bloodPressure, .heartRate, .bodyTemperature, .bodyWeight, .respiratoryRate]
        var measurements: [HomeMeasurement] = []
        for day in 0..<90 {
            for half in 0..<2 {
                let at = now.addingTimeInterval(-Double(day) * 86_400 - Double(half) * 43_200)
                for (index, kind) in kinds.enumerated() {
                    let value = [94, 150, 80, 37.2, 82, 18][index] + Double((day * 7 + half) % 9) - 4
                    measurements.append(HomeMeasurement(id: "m\(day)-\(half)-\(index)", patientID: "p1", kind: kind, code: "c",
                                                        value: value, secondValue: kind == .bloodPressure ? 88 : nil,
                                                        unit: kind.canonicalUnit, effective: at, lastUpdated: at))
                }
            }
        }
        measurements.sort { $0.effective < $1.effective }
        let patient = Patient(id: "p1", nationalID: "01815512345", givenName: "Åse", familyName: "Ødegård",
                              birthDate: "1948-03-02", gender: "female", municipalityNumber: "1804",
                              diagnoses: [.copd, .heartFailure], lastUpdated: now)
        let record = PatientRecord(patient: patient, municipality: Municipality(number: "1804", name: "Bodø"), plan: nil,
                                   measurements: measurements, openAlert: nil)
        let state = PatientState(record: record, tab: .trends, periodDays: 90, now: now, language: .nb)
        var buffer = ScreenBuffer(width: 1, height: 1)
        let ms = median { buffer = PatientScreen.render(state, width: 200, height: 60) }
        precondition(buffer.plainText.contains("90 dager"))
        return Row(name: "console.trends_frame_90d_6", value: ms, unit: "ms", floor: target, floorUnit: "ms target")
    }

    /// Runs `varde demo` on a pseudo-terminal of 120×40, lets it settle, then counts what it writes
    /// for ten seconds while the simulated centre keeps sending measurements.
    static func idleBytes(varde: String) throws -> Row {
        let terminal = try PseudoTerminal(width: 120, height: 40)
        let child = try terminal.spawn(varde, ["demo"], environment: ["TERM": "xterm-256color", "LANG": "C.UTF-8"])
        defer { child.terminate() }
        let first = terminal.drain(seconds: 6)
        guard first > 2000 else { throw BenchError("varde demo drew only \(first) bytes in 6 s: did it start?") }
        let bytes = terminal.drain(seconds: 10)
        return Row(name: "console.idle_bytes_per_s", value: Double(bytes) / 10, unit: "B/s", floor: nil, floorUnit: nil)
    }
}
