import Foundation
import VardeTerminal

// The output boundary of the `varde` executable. Every line it writes to stdout or stderr goes
// through here and is made inert first (`Sanitiser.inert`): text from the network or the cache can
// never clear the screen, set the title, write the clipboard, ring the bell or reorder a line.

/// Ends the program with a one-line reason on stderr and exit code 1 (a runtime failure).
func fail(_ message: String) -> Never {
    warn(message)
    Foundation.exit(1)
}

/// Ends the program with a one-line usage mistake on stderr and exit code 2.
func refuseUsage(_ message: String) -> Never {
    warn(message)
    Foundation.exit(2)
}

/// Writes one line to stderr, prefixed `varde: `, made inert and kept to one line.
func warn(_ message: String) {
    FileHandle.standardError.write(Data(("varde: " + Sanitiser.inert(message) + "\n").utf8))
}

/// Prints a line to stdout, made inert, and flushes at once (tests and scripts read it while we run).
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((Sanitiser.inert(line) + "\n").utf8))
}

/// Prints a block of lines (a report, a plain screen) to stdout, each line made inert.
func emit(_ text: String) {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { Sanitiser.inert(String($0)) }
    FileHandle.standardOutput.write(Data(lines.joined(separator: "\n").utf8))
}

/// Prints a screen drawn with ANSI colours as it is: its escape codes are Varde's own, and every
/// cell's text was made inert when it was put into the screen buffer (`ScreenBuffer.put`).
func emitStyled(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
}
