import Foundation
import VardeDomain

/// A `Bundle.link` (`self`, `next`).
public struct FHIRBundleLink: Codable, Sendable, Equatable {
    public var relation: String
    public var url: String
    public init(relation: String, url: String) {
        self.relation = relation
        self.url = url
    }
}

/// A searchset Bundle as the simulator writes it.
public struct FHIRSearchBundle<Resource: Encodable & Sendable>: Encodable, Sendable {
    public var resourceType = "Bundle"
    public var id: String?
    public var meta: FHIRMeta?
    public var type = "searchset"
    public var total: Int?
    public var link: [FHIRBundleLink]
    public var entry: [Entry]

    /// A `Bundle.entry` in a searchset.
    public struct Entry: Encodable, Sendable {
        public var fullUrl: String
        public var resource: Resource
        public var search = Search()
        public init(fullUrl: String, resource: Resource) {
            self.fullUrl = fullUrl
            self.resource = resource
        }
    }

    /// `Bundle.entry.search`.
    public struct Search: Encodable, Sendable {
        public var mode = "match"
    }

    public init(id: String?, meta: FHIRMeta?, total: Int?, link: [FHIRBundleLink], entry: [Entry]) {
        self.id = id
        self.meta = meta
        self.total = total
        self.link = link
        self.entry = entry
    }
}

/// Why one entry of a page could not be used; the rest of the page still is.
public struct EntryProblem: Error, Sendable, Equatable {
    public var resourceType: String?
    public var resourceID: String?
    public var reason: String
    /// The resource's text as received, capped (`EntryProblem.rawLimit`), when it could not be read at all.
    public var raw: String?
    /// A physically impossible value from a patient's device: the patient gets a routine item to have it checked.
    public var deviceCheck: ImpossibleValue?

    /// Raw text kept with an unreadable resource is cut to this many bytes.
    public static let rawLimit = 4096

    /// The start of a resource's text as kept with its problem: at most `rawLimit` bytes of UTF-8 also when the
    /// bytes received were not UTF-8 (each bad byte becomes U+FFFD, three bytes long, so the text is cut again).
    static func rawText<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> String {
        var text = String(decoding: bytes.prefix(rawLimit), as: UTF8.self)
        while text.utf8.count > rawLimit { text.unicodeScalars.removeLast() }
        return text
    }

    public init(resourceType: String?, resourceID: String?, reason: String, raw: String? = nil,
                deviceCheck: ImpossibleValue? = nil) {
        self.resourceType = resourceType
        self.resourceID = resourceID
        self.reason = reason
        self.raw = raw
        self.deviceCheck = deviceCheck
    }
}

/// A received searchset page, decoded entry by entry so that one bad resource never spoils the page.
public struct ReceivedPage<Resource: Decodable & Sendable>: Decodable, Sendable {
    public var meta: FHIRMeta?
    public var link: [FHIRBundleLink]
    public var entries: [Result<Resource, EntryProblem>]
    /// The server's clock when it sent the page (its HTTP `Date`), when it said.
    public var serverDate: Date?

    public var nextURL: String? { link.first(where: { $0.relation == "next" })?.url }

    enum CodingKeys: String, CodingKey { case resourceType, type, meta, link, entry }

    public init(meta: FHIRMeta?, link: [FHIRBundleLink], entries: [Result<Resource, EntryProblem>]) {
        self.meta = meta
        self.link = link
        self.entries = entries
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let resourceType = try container.decode(String.self, forKey: .resourceType)
        guard resourceType == "Bundle" else {
            throw DecodingError.dataCorruptedError(forKey: .resourceType, in: container,
                                                   debugDescription: "expected a Bundle, got \(resourceType)")
        }
        meta = try container.decodeIfPresent(FHIRMeta.self, forKey: .meta)
        link = try container.decodeIfPresent([FHIRBundleLink].self, forKey: .link) ?? []
        let tolerant = try container.decodeIfPresent([TolerantEntry].self, forKey: .entry) ?? []
        entries = tolerant.compactMap(\.result)
    }

    /// One entry: the resource if it decodes, otherwise the problem; OperationOutcome entries are skipped.
    struct TolerantEntry: Decodable {
        var result: Result<Resource, EntryProblem>?

        enum Keys: String, CodingKey { case resource }
        struct Header: Decodable { var resourceType: String?; var id: String? }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: Keys.self)
            let header = try? container.decode(Header.self, forKey: .resource)
            if header?.resourceType == "OperationOutcome" { result = nil; return }
            do {
                result = .success(try container.decode(Resource.self, forKey: .resource))
            } catch {
                result = .failure(EntryProblem(resourceType: header?.resourceType, resourceID: header?.id,
                                               reason: describe(error)))
            }
        }
    }
}

/// A short, single-line description of a decoding error for quarantine reasons and messages.
public func describe(_ error: any Error) -> String {
    guard let error = error as? DecodingError else { return "\(error)" }
    func path(_ context: DecodingError.Context) -> String {
        context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
    }
    switch error {
    case .keyNotFound(let key, let context): return "missing \(path(context)).\(key.stringValue)"
    case .typeMismatch(_, let context), .valueNotFound(_, let context):
        return "wrong type at \(path(context)): \(context.debugDescription)"
    case .dataCorrupted(let context):
        return "invalid JSON\(context.codingPath.isEmpty ? "" : " at \(path(context))"): \(context.debugDescription)"
    @unknown default: return "\(error)"
    }
}
