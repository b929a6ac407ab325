import Foundation
import VardeDomain
import VardeStore
import VardeTerminal

/// Drawing the model: the lock covers everything; otherwise the topmost screen with the overlays
/// above it, and the banners (a failing read, a new red alert) under the title line.
extension ConsoleModel {
    /// A line drawn across every screen under its title.
    enum Banner {
        case failure(String)
        case newRed
    }

    var banners: [Banner] {
        var banners: [Banner] = health.notice(context.language).map { [.failure($0)] } ?? []
        if !redWatch.unseen.isEmpty { banners.append(.newRed) }
        return banners
    }

    /// Lines the banners push the screen down by (none at the smallest size: they cover row 1 on).
    var bannerLines: Int {
        guard context.fits else { return 0 }
        return min(banners.count, context.height - QueueScreen.minimumSize.height)
    }

    /// The frame as the terminal shows it now.
    public func render() -> ScreenBuffer {
        let (width, height) = (context.width, context.height)
        if idleLock.isLocked { return lockScreen(width: width, height: height) }
        let banners = self.banners
        guard context.fits, !banners.isEmpty else { return screen(height: height) }
        // Where there is room the screen is drawn shorter, so nothing it shows is covered. Where there is
        // none, the banners cover the lines under the title: never the input lines at the bottom
        // (the status line, a confirmation, the editor's counter, the palette).
        let inserted = bannerLines
        var buffer = screen(height: height - inserted)
        for line in 0..<inserted { buffer = buffer.insertingLine(at: 1 + line, height: height - inserted + line + 1) }
        for (index, banner) in banners.enumerated() where 1 + index < height - 2 {
            switch banner {
            case .failure(let text): DataPathHealth.draw(text, over: &buffer, y: 1 + index)
            case .newRed: redWatch.draw(&buffer, y: 1 + index, language: context.language)
            }
        }
        return buffer
    }

    /// The stack drawn at `height` rows: the topmost screen, then each overlay above it.
    func screen(height: Int) -> ScreenBuffer {
        var model = self
        model.context.height = height
        model.queue.now = context.now
        model.queue.language = context.language
        let base = stack.lastIndex { !$0.isOverlay } ?? 0
        var buffer = stack[base].render(model, below: nil)
        if !(stack[base] is QueueLayer || stack[base] is FilterLayer), context.fits {
            StatusBar.drawPrompt(&buffer, state: model.queue, after: -1, y: height - 1)
        }
        for layer in stack[(base + 1)...] where context.fits {
            buffer = layer.render(model, below: buffer)
        }
        return buffer
    }

    /// The unattended screen: only how many alerts wait (all of them, whatever the filter), and the clock.
    func lockScreen(width: Int, height: Int) -> ScreenBuffer {
        let all = queue.window.all
        let counts = QueueCounts(red: all.red, yellow: all.yellow)
        let overdue = all.overdue
        var state = queue
        state.now = context.now
        var buffer = LockScreen.render(counts: counts, overdue: overdue, now: context.now, lock: idleLock,
                                       language: context.language, width: width, height: height, stale: state.staleness)
        // The counts behind the lock are only as good as the reads: a failure is said here too.
        if let notice = health.notice(context.language), height > 3 {
            DataPathHealth.draw(notice, over: &buffer, y: state.staleness == .current ? 1 : 2)
        }
        return buffer
    }
}
