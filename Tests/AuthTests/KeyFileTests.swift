import Foundation
import Testing
@testable import VardeAuth

/// `varde key generate`'s files: a private JWK readable by its owner only, a public one to register,
/// and a kid that is the RFC 7638 thumbprint.
@Suite struct KeyFileTests {
    let folder: String = {
        let path = NSTemporaryDirectory() + "varde-keys-\(UUID().uuidString)"
        mkdir(path, 0o700)
        return path
    }()

    @Test(arguments: JWSAlgorithm.allCases)
    func aKeyPairIsWrittenPrivatelyAndReadsBackTheSame(algorithm: JWSAlgorithm) throws {
        let key = try SigningKey.generate(algorithm)
        let paths = try KeyFile.write(key, prefix: folder + "/client")
        var info = stat()
        stat(paths.privateKey, &info)
        #expect(info.st_mode & 0o777 == 0o600)
        let loaded = try KeyFile.load(paths.privateKey)
        #expect(loaded.kid == key.kid)
        #expect(loaded.algorithm == algorithm)
        #expect(key.kid == key.publicJWK.thumbprint)
        let publicText = try String(contentsOfFile: paths.publicKey, encoding: .utf8)
        #expect(!publicText.contains("\"d\""))
        #expect(publicText.contains("\"alg\" : \"\(algorithm.rawValue)\""))
        // What the loaded key signs, the public key from the file verifies.
        let members = try JSONSerialization.jsonObject(with: Data(publicText.utf8)) as! [String: Any]
        let input = Data("signed".utf8)
        #expect(try PublicJWK(members: members).verifies(try loaded.sign(input), over: input, alg: algorithm.rawValue))
    }

    @Test func aPrivateKeyOthersCanReadIsRefusedWithTheFix() throws {
        let paths = try KeyFile.write(try SigningKey.generate(.es256), prefix: folder + "/open")
        chmod(paths.privateKey, 0o644)
        #expect(throws: KeyFile.Problem.self) { try KeyFile.load(paths.privateKey) }
        do {
            _ = try KeyFile.load(paths.privateKey)
        } catch {
            #expect(error.description.contains("chmod 600"))
        }
    }

    @Test func theKeyIsNeverOverwritten() throws {
        try KeyFile.write(try SigningKey.generate(.es256), prefix: folder + "/once")
        #expect(throws: KeyFile.Problem.self) { try KeyFile.write(try SigningKey.generate(.es256), prefix: folder + "/once") }
    }

    @Test func thePublicKeyFileIsNotAPrivateKey() throws {
        let paths = try KeyFile.write(try SigningKey.generate(.es256), prefix: folder + "/pub")
        chmod(paths.publicKey, 0o600)
        do {
            _ = try KeyFile.load(paths.publicKey)
            Issue.record("a public key loaded as the private one")
        } catch {
            #expect(error.description.contains("public key file"))
        }
    }

    /// RFC 7638 §3.1's example key and its thumbprint.
    @Test func theThumbprintIsRFC7638s() {
        let jwk = PublicJWK(kty: "RSA", n: "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw",
                            e: "AQAB", alg: "RS256", kid: "2011-04-29")
        #expect(jwk.thumbprint == "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs")
    }
}
