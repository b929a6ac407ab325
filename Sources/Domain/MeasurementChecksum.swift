/// A checksum over measurements' ids and values (FNV-1a), to prove a cache holds exactly a server's data.
public enum MeasurementChecksum {
    public static func of(_ measurements: [HomeMeasurement]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for m in measurements.sorted(by: { $0.id < $1.id }) {
            let line = "\(m.id)|\(m.patientID)|\(m.kind.rawValue)|\(m.value)|\(m.secondValue.map { "\($0)" } ?? "-")"
                + "|\(m.effective.timeIntervalSince1970)|\(m.status.rawValue)\n"
            hash = FNV1a.hash(line, into: hash)
        }
        return String(hash, radix: 16)
    }
}
