import ArgumentParser
import Foundation
import VardeConsole

/// `varde`: the follow-up centre console and its tools.
@main
struct Varde: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "varde",
        abstract: "Varde: the console for nurses in a digital home follow-up centre.",
        subcommands: [Console.self, Demo.self, Sim.self, Sync.self, Render.self, Quarantine.self, Report.self, Audit.self, Cache.self, Login.self, KeyCommand.self],
        defaultSubcommand: Console.self)

    /// Runs the command. A usage error exits with 2 and one line naming the option and the rule (not
    /// EX_USAGE, not the usage text); a runtime failure exits with 1 and one plain line.
    static func main() {
        umask(0o077) // the cache, its journal and anything else Varde writes are private to the user
        refuseUnknownCommand(Array(CommandLine.arguments.dropFirst()))
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as ExitCode {
            exit(withError: error)
        } catch {
            switch exitCode(for: error) {
            case .success: exit(withError: error) // --help, --version
            case .validationFailure: refuseUsage(firstLine(message(for: error)))
            default: fail(plainReason(error))
            }
        }
    }

    /// The commands by name, as the first argument may give them (`help` is the parser's own).
    static var commandNames: [String] { configuration.subcommands.map { $0._commandName } }

    /// `varde nosuchcommand` is a usage error that lists the commands, not a console without `--server`.
    static func refuseUnknownCommand(_ arguments: [String]) {
        guard let first = arguments.first, !first.hasPrefix("-"), !(commandNames + ["help"]).contains(first) else { return }
        refuseUsage("unknown command '\(first)'; the commands are: \(commandNames.joined(separator: ", "))")
    }

    private static func firstLine(_ text: String) -> String {
        let line = text.split(separator: "\n").first.map(String.init) ?? text
        return line.hasPrefix("Error: ") ? String(line.dropFirst("Error: ".count)) : line
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

    /// The operator's language (validated: nb or en).
    var language: Language { Language(rawValue: lang) ?? .nb }

    func validate() throws {
        try OptionRules.language(lang)
        if let `operator` { try OptionRules.operatorID(`operator`, "--operator") }
        for (option, value) in [("--home", home), ("--ca-file", caFile), ("--token-file", tokenFile)] where value?.isEmpty == true {
            throw ValidationError("\(option) must name a file or folder, not be empty")
        }
    }
}
