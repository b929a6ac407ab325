import ArgumentParser
import Foundation
import VardeService

/// `--now` for the commands that run on: the clock starts at that instant and then runs as the wall clock does.
struct ClockOptions: ParsableArguments {
    @Option(help: "Start the clock at this FHIR instant instead of the wall clock (runs against a frozen simulator).")
    var now: String?

    func validate() throws {
        if let now, FHIRDateTime.parse(now) == nil { throw ValidationError("--now must be a FHIR instant, such as 2026-11-22T12:00:00Z") }
    }

    /// The wall clock, or one that began at `--now` when this command started.
    func clock() -> @Sendable () -> Date {
        guard let start = now.flatMap(FHIRDateTime.parse) else { return Date.init }
        return runningClock(from: start)
    }
}

/// A clock that shows `start` now and runs on from there with the wall clock.
func runningClock(from start: Date) -> @Sendable () -> Date {
    let offset = start.timeIntervalSince(Date())
    return { Date().addingTimeInterval(offset) }
}
