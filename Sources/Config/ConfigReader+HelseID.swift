import Foundation
import TOMLKit
import VardeDomain

extension ConfigReader {
    static let helseIDKeys: Set<String> = [
        "issuer", "client_id", "key_file", "scopes", "resources", "redirect_port", "legal_entity", "point_of_care",
        "department", "healthcare_service", "purpose_of_use", "purpose_of_use_details", "authorization",
    ]

    /// `[helseid]`: issuer, client id and key file are required; organisation numbers are nine digits.
    func helseID(from table: TOMLTable) throws -> HelseIDSettings? {
        guard let section = try optionalTable(table, "helseid", in: nil) else { return nil }
        try allow(section, keys: Self.helseIDKeys, in: "helseid")
        func required(_ key: String) throws -> String {
            guard let value = try string(section, key, in: "helseid"), !value.isEmpty else {
                throw problem("helseid", "[helseid] needs \(key)")
            }
            return value
        }
        let issuer = try required("issuer")
        guard let url = URL(string: issuer), url.scheme == "https" || url.host == "127.0.0.1" || url.host == "localhost" else {
            throw problem("helseid.issuer", "must be an https URL, such as https://helseid-sts.test.nhn.no")
        }
        var settings = HelseIDSettings(issuer: issuer.hasSuffix("/") ? String(issuer.dropLast()) : issuer,
                                       clientID: try required("client_id"), keyFile: try required("key_file"))
        settings.scopes = try strings(section, "scopes", in: "helseid") ?? []
        settings.resources = try strings(section, "resources", in: "helseid") ?? []
        if let port = section["redirect_port"] {
            guard let value = port.int, (1...65_535).contains(value) else {
                throw problem("helseid.redirect_port", "must be a port number from 1 to 65535")
            }
            settings.redirectPort = value
        }
        for key in ["legal_entity", "point_of_care"] {
            guard let number = try string(section, key, in: "helseid") else { continue }
            guard number.count == 9, number.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                throw problem("helseid.\(key)", "'\(number)' is not a nine-digit organisation number")
            }
            if key == "legal_entity" { settings.legalEntity = number } else { settings.pointOfCare = number }
        }
        settings.department = try string(section, "department", in: "helseid")
        settings.healthcareService = try string(section, "healthcare_service", in: "helseid")
        settings.purposeOfUse = try string(section, "purpose_of_use", in: "helseid") ?? "TREAT"
        settings.purposeOfUseDetails = try string(section, "purpose_of_use_details", in: "helseid")
        settings.authorization = try string(section, "authorization", in: "helseid") ?? "SP"
        return settings
    }
}
