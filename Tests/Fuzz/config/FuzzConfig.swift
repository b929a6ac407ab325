import Foundation
import VardeConfig
import VardeDomain

// libFuzzer entry for the centre's `config.toml` (built by `make fuzz` against VardeConfig, TOMLKit and
// VardeDomain as SwiftPM builds them with fuzzer instrumentation). Any text either gives settings or
// throws `ConfigError`: nothing traps, and no other error escapes.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let text = String(bytes: UnsafeBufferPointer(start: data, count: size), encoding: .utf8) else { return 0 }
    do {
        _ = try ConfigFile.parse(text, file: "fuzz.toml")
    } catch is ConfigError {
    } catch {
        fatalError("an error other than ConfigError escaped: \(error)")
    }
    return 0
}
