import Foundation
import VardeDomain

/// Builds the synthetic patients of a simulated centre: names, synthetic fødselsnummer,
/// municipality, diagnoses; deterministic for a seed.
enum Population {
    static func generate(_ config: SimConfig, firstTime: Double) -> [PatientModel] {
        let municipalities = Array(MunicipalityCatalogue.all.prefix(max(1, min(config.municipalities,
                                                                              MunicipalityCatalogue.all.count))))
        var rng = SeededRandom(seed: config.seed)
        let patientsUpdated = firstTime - 86_400
        return (0..<config.patients).map { index in
            let female = Bool.random(using: &rng)
            let given = SyntheticNames.given.randomElement(using: &rng)!
            let family = SyntheticNames.family.randomElement(using: &rng)!
            let year = Int.random(in: 1932...1980, using: &rng)
            let month = Int.random(in: 1...12, using: &rng)
            let day = Int.random(in: 1...28, using: &rng)
            let nationalID = NationalIdentityNumber.synthetic(day: day, month: month, year: year, female: female,
                                                              seed: Int.random(in: 0..<500, using: &rng))
            // Every municipality gets patients; the rest spread unevenly, as real centres are.
            let municipality = index < municipalities.count
                ? municipalities[index]
                : municipalities[min(municipalities.count - 1,
                                     Int(Double(municipalities.count) * pow(Double.random(in: 0..<1, using: &rng), 1.6)))]
            let patient = Patient(
                id: "pas-\(String(format: "%05d", index + 1))", nationalID: nationalID, givenName: given,
                familyName: family, birthDate: String(format: "%04d-%02d-%02d", year, month, day),
                gender: female ? "female" : "male", municipalityNumber: municipality.number,
                diagnoses: diagnoses(&rng),
                lastUpdated: Date(timeIntervalSince1970: patientsUpdated + Double(index) / 1000))
            return PatientModel(patient: patient, municipality: municipality,
                                rng: SeededRandom(seed: config.seed &* 1_000_003 &+ UInt64(index)),
                                firstTime: firstTime)
        }
    }

    /// Diagnosis groups as a centre sees them: mostly COPD and heart failure, often more than one.
    private static func diagnoses(_ rng: inout SeededRandom) -> [Diagnosis] {
        func draw() -> Diagnosis {
            let roll = Double.random(in: 0..<1, using: &rng)
            switch roll {
            case ..<0.35: return .copd
            case ..<0.65: return .heartFailure
            case ..<0.82: return .diabetes
            case ..<0.92: return .cancer
            default: return .mentalHealth
            }
        }
        var result = [draw()]
        if Double.random(in: 0..<1, using: &rng) < 0.25 {
            let second = draw()
            if !result.contains(second) { result.append(second) }
        }
        return result
    }
}
