import Foundation
import VardeStore
import VardeTerminal

/// Draws a named screen from the cache exactly as the console would: `varde render` and the
/// golden screens in `Screens/` both come from here.
public enum ScreenRenderer {
    public static let screens = ["queue"]

    public static func render(_ screen: String, cache: CacheDatabase, now: Date, width: Int, height: Int,
                              language: Language) throws -> ScreenBuffer {
        var state = QueueState(now: now, language: language)
        state.update(try cache.queue())
        state.sync = try cache.syncState()
        return QueueScreen.render(&state, width: width, height: height)
    }
}
