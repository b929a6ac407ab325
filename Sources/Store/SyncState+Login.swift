import VardeDomain

extension SyncState {
    /// The last sync stopped because the nurse's HelseID login ran out: the console says "logg inn på nytt",
    /// keeps working from the cache with its outboxes holding, and goes on once `varde login` has run.
    public var needsLogin: Bool { LoginStatus.needsLogin(lastError) }
}
