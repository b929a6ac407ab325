import Foundation
import VardeDomain

/// Where an exported handover goes: `vakt/` in Varde's own folder (beside the cache), readable by the
/// operator only like everything else there, named by the report's time (`vakt-2026-11-22-1300.md`);
/// an export in the same minute gets `-2`, `-3` rather than replacing the first.
enum HandoverFile {
    static func write(_ text: String, format: String, cachePath: String?, until: Date, timeZone: TimeZone) throws -> String {
        guard let cachePath else { throw Problem("the cache is in memory: there is no Varde folder to write to") }
        let folder = ((cachePath as NSString).deletingLastPathComponent as NSString).appendingPathComponent("vakt")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: until)
        let stem = String(format: "vakt-%04d-%02d-%02d-%02d%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0)
        let suffix = format == "md" ? "md" : "txt"
        var path = (folder as NSString).appendingPathComponent("\(stem).\(suffix)")
        var number = 2
        while FileManager.default.fileExists(atPath: path) {
            path = (folder as NSString).appendingPathComponent("\(stem)-\(number).\(suffix)")
            number += 1
        }
        try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .withoutOverwriting)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        return path
    }

    struct Problem: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}
