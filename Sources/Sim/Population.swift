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
            var given = SyntheticNames.given.randomElement(using: &rng)!
            var family = SyntheticNames.family.randomElement(using: &rng)!
            if index % 37 == 36 {
                (given, family) = SyntheticNames.awkward[(index / 37) % SyntheticNames.awkward.count]
            }
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
            var model = PatientModel(patient: patient, municipality: municipality,
                                     rng: SeededRandom(seed: config.seed &* 1_000_003 &+ UInt64(index)),
                                     firstTime: firstTime)
            model.plan = plan(for: patient, index: index, updated: patientsUpdated, rng: &rng)
            // Habits and the service path from a generator of their own: the centre is otherwise the same.
            var everyday = SeededRandom(seed: (config.seed &* 7_919 &+ UInt64(index)) ^ 0xE7E2_DA7)
            if config.everyday {
                model.habits = PatientHabits.draw(&everyday)
                if model.plan != nil { model.plan?.calendar = FollowUpCalendars.draw(&everyday, start: config.start.timeIntervalSince1970) }
            }
            return model
        }
    }

    /// Nine in ten patients have a plan; most plans are GP-approved, some still wait for approval.
    private static func plan(for patient: Patient, index: Int, updated: Double, rng: inout SeededRandom) -> SelfCarePlan? {
        let roll = Double.random(in: 0..<1, using: &rng)
        let shift = Double.random(in: -1...1, using: &rng).rounded()
        let gp = "\(SyntheticNames.given.randomElement(using: &rng)!) \(SyntheticNames.family.randomElement(using: &rng)!)"
        guard roll < 0.9 else { return nil }
        let revised = Date(timeIntervalSince1970: updated - Double(Int.random(in: 10...120, using: &rng)) * 86_400)
        let approval = roll < 0.75 ? PlanApproval(approvedBy: "Fastlege \(gp)", approvedOn: revised.addingTimeInterval(3 * 86_400)) : nil
        var plan = PlanTemplates.draft(patientID: patient.id, diagnoses: patient.diagnoses, shift: shift,
                                       approval: approval, revised: revised)
        plan.lastUpdated = Date(timeIntervalSince1970: updated + 1 + Double(index) / 1000)
        return plan
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
