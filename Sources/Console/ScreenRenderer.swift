import Foundation
import VardeStore
import VardeTerminal

/// Draws a named screen from the cache exactly as the console would: `varde render` and the
/// golden screens in `Screens/` both come from here.
public enum ScreenRenderer {
    public static let screens = ["queue", "patient", "trends", "plan", "messages", "history", "help"]

    static let tabs: [String: PatientTab] = ["plan": .plan, "messages": .messages, "history": .history]

    /// Why a screen cannot be drawn.
    public struct Problem: Error, CustomStringConvertible {
        public let description: String
    }

    /// `patientID` picks the patient for patient screens; without it, the first patient in the queue.
    public static func render(_ screen: String, cache: CacheDatabase, now: Date, width: Int, height: Int,
                              language: Language, patientID: String? = nil) throws -> ScreenBuffer {
        var state = QueueState(now: now, language: language)
        state.update(try cache.queue())
        state.sync = try cache.syncState()
        switch screen {
        case "patient", "trends", "plan", "messages", "history":
            guard let id = patientID ?? state.entries.first?.patientID,
                  let record = try cache.patientRecord(id, since: now.addingTimeInterval(-90 * 86_400))
            else { throw Problem(description: "no such patient in the local cache") }
            let patient = PatientState(record: record, tab: tabs[screen] ?? .trends, now: now, language: language)
            return PatientScreen.render(patient, width: width, height: height)
        case "help":
            var buffer = QueueScreen.render(&state, width: width, height: height)
            if width >= QueueScreen.minimumSize.width, height >= QueueScreen.minimumSize.height {
                HelpOverlay.draw(over: &buffer, context: .queue, language: language)
            }
            return buffer
        default:
            return QueueScreen.render(&state, width: width, height: height)
        }
    }
}
