import Foundation
import Testing
import VardeService

struct AccessTokenTests {
    func tokenFile(_ text: String, mode: mode_t) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("token-\(UUID().uuidString)").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, mode)
        return path
    }

    @Test func aPrivateTokenFileIsRead() throws {
        let path = try tokenFile("secret-token\n", mode: 0o600)
        #expect(try AccessToken.load(environment: [:], file: path) == "secret-token")
    }

    @Test func aTokenFileOthersCanReadIsRefusedWithTheFix() throws {
        let path = try tokenFile("secret-token", mode: 0o644)
        do {
            _ = try AccessToken.load(environment: [:], file: path)
            Issue.record("a world-readable token file was accepted")
        } catch {
            #expect(error.description.contains("chmod 600"))
            #expect(!error.description.contains("secret-token"))
        }
    }

    @Test func theEnvironmentWinsAndAMissingFileMeansNoToken() throws {
        #expect(try AccessToken.load(environment: ["VARDE_TOKEN": "from-env"], file: "/nonexistent") == "from-env")
        #expect(try AccessToken.load(environment: [:], file: "/nonexistent/token") == nil)
    }

    @Test(arguments: [("3", 3.0), ("0", 0), (" 12 ", 10)])
    func retryAfterIsHonouredWithinTheCap(header: String, expected: Double) {
        #expect(RetryPolicy(maxDelay: 10).delay(after: 1, retryAfter: header) == expected)
    }
}
