import ArgumentParser
import Foundation
import VardeAuth

/// `varde key`: the HelseID client's key pair.
struct KeyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "key", abstract: "Manage the key Varde signs HelseID requests with.",
                                                    subcommands: [Generate.self])

    /// `varde key generate`: a new key pair as JWK files, the private one readable by its owner only.
    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write a new private and public JWK (register the public one in HelseID's self-service).")

        @Option(help: "Folder for the local cache and configuration (default: $VARDE_HOME or ~/.local/share/varde).")
        var home: String?
        @Option(help: "Path prefix of the files: PREFIX_jwk.json (private, 0600) and PREFIX_jwk_pub.json (default: HOME/helseid).")
        var out: String?
        @Option(help: "Algorithm: ES256 (default) or PS256.") var alg: String = "ES256"

        func validate() throws {
            guard JWSAlgorithm(rawValue: alg.uppercased()) != nil else {
                throw ValidationError("--alg must be ES256 or PS256, not '\(alg)'")
            }
            if out?.isEmpty == true { throw ValidationError("--out must name a path prefix, not be empty") }
        }

        func run() throws {
            let home = Home(home)
            let prefix = out ?? (home.path as NSString).appendingPathComponent("helseid")
            let folder = (prefix as NSString).deletingLastPathComponent
            do {
                if !folder.isEmpty { try Home.makeFolder(folder) }
            } catch {
                fail("cannot make the folder \(folder): \(plainReason(error))")
            }
            let key: SigningKey
            do {
                key = try SigningKey.generate(JWSAlgorithm(rawValue: alg.uppercased()) ?? .es256)
            } catch {
                fail("cannot generate a key: \(error)")
            }
            do {
                let paths = try KeyFile.write(key, prefix: prefix)
                say("varde key: wrote the private key \(paths.privateKey) (mode 0600; keep it on this machine, never copy it elsewhere)")
                say("varde key: wrote the public key \(paths.publicKey); register it in HelseID's self-service (kid \(key.kid), alg \(key.algorithm.rawValue))")
                say("varde key: then set key_file = \"\(paths.privateKey)\" in [helseid] in \(home.configPath)")
            } catch {
                fail(error.description)
            }
        }
    }
}
