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

    /// Runs varde under a small Python parent that says the largest resident size its one child reached,
    /// in megabytes (this test process's own children include every other test's, running beside it).
    func runMeasured(_ arguments: [String]) throws -> (result: CommandResult, peakMegabytes: Int) {
        let figure = NSTemporaryDirectory() + "varde-peak-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: figure) }
        let script = "import resource,subprocess,sys\nr=subprocess.run(sys.argv[2:])\n"
            + "open(sys.argv[1],'w').write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))\nsys.exit(r.returncode)"
        let result = try runCommand("/usr/bin/env", ["python3", "-c", script, figure, varde] + arguments)
        let kilobytes = Int((try? String(contentsOfFile: figure, encoding: .utf8)) ?? "") ?? Int.max
        return (result, kilobytes / 1024)
    }

    @Test func aGzipBombIsAbandonedAtTheLimitWithOneLine() throws {
        let bomb = try Self.bombBytes()
        #expect(bomb.count < 4 << 20)
        let server = try HostileServer(answer: HostileServer.repeating(bomb, times: 1, contentEncoding: "gzip"))
        defer { server.stop() }
        let home = temporaryHome()
        let (result, peak) = try runMeasured(["sync", "--once", "--server", server.baseURL, "--home", home])
        #expect(result.status == 1)
        #expect(result.stderr.contains("larger than 64 MB once decompressed"), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(peak < 400, "peak \(peak) MB")
        let check = try runCommand(varde, ["cache", "check", "--home", home])
        #expect(check.status == 0, "\(check.stderr)")
    }

    @Test func anEndlessBodyIsAbandonedAtTheLimit() throws {
        let chunk = Data(repeating: UInt8(ascii: " "), count: 1 << 20)
        let server = try HostileServer(answer: HostileServer.repeating(chunk, times: 200))
        defer { server.stop() }
        let home = temporaryHome()
        let (result, peak) = try runMeasured(["sync", "--once", "--server", server.baseURL, "--home", home])
        #expect(result.status == 1)
        #expect(result.stderr.contains("larger than 64 MB"), "\(result.stderr)")
        #expect(peak < 400, "peak \(peak) MB")
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
