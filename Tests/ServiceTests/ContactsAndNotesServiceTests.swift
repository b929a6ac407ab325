import Foundation
import Testing
import TestSupport
import VardeDomain
import VardeService
import VardeSim

/// Contacts on the Patient (telecom, contact, generalPractitioner) read alike by the fast reader and
/// Codable; the simulator serves synthetic ones and its GPs as Practitioners, and stores journal notes
/// as valid DocumentReferences exactly once.
@Suite(.serialized)
struct ContactsAndNotesServiceTests {
    static let contacts = PatientContacts(
        patientID: "p1", phone: "01 23 45 67",
        nextOfKin: [NextOfKin(name: "Ola Nordmann Grønli", relationship: "sønn", phone: "01 22 33 44"),
                    NextOfKin(name: "Åse Nabo", relationship: "nabo", phone: nil)],
        generalPractitioner: GeneralPractitioner(practitionerID: "gp-007", name: "Fastlege Per Berg", phone: nil))

    func patientPage() throws -> Data {
        let patient = Patient(id: "p1", nationalID: "01815012345", givenName: "Målfrid", familyName: "Grønli", birthDate: "1950-01-01",
                              gender: "female", municipalityNumber: "1804", diagnoses: [.copd], lastUpdated: fixedStart)
        var resource = PatientMapping.resource(from: patient, municipality: Municipality(number: "1804", name: "Bodø"),
                                               contacts: Self.contacts)
        resource.telecom?.append(FHIRContactPoint(system: "email", value: "x@example.invalid"))
        let bundle = FHIRSearchBundle(id: "b", meta: nil, total: 1, link: [],
                                      entry: [.init(fullUrl: "http://127.0.0.1:1/Patient/p1", resource: resource)])
        return try JSONEncoder().encode(bundle)
    }

    @Test func contactsSurviveTheFastReaderAndCodableAlike() throws {
        let data = try patientPage()
        let fast = try #require(FHIRPageDecoder.decode(data, as: FHIRPatient.self), "the fast reader answers")
        let codable = try JSONDecoder().decode(ReceivedPage<FHIRPatient>.self, from: data)
        let a = try #require(try fast.entries.first?.get())
        let b = try #require(try codable.entries.first?.get())
        #expect(a == b)
        #expect(PatientMapping.contacts(from: a, patientID: "p1") == Self.contacts)
    }

    @Test func aGPNamedOnlyByDisplayOrPractitionerRoleIsKeptWithoutAnId() {
        var resource = FHIRPatient(id: "p2", meta: nil, extension: nil, identifier: nil, name: nil, gender: nil, birthDate: nil, address: nil)
        resource.generalPractitioner = [FHIRReference(reference: "PractitionerRole/r1", display: "Legekontoret")]
        #expect(PatientMapping.contacts(from: resource, patientID: "p2").generalPractitioner
                == GeneralPractitioner(practitionerID: "", name: "Legekontoret", phone: nil))
    }

    func request(_ method: String, _ url: String, body: Data? = nil, headers: [(String, String)] = []) async throws -> HTTPResponse {
        let client = CurlHTTPClient()
        return try await offPool {
            try client.send(HTTPRequest(method: method, url: url, headers: headers + [("Content-Type", "application/fhir+json")],
                                        body: body))
        }
    }

    @Test func theSimulatorServesContactsAndItsGPsWithPhonesFromTheReservedSeries() async throws {
        let sim = try await RunningSim(frozenCentre(patients: 30))
        defer { sim.stop() }
        let response = try await request("GET", "\(sim.baseURL)/Patient/pas-00001")
        let patient = try JSONDecoder().decode(FHIRPatient.self, from: response.body)
        let contacts = PatientMapping.contacts(from: patient, patientID: "pas-00001")
        let phone = try #require(contacts.phone)
        #expect(phone.hasPrefix("01 ") && phone.filter(\.isNumber).count == 8)
        let gp = try #require(contacts.generalPractitioner)
        #expect(!gp.practitionerID.isEmpty)
        let read = try await request("GET", "\(sim.baseURL)/Practitioner/\(gp.practitionerID)")
        #expect(read.status == 200)
        let practitioner = try JSONDecoder().decode(FHIRPractitioner.self, from: read.body)
        let (name, gpPhone) = PatientMapping.practitioner(practitioner)
        #expect(name != nil)
        #expect(gpPhone?.hasPrefix("01 ") == true)
        #expect(try await request("GET", "\(sim.baseURL)/Practitioner/nobody").status == 404)
    }

    @Test func theSimulatorStoresAValidNoteOnceAndRefusesAnInvalidOne() async throws {
        let sim = try await RunningSim(frozenCentre(patients: 10))
        defer { sim.stop() }
        let note = JournalNote(patientID: "pas-00002", alertKey: "pas-00002--obs-1", author: "kari", written: fixedStart,
                               text: "Journalnotat\nRinget pasienten. Ny måling 94 %.")
        let resource = DocumentReferenceMapping.resource(from: note)
        #expect(DocumentReferenceMapping.problems(resource).isEmpty)
        let body = try JSONEncoder().encode(resource)
        let header = [("If-None-Exist", DocumentReferenceMapping.identifierQuery(note.id))]
        let first = try await request("POST", "\(sim.baseURL)/DocumentReference", body: body, headers: header)
        #expect(first.status == 201)
        let again = try await request("POST", "\(sim.baseURL)/DocumentReference", body: body, headers: header)
        #expect(again.status == 200)
        let stored = try JSONDecoder().decode(FHIRDocumentReference.self, from: first.body)
        #expect(try JSONDecoder().decode(FHIRDocumentReference.self, from: again.body).id == stored.id)
        #expect(DocumentReferenceMapping.text(of: stored) == note.text)
        #expect(stored.context?.related?.first?.reference == "Task/pas-00002--obs-1")
        let byId = try await request("GET", "\(sim.baseURL)/DocumentReference/\(stored.id ?? "")")
        #expect(byId.status == 200)
        let search = try await request("GET", "\(sim.baseURL)/DocumentReference?patient=pas-00002")
        #expect(try JSONDecoder().decode(ReceivedPage<FHIRDocumentReference>.self, from: search.body).entries.count == 1)

        var invalid = resource
        invalid.status = "final"
        invalid.content[0].attachment.contentType = "application/pdf"
        let refused = try await request("POST", "\(sim.baseURL)/DocumentReference", body: try JSONEncoder().encode(invalid))
        #expect(refused.status == 422)
        #expect(try JSONDecoder().decode(FHIROperationOutcome.self, from: refused.body).issue.first?.diagnostics?.contains("text/plain") == true)
        #expect(sim.server.journalNotes.count == 1)
    }
}
