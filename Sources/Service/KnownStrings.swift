import Foundation

/// Strings that nearly every Observation repeats (code systems, LOINC's names for vital signs, a key):
/// the byte reader gives these as one shared string instead of allocating a copy for each measurement,
/// which, with freeing them again, was a large part of decoding an initial sync. Plain literals, so that
/// the page readers build on their own (`make fuzz`); a test keeps them in step with what Varde writes.
enum KnownStrings {
    static let all: [String] = [
        "http://loinc.org", "http://snomed.info/sct", "http://unitsofmeasure.org",
        "http://terminology.hl7.org/CodeSystem/observation-category", "effectiveDateTime", "effectiveInstant",
        "urn:oid:2.16.578.1.12.4.1.4.1", "https://varde.example.no/fhir/sid/measurement",
        "Heart rate", "Oxygen saturation in Arterial blood by Pulse oximetry",
        "Blood pressure panel with all children optional", "Systolic blood pressure", "Diastolic blood pressure",
        "Respiratory rate", "Body temperature", "Body weight", "Glucose [Moles/volume] in Blood",
        "Clinical Frailty Scale score", "NEWS2 total score",
    ]

    private static let longest = 64
    /// The known strings by length in bytes (index), with their bytes for comparing.
    private static let byLength: [[(bytes: [UInt8], string: String)]] = {
        var table = Array(repeating: [(bytes: [UInt8], string: String)](), count: longest + 1)
        for string in all where string.utf8.count <= longest { table[string.utf8.count].append((Array(string.utf8), string)) }
        return table
    }()

    /// The shared string with exactly these bytes, if it is a known one.
    static func match(_ utf8: UnsafeRawBufferPointer) -> String? {
        guard utf8.count <= longest else { return nil }
        for candidate in byLength[utf8.count]
        where candidate.bytes.withUnsafeBytes({ memcmp($0.baseAddress!, utf8.baseAddress!, utf8.count) == 0 }) {
            return candidate.string
        }
        return nil
    }
}
