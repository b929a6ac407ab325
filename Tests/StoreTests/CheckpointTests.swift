import Foundation
import GRDB
import Testing
import VardeStore

/// The write-ahead log is copied back into the cache file beside the writer, not in its commits.
struct CheckpointTests {
    @Test func whatIsWrittenReachesTheCacheFileWhileTheWriterGoesOn() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("varde-checkpoint-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("cache.sqlite").path
        let cache = try CacheDatabase(path: path)
        func fileSize() throws -> Int { try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0 }
        let before = try fileSize()
        // About 2,500 pages of log in five commits: past the point where a checkpoint begins, far
        // below the point where the writer would checkpoint in its own commit.
        let text = String(repeating: "x", count: 2_000)
        for commit in 0..<5 {
            try cache.writer.write { db in
                for row in 0..<1_000 {
                    try db.execute(sql: "INSERT INTO municipality(number, name) VALUES (?, ?)", arguments: ["\(commit)-\(row)", text])
                }
            }
        }
        // The checkpoint runs on its own queue: wait for the file to take the rows (bounded, not timed).
        var waited = 0
        while try fileSize() < before + 2_000_000, waited < 200 {
            Thread.sleep(forTimeInterval: 0.05)
            waited += 1
        }
        #expect(try fileSize() >= before + 2_000_000, "the log was copied into the cache file")
        #expect(try cache.reader.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM municipality") } == 5_000)
    }
}
