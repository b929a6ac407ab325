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

    @Test(arguments: ["s3cr3t\r\nX-Injected: yes", "s3cr3t\nen", "s3cr3t\u{1B}[2J", "s3cr3t\u{85}en", "s3cr3t\u{7F}"])
    func aTokenWithAControlCharacterIsRefusedNamingItsSourceNotItself(_ token: String) throws {
        do {
            _ = try AccessToken.load(environment: ["VARDE_TOKEN": token], file: nil)
            Issue.record("a token with a control character was accepted")
        } catch {
            #expect(error.description.contains("VARDE_TOKEN"))
            #expect(!error.description.contains("s3cr3t"))
        }
        let path = try tokenFile(token + "\n", mode: 0o600)
        do {
            _ = try AccessToken.load(environment: [:], file: path)
            Issue.record("a token file with a control character inside the token was accepted")
        } catch {
            #expect(error.description.contains(path))
            #expect(!error.description.contains("s3cr3t"))
        }
    }

    @Test func theHTTPClientNeverSendsAHeaderWithALineBreak() {
        let client = CurlHTTPClient(settings: HTTPSettings(bearerToken: "s3cr3t\r\nX-Injected: yes"))
        do {
            _ = try client.send(HTTPRequest(url: "http://127.0.0.1:9/Patient"))
            Issue.record("a header with a line break was sent")
        } catch {
            #expect(error.message == "refused to send the Authorization header: it contains a line break")
        }
    }

    @Test(arguments: [("3", 3.0), ("0", 0), (" 12 ", 10)])
    func retryAfterIsHonouredWithinTheCap(header: String, expected: Double) {
        #expect(RetryPolicy(maxDelay: 10).delay(after: 1, retryAfter: header) == expected)
    }
}
