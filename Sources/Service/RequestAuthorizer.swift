import Foundation

/// Signs each request just before libcurl sends it (HelseID's DPoP: `Authorization: DPoP …` and a fresh
/// `DPoP:` proof) and reads each answer (server nonces, an expired token), asking for at most one retry.
public protocol RequestAuthorizer: AnyObject, Sendable {
    /// Adds the authorization headers; throws (with `LoginStatus.expired` in its words) when there is no usable login.
    func authorize(_ request: inout HTTPRequest) throws(TransportError)
    /// Reads the answer to `request`; true when the request should be authorized afresh and sent once more.
    func shouldRetry(_ request: HTTPRequest, after response: HTTPResponse) -> Bool
}
