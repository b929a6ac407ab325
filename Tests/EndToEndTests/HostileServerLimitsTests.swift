import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// A hostile or broken server cannot make `varde sync` eat the machine: a gzip bomb and an endless body
/// are abandoned at the answer limit (64 MB once decompressed), with one line and exit 1, and the cache
/// stays sound.
@Suite(.serialized)
struct HostileServerLimitsTests {
    let varde = vardeExecutable()

    func temporaryHome() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("varde-hostile-\(UUID().uuidString)").path
    }

    /// The largest resident size any finished child of this process reached, in megabytes.
    static func peakChildMegabytes() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)
        return usage.ru_maxrss / 1024
    }

    @Test func aGzipBombIsAbandonedAtTheLimitWithOneLine() throws {
        let bomb = try Self.bombBytes()
        #expect(bomb.count < 4 << 20)
        let server = try HostileServer(answer: HostileServer.repeating(bomb, times: 1, contentEncoding: "gzip"))
        defer { server.stop() }
        let home = temporaryHome()
        let result = try runCommand(varde, ["sync", "--once", "--server", server.baseURL, "--home", home])
        #expect(result.status == 1)
        #expect(result.stderr.contains("larger than 64 MB once decompressed"), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(Self.peakChildMegabytes() < 400, "peak \(Self.peakChildMegabytes()) MB")
        let check = try runCommand(varde, ["cache", "check", "--home", home])
        #expect(check.status == 0, "\(check.stderr)")
    }

    @Test func anEndlessBodyIsAbandonedAtTheLimit() throws {
        let chunk = Data(repeating: UInt8(ascii: " "), count: 1 << 20)
        let server = try HostileServer(answer: HostileServer.repeating(chunk, times: 200))
        defer { server.stop() }
        let home = temporaryHome()
        let result = try runCommand(varde, ["sync", "--once", "--server", server.baseURL, "--home", home])
        #expect(result.status == 1)
        #expect(result.stderr.contains("larger than 64 MB"), "\(result.stderr)")
        #expect(Self.peakChildMegabytes() < 400, "peak \(Self.peakChildMegabytes()) MB")
    }

    /// The bomb's bytes: gzip's own output, read as bytes (not through a String).
    static func bombBytes() throws -> Data {
        let path = NSTemporaryDirectory() + "varde-bomb-\(UUID().uuidString).gz"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let script = "import zlib\nc=zlib.compressobj(9,zlib.DEFLATED,31)\nb=b' '*(1<<20)\nf=open('\(path)','wb')\nfor _ in range(1024): f.write(c.compress(b))\nf.write(c.flush())\nf.close()"
        let result = try runCommand("/usr/bin/env", ["python3", "-c", script])
        #expect(result.status == 0, "\(result.stderr)")
        return try Data(contentsOf: URL(fileURLWithPath: path))
    }
}
