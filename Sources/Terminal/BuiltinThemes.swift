import Foundation

/// Themes the console can always use, and where theme files are looked for.
public enum Themes {
    /// The default theme, identical to `Themes/default.theme` (a test keeps them equal).
    public static let defaultText = """
        # Varde default theme. Severity is always shown by glyph and word too, never by colour alone.
        # Each line: role = FOREGROUND [on BACKGROUND] [bold] [underline] [reverse] [dim]
        # Colours: default, black, red, green, yellow, blue, magenta, cyan, white, bright-… or 0-255.
        name = default
        normal = default
        header = bright-white on blue bold
        columnHeader = default bold underline
        statusBar = black on white
        red = bright-red bold
        yellow = yellow bold
        green = green
        dim = bright-black
        accent = cyan bold
        warning = black on yellow bold
        banner = bright-white on red bold

        """

    public static let `default`: Theme = {
        do { return try Theme.parse(defaultText, file: "default.theme") } catch { fatalError("\(error)") }
    }()

    /// Loads `NAME.theme` from the first theme folder that has it, or the built-in default.
    public static func load(_ name: String, folders: [String]) throws(ThemeError) -> Theme {
        for folder in folders {
            let path = (folder as NSString).appendingPathComponent("\(name).theme")
            if let text = try? String(contentsOfFile: path, encoding: .utf8) {
                return try Theme.parse(text, file: path)
            }
        }
        if name == "default" { return Themes.default }
        throw ThemeError(file: "\(name).theme", line: 0, message: "no such theme in \(folders.joined(separator: ", "))")
    }

    /// Every theme name the folders offer, and the built-in default, sorted (for Tab after `:tema`).
    public static func names(folders: [String]) -> [String] {
        var names: Set<String> = ["default"]
        for folder in folders {
            let files: [String]
            do { files = try FileManager.default.contentsOfDirectory(atPath: folder) } catch { continue } // an unreadable folder offers none
            for file in files where file.hasSuffix(".theme") { names.insert(String(file.dropLast(".theme".count))) }
        }
        return names.sorted()
    }

    /// `VARDE_THEMES`, then a `Themes` folder beside or above the executable (the repository's).
    public static func folders(executable: String = CommandLine.arguments.first ?? "") -> [String] {
        var result: [String] = []
        if let env = ProcessInfo.processInfo.environment["VARDE_THEMES"] { result.append(env) }
        var url = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<5 {
            let candidate = url.appendingPathComponent("Themes").path
            if FileManager.default.fileExists(atPath: candidate) { result.append(candidate) }
            url = url.deletingLastPathComponent()
        }
        return result
    }
}
