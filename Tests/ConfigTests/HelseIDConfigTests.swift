import Testing
import VardeConfig
import VardeDomain

/// `[helseid]` in config.toml: what a centre's IT writes, read whole or refused with where and why.
struct HelseIDConfigTests {
    let complete = """
    [helseid]
    issuer = "https://helseid-sts.test.nhn.no"
    client_id = "c-1"
    key_file = "/var/lib/varde/helseid_jwk.json"
    scopes = ["nhn:pmd/read"]
    resources = ["nhn:pmd"]
    redirect_port = 8090
    legal_entity = "999999999"
    point_of_care = "888888888"
    healthcare_service = "S03"
    """

    @Test func aCompleteSectionIsRead() throws {
        let helseID = try #require(try ConfigFile.parse(complete).helseID)
        #expect(helseID.issuer == "https://helseid-sts.test.nhn.no")
        #expect(helseID.clientID == "c-1" && helseID.redirectPort == 8090)
        #expect(helseID.resources == ["nhn:pmd"] && helseID.scopes == ["nhn:pmd/read"])
        #expect(helseID.purposeOfUse == "TREAT" && helseID.authorization == "SP")
        #expect(try ConfigFile.parse("").helseID == nil)
    }

    @Test(arguments: [
        ("client_id = \"c-1\"\n", "needs client_id"),
        ("legal_entity = \"999999999\"", "legal_entity = \"12345\""),
        ("redirect_port = 8090", "redirect_port = 0"),
        ("issuer = \"https://helseid-sts.test.nhn.no\"", "issuer = \"http://helseid.example\""),
        ("healthcare_service = \"S03\"", "client_secret = \"s\""),
    ])
    func aWrongSectionIsRefusedWithWhy(change: String, replacement: String) {
        let text = complete.replacingOccurrences(of: change, with: replacement.hasPrefix("needs") ? "" : replacement)
        #expect(throws: ConfigError.self) { try ConfigFile.parse(text) }
    }
}
