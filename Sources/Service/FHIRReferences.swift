/// Reading FHIR references the way other servers write them.
public enum FHIRReferences {
    /// The patient id of a reference: `Patient/7`, `Patient/7/_history/2`, or an absolute URL on the same
    /// server (`<serverBase>/Patient/7`); nil for anything else.
    public static func patientID(_ reference: String, serverBase: String?) -> String? {
        // The common case, `Patient/<id>`, without building the base's prefix or splitting.
        if reference.utf8.starts(with: "Patient/".utf8) {
            let id = reference.utf8.dropFirst(8)
            if !id.isEmpty, !id.contains(UInt8(ascii: "/")) { return String(Substring(id)) }
        }
        var path = Substring(reference)
        if let base = serverBase, !base.isEmpty, reference.hasPrefix(base + "/") {
            path = reference.dropFirst(base.count + 1)
        }
        guard path.hasPrefix("Patient/") else { return nil }
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2 || (parts.count == 4 && parts[2] == "_history"), !parts[1].isEmpty else { return nil }
        return String(parts[1])
    }
}
