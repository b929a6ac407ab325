import Foundation
import GRDB
import GRDBSQLite
import VardeDomain

/// The patients as the caseload reads them, in one pass over the patient table: counted per
/// municipality, and each one's municipality kept by position for the alerts to be looked up by.
struct CaseloadPatients {
    var municipalities: NameTable
    var municipalityOfPatient: [Int32] = []
    /// Patient positions (their order in the read) by the patient's row number (-1 where no patient has that row).
    var positionOfRow: [Int32] = []
    /// Nurses by position, and their positions by their number in the nurse table.
    var nurses: [String] = []
    var nurseOfNumber: [Int32] = []
    var population: [CaseloadPopulation] = []

    init(_ db: Database) throws {
        var municipalities = NameTable(), diagnosisLists = NameTable()
        var municipalityOfPatient: [Int32] = [], listOfPatient: [Int32] = []
        // Row numbers are dense: patients are never deleted.
        var positionOfRow = [Int32](repeating: -1, count: (try Int.fetchOne(db, sql: "SELECT MAX(rowid) FROM patient") ?? 0) + 1)
        try db.makeStatement(sql: "SELECT rowid, municipalityNumber, diagnoses FROM patient").forEachRow { row in
            positionOfRow[Int(sqlite3_column_int64(row, 0))] = Int32(municipalityOfPatient.count)
            municipalityOfPatient.append(municipalities.position(row, 1))
            listOfPatient.append(diagnosisLists.position(row, 2))
        }
        var hasPlan = [Bool](repeating: false, count: municipalityOfPatient.count)
        try db.makeStatement(sql: "SELECT rowid FROM patient WHERE EXISTS (SELECT 1 FROM care_plan WHERE care_plan.patientID = patient.id)")
            .forEachRow { row in hasPlan[Int(positionOfRow[Int(sqlite3_column_int64(row, 0))])] = true }
        // Diagnoses are kept as a JSON list per patient; the few different lists are read once each.
        let diagnoses = Diagnosis.allCases
        let groupsOfList = diagnosisLists.names.map { list in diagnoses.indices.filter { list.contains("\"\(diagnoses[$0].rawValue)\"") } }
        let numbers = municipalities.names
        var patients = [Int](repeating: 0, count: numbers.count), withPlan = patients
        var diagnosed = [[Int]](repeating: [Int](repeating: 0, count: diagnoses.count), count: numbers.count)
        for (patient, municipality) in municipalityOfPatient.enumerated() {
            let municipality = Int(municipality)
            patients[municipality] += 1
            if hasPlan[patient] { withPlan[municipality] += 1 }
            for group in groupsOfList[Int(listOfPatient[patient])] { diagnosed[municipality][group] += 1 }
        }
        var rows: [String: CaseloadPopulation] = [:]
        for (position, number) in numbers.enumerated() {
            rows[number] = CaseloadPopulation(
                municipality: number, patients: patients[position],
                byDiagnosis: Dictionary(uniqueKeysWithValues: zip(diagnoses, diagnosed[position])), withPlan: withPlan[position])
        }
        for row in try Row.fetchAll(db, sql: """
            SELECT p.municipalityNumber AS number, COUNT(*) AS waiting FROM message m JOIN patient p ON p.id = m.patientID
            WHERE m.direction = 'fromPatient' AND m.seenByCentre IS NULL GROUP BY p.municipalityNumber
            """) {
            rows[row["number"], default: CaseloadPopulation(municipality: row["number"], patients: 0)].messagesWaiting = row["waiting"]
        }
        self.municipalities = municipalities
        self.municipalityOfPatient = municipalityOfPatient
        self.positionOfRow = positionOfRow
        population = Array(rows.values)
        // The nurses are read with the patients, in the same snapshot as the shares that name them.
        for row in try Row.fetchAll(db, sql: "SELECT id, name FROM nurse ORDER BY id") {
            let number: Int = row[0]
            if number >= nurseOfNumber.count { nurseOfNumber += [Int32](repeating: -1, count: number + 1 - nurseOfNumber.count) }
            nurseOfNumber[number] = Int32(nurses.count)
            nurses.append(row[1])
        }
    }
}

extension Statement {
    /// Steps through the rows, handing SQLite's own statement to `row` for each: with a hundred
    /// thousand rows, GRDB's generic row decoding would be most of the time a read takes.
    func forEachRow(_ row: (OpaquePointer) throws -> Void) throws {
        let handle = sqliteStatement
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else { throw DatabaseError(resultCode: ResultCode(rawValue: code)) }
            try row(handle)
        }
    }
}
