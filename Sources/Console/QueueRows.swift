import VardeDomain

/// The rows the queue shows: every open alert, or those a filter kept, named by their place among
/// all of them so that filtering fifty thousand alerts copies none.
public struct QueueRows: RandomAccessCollection, Sendable {
    /// Every open alert, in queue order.
    let all: [QueueEntry]
    /// The places in `all` shown, in order; nil when every alert is.
    let kept: [Int]?

    init(_ all: [QueueEntry], kept: [Int]? = nil) {
        self.all = all
        self.kept = kept
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { kept?.count ?? all.count }

    public subscript(position: Int) -> QueueEntry { all[place(position)] }

    /// Where the row at `position` lies in `all`.
    func place(_ position: Int) -> Int {
        if let kept { kept[position] } else { position }
    }

    /// The alert id of the row at `position`, read in place.
    func alertID(at position: Int) -> Int64 { all[place(position)].alertID }
}
