import Foundation
import VardeStore
import VardeTerminal

/// `:karantene`: what the sync could not use and set aside, newest first, with the reason: data the
/// nurse does not see in the queue, so she knows it exists and can tell the service's supplier.
public enum QuarantineScreen {
    public static func render(_ items: [QuarantinedResource], total: Int, scroll: Int, width: Int, height: Int,
                              language: Language, now: Date) -> ScreenBuffer {
        var buffer = ScreenBuffer(width: width, height: height)
        let f = Formatting(language)
        let nb = language == .nb
        buffer.fill(row: 0, style: Style(.header))
        buffer.put(" \(f.strings.appName) · \(nb ? "Karantene" : "Quarantine")", x: 0, y: 0, style: Style(.header))
        let clock = "\(f.dayAndTime(now)) "
        buffer.put(clock, x: width - DisplayWidth.of(clock), y: 0, style: Style(.header))
        let summary = nb
            ? " \(total) ressurs\(total == 1 ? "" : "er") kunne ikke brukes og er lagt til side; resten av dataene er som vanlig."
            : " \(total) resource\(total == 1 ? "" : "s") could not be used and \(total == 1 ? "was" : "were") set aside; everything else is as usual."
        buffer.put(DisplayWidth.fit(summary, width), x: 0, y: 1, style: Style(total == 0 ? .dim : .warning))
        let headers = nb ? ("Mottatt", "Ressurs", "Grunn") : ("Received", "Resource", "Reason")
        buffer.put(" \(DisplayWidth.fit(headers.0, 12)) \(DisplayWidth.fit(headers.1, 28)) \(headers.2)", x: 0, y: 2,
                   style: Style(.columnHeader))
        let panel = ScrolledPanel(total: items.count, room: height - 4, offset: scroll)
        if panel.above > 0 { buffer.put(DisplayWidth.fit(" " + f.moreLines(panel.above, below: false), width), x: 0, y: 3, style: Style(.dim)) }
        for (row, index) in panel.shown.enumerated() {
            let item = items[index]
            let what = "\(item.resourceType ?? "?")/\(item.resourceID ?? "?")"
            let line = " \(DisplayWidth.fit(f.dayAndTime(item.receivedAt), 12)) \(DisplayWidth.fit(what, 28)) \(item.reason)"
            buffer.put(DisplayWidth.fit(line, width), x: 0, y: 3 + panel.firstRow + row)
        }
        if panel.below > 0 {
            buffer.put(DisplayWidth.fit(" " + f.moreLines(panel.below, below: true), width), x: 0, y: height - 2, style: Style(.dim))
        }
        buffer.fill(row: height - 1, style: Style(.statusBar))
        let hints = nb ? " ↑↓ bla · Esc tilbake · også: varde quarantine " : " ↑↓ scroll · Esc back · also: varde quarantine "
        buffer.put(hints, x: 0, y: height - 1, style: Style(.statusBar))
        return buffer
    }
}
