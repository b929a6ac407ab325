import Foundation

/// Whether the sync stopped because the nurse must log in again, as the sync state's last error says it:
/// the console shows "logg inn på nytt" and keeps working from the cache, its outboxes holding.
public enum LoginStatus {
    /// The words every login-required failure carries.
    public static let expired = "innloggingen er utløpt, logg inn på nytt (varde login)"

    /// Whether a sync error (e.g. `SyncState.lastError`) means the login has run out.
    public static func needsLogin(_ lastError: String?) -> Bool {
        lastError?.contains(expired) ?? false
    }
}
