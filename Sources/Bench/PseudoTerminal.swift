import Foundation

// glibc declares these only under _XOPEN_SOURCE / _GNU_SOURCE, which Swift's Glibc module does not set.
@_silgen_name("posix_openpt") private func posixOpenpt(_ flags: Int32) -> Int32
@_silgen_name("grantpt") private func grantPt(_ fd: Int32) -> Int32
@_silgen_name("unlockpt") private func unlockPt(_ fd: Int32) -> Int32
@_silgen_name("ptsname") private func ptsName(_ fd: Int32) -> UnsafeMutablePointer<CChar>?
/// glibc's POSIX_SPAWN_SETSID (spawn.h, since 2.26).
private let spawnSetSID: Int32 = 0x80

/// A pseudo-terminal pair: the bench plays the terminal on the master side and counts what a
/// program on the slave side writes, as a terminal emulator would receive it.
final class PseudoTerminal {
    let master: Int32
    let slavePath: String

    init(width: Int, height: Int) throws {
        master = posixOpenpt(O_RDWR | O_NOCTTY)
        guard master >= 0, grantPt(master) == 0, unlockPt(master) == 0, let name = ptsName(master) else {
            throw BenchError("no pseudo-terminal")
        }
        slavePath = String(cString: name)
        var size = winsize(ws_row: UInt16(height), ws_col: UInt16(width), ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
    }

    deinit { close(master) }

    /// Starts `executable` in a new session with the slave side as its controlling terminal and
    /// standard streams (opening it after setsid makes it the controlling terminal on Linux).
    func spawn(_ executable: String, _ arguments: [String], environment: [String: String]) throws -> Child {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, slavePath, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t(), all = sigset_t()
        sigemptyset(&empty)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(spawnSetSID | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let env = ProcessInfo.processInfo.environment.merging(environment) { $1 }.map { "\($0.key)=\($0.value)" }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = env.map { strdup($0) } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard rc == 0 else { throw BenchError("cannot start \(executable): \(rc)") }
        return Child(pid: pid)
    }

    /// Reads everything written for `seconds` and returns how many bytes came.
    func drain(seconds: Double) -> Int {
        let deadline = Date().addingTimeInterval(seconds)
        var total = 0
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while Date() < deadline {
            var poller = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            let remaining = Int32(max(1, deadline.timeIntervalSinceNow * 1000))
            guard poll(&poller, 1, remaining) > 0 else { continue }
            let count = read(master, &buffer, buffer.count)
            if count <= 0 { break }
            total += count
        }
        return total
    }

    struct Child {
        let pid: pid_t
        func terminate() {
            kill(pid, SIGTERM)
            usleep(300_000)
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
    }
}
