/// What a piece of the screen means; a theme decides how that looks.
public enum Role: String, CaseIterable, Sendable, Hashable {
    case normal, header, columnHeader, statusBar, red, yellow, green, dim, accent, warning, banner
}

/// A role plus emphasis, as the screens ask for it.
public struct Style: Hashable, Sendable {
    public var role: Role
    public var bold: Bool
    public var reverse: Bool
    public var underline: Bool

    public init(_ role: Role = .normal, bold: Bool = false, reverse: Bool = false, underline: Bool = false) {
        self.role = role
        self.bold = bold
        self.reverse = reverse
        self.underline = underline
    }

    public static let normal = Style()
}
