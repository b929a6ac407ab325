/// Real Norwegian municipalities with their kommunenummer as of 1 January 2024,
/// in the order the simulator takes them (names with æ/ø/å early on purpose).
public enum MunicipalityCatalogue {
    public static let all: [Municipality] = [
        ("1804", "Bodø"), ("5501", "Tromsø"), ("5057", "Ørland"), ("4203", "Arendal"),
        ("3209", "Ullensaker"), ("0301", "Oslo"), ("1508", "Ålesund"), ("1845", "Sørfold"),
        ("4217", "Åmli"), ("1868", "Øksnes"), ("5001", "Trondheim"), ("4601", "Bergen"),
        ("1103", "Stavanger"), ("1865", "Vågan"), ("1860", "Vestvågøy"), ("1866", "Hadsel"),
        ("1870", "Sortland"), ("1871", "Andøy"), ("1841", "Fauske"), ("1840", "Saltdal"),
        ("1848", "Steigen"), ("1806", "Narvik"), ("1833", "Rana"), ("5503", "Harstad"),
        ("5601", "Alta"), ("5025", "Røros"), ("1520", "Ørsta"), ("1577", "Volda"),
        ("1505", "Kristiansund"), ("1506", "Molde"), ("4204", "Kristiansand"), ("4202", "Grimstad"),
        ("4213", "Tvedestrand"), ("4214", "Froland"), ("4215", "Lillesand"), ("3201", "Bærum"),
        ("3203", "Asker"), ("3205", "Lillestrøm"), ("3222", "Lørenskog"), ("3228", "Nes"),
        ("3230", "Gjerdrum"), ("3238", "Nannestad"), ("3240", "Eidsvoll"), ("3242", "Hurdal"),
        ("3103", "Moss"), ("3107", "Fredrikstad"), ("3301", "Drammen"), ("3403", "Hamar"),
        ("3405", "Lillehammer"), ("3905", "Tønsberg"), ("3909", "Larvik"), ("4003", "Skien"),
        ("4640", "Sogndal"), ("1108", "Sandnes"), ("1106", "Haugesund"), ("1124", "Sola"),
    ].map { Municipality(number: $0.0, name: $0.1) }

    private static let byNumber = Dictionary(uniqueKeysWithValues: all.map { ($0.number, $0) })

    public static func municipality(number: String) -> Municipality? { byNumber[number] }
}
