/// A long panel seen through the rows it has: which of its lines show at a scroll offset, and what
/// its edges say when there is more ("↑ 3 linjer over", "↓ 6 linjer til"). Pure arithmetic.
public struct ScrolledPanel: Sendable, Equatable {
    public let total: Int
    public let room: Int
    /// The first line shown, clamped so that the last screenful is full.
    public let offset: Int

    /// `offset` nil means the top; a panel that fits ignores any offset.
    public init(total: Int, room: Int, offset: Int?) {
        self.total = max(0, total)
        self.room = max(1, room)
        self.offset = min(max(0, offset ?? 0), Self.lastOffset(total: self.total, room: self.room))
    }

    /// The offset that shows the panel's last line: with a line saying what is above, the rest below it.
    public static func lastOffset(total: Int, room: Int) -> Int {
        total <= room ? 0 : total - room + 1
    }

    /// Lines hidden above the first shown (said on the panel's first row).
    public var above: Int { offset }

    /// The lines shown, between the edge rows that say there is more.
    public var shown: Range<Int> {
        guard total > room else { return 0..<total }
        let top = offset > 0 ? 1 : 0
        let fits = offset + room - top >= total
        let count = room - top - (fits ? 0 : 1)
        return offset..<min(total, offset + max(0, count))
    }

    /// Lines hidden below the last shown (said on the panel's last row).
    public var below: Int { total - shown.upperBound }

    /// The row (counted from the panel's top) of each shown line.
    public var firstRow: Int { above > 0 ? 1 : 0 }
}
