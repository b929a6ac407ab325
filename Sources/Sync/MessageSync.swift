import Foundation
import VardeDomain
import VardeService
import VardeStore

extension SyncEngine {
    /// Delivers the message outbox, oldest first, each as a conditional create carrying the message's
    /// own identifier: a repeat after a timeout, a 5xx or a crash finds the first copy on the server and
    /// stores nothing new. A transient failure stops the flush so that messages keep their order.
    func flushMessages(into summary: inout SyncSummary) throws {
        for message in try cache.messageOutbox() {
            let body = try JSONEncoder().encode(CommunicationMapping.communication(from: message))
            do {
                let answer = try client.conditionalCreate("Communication", body: body,
                                                          ifNoneExist: CommunicationMapping.identifierQuery(message.id))
                let stored = try? JSONDecoder().decode(FHIRCommunication.self, from: answer.body)
                try cache.messageDelivered(id: message.id, serverID: stored?.id)
                summary.messagesSent += 1
            } catch let error as ServiceError {
                if case .http(let status, _, _, _) = error, Self.refusesForGood(status) {
                    try cache.messageFailed(id: message.id, reason: "\(error)")
                    summary.messagesFailed += 1
                    continue
                }
                try cache.messageDeliveryDelayed(id: message.id, reason: "\(error)")
                throw error
            }
        }
    }

    /// 4xx answers about the message itself will not change by trying again; 401/403/408/429 might.
    static func refusesForGood(_ status: Int) -> Bool {
        (400..<500).contains(status) && ![401, 403, 408, 429].contains(status)
    }

    /// Messages changed on the server since the last pass: the patients' new ones, and the centre's
    /// own coming back with their server ids and read receipts.
    func pullMessages(into summary: inout SyncSummary) throws {
        var next: String? = try firstURL("Communication")
        while let url = next {
            let page = try client.page(url, of: FHIRCommunication.self)
            var messages: [PatientMessage] = []
            var newest: (Date, String)?
            var problems: [EntryProblem] = []
            let ceiling = CursorCeiling(serverDate: page.serverDate, fallback: clock())
            for entry in page.entries {
                summary.fetched += 1
                do {
                    let resource = try entry.get()
                    newest = ceiling.newer(newest, resource.meta?.lastUpdated, future: &summary.futureStamped)
                    messages.append(try CommunicationMapping.message(from: resource))
                } catch {
                    problems.append(error)
                }
            }
            try quarantine(problems, into: &summary)
            let cursor = newest.map { SyncCursor(server: client.baseURL, resource: "Communication", value: $0.1) }
            let result = try cache.storeMessages(try inTenancy(messages, patientID: \.patientID), cursor: cursor)
            summary.stored += result.stored
            summary.messagesFromPatients += result.newFromPatients
            summary.alertsOpened += result.alertsOpened
            summary.pages += 1
            next = page.nextURL
        }
    }
}
