/// The systems and extension URLs of Varde's FHIR mapping (documented in Manual.md).
public enum FHIRProfile {
    public static let ucum = "http://unitsofmeasure.org"
    public static let observationCategory = "http://terminology.hl7.org/CodeSystem/observation-category"
    /// HL7 Norway's municipality-code extension on Address.
    public static let municipalityExtension = "http://hl7.no/fhir/StructureDefinition/no-basis-municipalitycode"
    /// The kommunenummer code system (Statistics Norway's classification 131).
    public static let municipalitySystem = "urn:oid:2.16.578.1.12.4.1.1.3402"
    /// Varde's extension on Patient naming the diagnosis groups the patient is followed up for.
    public static let followUpDiagnosisExtension = "https://varde.example.no/fhir/StructureDefinition/followup-diagnosis"
    public static let icd10 = "http://hl7.org/fhir/sid/icd-10"
    /// HL7 v2 table 0131, contact role (`N` next of kin, `C` emergency contact).
    public static let contactRoleSystem = "http://terminology.hl7.org/CodeSystem/v2-0131"
    /// The Norwegian health personnel register number (HPR-nummer).
    public static let hprSystem = "urn:oid:2.16.578.1.12.4.1.4.4"
}
