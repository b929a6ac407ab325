import Foundation

/// Everything a centre configures about how it works, read from `config.toml` in the Varde home
/// (see Manual.md, "Configuration"). Every field has the default the design documents give.
public struct CentreSettings: Sendable, Equatable {
    public var serviceHours: ServiceHours
    public var responseTargets: ResponseTargets
    public var staffing: Staffing
    public var privacy: PrivacySettings
    /// Municipality numbers this workstation's operator may see; nil means all the server serves.
    public var municipalities: Set<String>?
    /// Command name → keys that replace the command's default keys.
    public var keyOverrides: [String: [String]]
    /// Quick replies offered in the message editor.
    public var replyTemplates: [ReplyTemplate]
    /// When the queue must say its data is not up to date.
    public var staleness: StalenessLimits
    /// How the console behaves for the operator (the bell on a new red alert).
    public var console: ConsoleSettings
    /// How to log in to national services (HelseID); nil where the service takes a plain bearer token.
    public var helseID: HelseIDSettings?

    public init(serviceHours: ServiceHours = ServiceHours(), responseTargets: ResponseTargets = ResponseTargets(),
                staffing: Staffing = Staffing(), privacy: PrivacySettings = PrivacySettings(),
                municipalities: Set<String>? = nil, keyOverrides: [String: [String]] = [:],
                replyTemplates: [ReplyTemplate] = ReplyTemplate.defaults, staleness: StalenessLimits = StalenessLimits(),
                console: ConsoleSettings = ConsoleSettings()) {
        self.console = console
        self.serviceHours = serviceHours
        self.responseTargets = responseTargets
        self.staffing = staffing
        self.privacy = privacy
        self.municipalities = municipalities
        self.keyOverrides = keyOverrides
        self.replyTemplates = replyTemplates
        self.staleness = staleness
    }
}

/// The centre's nurses in full-time equivalents, against the caseload guideline (default 80 patients
/// per full-time nurse, the experience figure from Norwegian follow-up centres).
public struct Staffing: Sendable, Equatable {
    /// Nurse identity (as in `--operator`) → full-time equivalents (1.0 = full time).
    public var fte: [String: Double]
    public var patientsPerFTE: Int

    public init(fte: [String: Double] = [:], patientsPerFTE: Int = 80) {
        self.fte = fte
        self.patientsPerFTE = patientsPerFTE
    }

    public var totalFTE: Double { fte.values.reduce(0, +) }
}

/// How the console protects an unattended screen.
public struct PrivacySettings: Sendable, Equatable {
    /// Idle time before the lock screen covers patient data (default 5 minutes).
    public var idleLock: TimeInterval
    /// A PIN the operator must type to unlock; nil means any key unlocks.
    public var pin: String?

    public init(idleLock: TimeInterval = 5 * 60, pin: String? = nil) {
        self.idleLock = idleLock
        self.pin = pin
    }
}

/// A quick reply the nurse can start a message from; `{fornavn}` and `{navn}` are filled in with the
/// patient's given name and full name.
public struct ReplyTemplate: Sendable, Equatable {
    public var name: String
    public var text: String

    public init(name: String, text: String) {
        self.name = name
        self.text = text
    }

    /// The template's text for one patient.
    public func filled(givenName: String, fullName: String) -> String {
        text.replacingOccurrences(of: "{fornavn}", with: givenName)
            .replacingOccurrences(of: "{navn}", with: fullName)
    }

    /// Offered when the configuration names none.
    public static let defaults: [ReplyTemplate] = [
        ReplyTemplate(name: "Mål på nytt", text: "Hei {fornavn}! Vi ser målingen din. Kan du måle på nytt om 15 minutter? Hilsen oppfølgingssenteret"),
        ReplyTemplate(name: "Følg planen", text: "Hei {fornavn}! Følg trinnet for gul sone i planen din. Vi ringer deg i dag. Hilsen oppfølgingssenteret"),
        ReplyTemplate(name: "Takk", text: "Takk for beskjeden, {fornavn}. Vi har lest den. Hilsen oppfølgingssenteret"),
    ]
}

/// The console's own behaviour (`[console]` in config.toml).
public struct ConsoleSettings: Sendable, Equatable {
    /// Sound the terminal's bell when a red alert arrives that the operator has not seen (default on).
    public var bell: Bool

    public init(bell: Bool = true) {
        self.bell = bell
    }
}
