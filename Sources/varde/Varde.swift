import ArgumentParser
import Foundation

/// `varde`: the follow-up centre console and its tools.
@main
struct Varde: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "varde",
        abstract: "Varde: the console for nurses in a digital home follow-up centre.",
        subcommands: [Console.self, Demo.self, Sim.self, Sync.self, Render.self, Quarantine.self, Report.self, Audit.self, Cache.self],
        defaultSubcommand: Console.self)

    /// Runs the command; usage errors exit with 2 as the command contract says (not EX_USAGE).
    static func main() {
        umask(0o077) // the cache, its journal and anything else Varde writes are private to the user
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

/// Options every command that touches the local cache shares.
struct CommonOptions: ParsableArguments {
    @Option(help: "Folder for the local cache and configuration (default: $VARDE_HOME or ~/.local/share/varde).")
    var home: String?

    @Option(help: "The nurse's identity (default: $VARDE_OPERATOR or the login name).")
    var `operator`: String?

    @Option(help: "Language: nb (Norwegian bokmål) or en.")
    var lang: String = "nb"

    @Option(name: .customLong("ca-file"), help: "PEM file of a private CA to trust (TLS is always verified).")
    var caFile: String?

    /// The nurse's name as colleagues see it on claimed alerts.
    var nurse: String {
        let environment = ProcessInfo.processInfo.environment
        return `operator` ?? environment["VARDE_OPERATOR"].flatMap { $0.isEmpty ? nil : $0 }
            ?? environment["USER"].flatMap { $0.isEmpty ? nil : $0 } ?? "ukjent"
    }

    @Option(name: .customLong("token-file"), help: "File with the access token, mode 0600 (default: HOME/token; VARDE_TOKEN wins).")
    var tokenFile: String?
}

/// Ends the program with a one-line reason on stderr and exit code 1.
func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("varde: \(message)\n".utf8))
    Foundation.exit(1)
}

/// Prints a line to stdout and flushes at once (tests and scripts read it while we run).
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
