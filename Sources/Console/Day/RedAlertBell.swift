import Foundation
import VardeDomain

/// Decides when the terminal's bell sounds: once for each red alert the operator has not seen when it
/// first appears among the unseen (`RedAlertWatch.unseen`), never again for the same alert, and never
/// when the centre has turned the bell off (`[console] bell = false`). Pure: the console asks, then rings.
public struct RedAlertBell: Sendable, Equatable {
    public var enabled: Bool
    private var rung: Set<Int64> = []

    public init(enabled: Bool = true) { self.enabled = enabled }

    /// Takes in the unseen red alerts now; true when one of them is new, so the bell should sound (once,
    /// however many arrived together).
    public mutating func shouldRing(unseen: [QueueEntry]) -> Bool {
        var fresh = false
        for entry in unseen where rung.insert(entry.alertID).inserted { fresh = true }
        // Forget alerts no longer unseen, so the set stays as small as the banner.
        let current = Set(unseen.map(\.alertID))
        rung.formIntersection(current)
        return fresh && enabled
    }
}
