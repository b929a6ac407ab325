import ArgumentParser
import Foundation
import VardeService

/// `--now` for the commands that run on: the clock starts at that instant and then runs as the wall clock does.
struct ClockOptions: ParsableArguments {
    @Option(help: "Start the clock at this FHIR instant instead of the wall clock (runs against a frozen simulator).")
    var now: String?

    /// The wall clock, or one that began at `--now` when this command started.
    func clock() -> @Sendable () -> Date {
        guard let now else { return Date.init }
        guard let start = FHIRDateTime.parse(now) else { fail("--now must be a FHIR instant") }
        return runningClock(from: start)
    }
}

/// A clock that shows `start` now and runs on from there with the wall clock.
func runningClock(from start: Date) -> @Sendable () -> Date {
    let offset = start.timeIntervalSince(Date())
    return { Date().addingTimeInterval(offset) }
}
