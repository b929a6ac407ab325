/// Name parts the simulator combines into synthetic patients; no combination names a real person on purpose.
enum SyntheticNames {
    /// Names that test a terminal's widths, given to every 37th patient: a combining ring (Måløy as
    /// a + U+030A), Vietnamese diacritics, CJK, and an emoji as some families' tablets show it.
    static let awkward: [(given: String, family: String)] = [
        ("Åse", "Ma\u{030A}løy"), ("Thị Hoa", "Nguyễn"), ("明", "李"), ("Kari 🌻", "Østerbø-Åsland"),
    ]

    static let given = [
        "Kari", "Ola", "Ingrid", "Per", "Astrid", "Knut", "Solveig", "Bjørn", "Åse", "Øystein", "Eli", "Jon",
        "Ragnhild", "Arne", "Liv", "Terje", "Marit", "Odd", "Sigrid", "Håkon", "Gunn", "Tor", "Bodil", "Svein",
        "Randi", "Rolf", "Turid", "Leif", "Berit", "Geir", "Anne", "Nils", "Hilde", "Kåre", "Torill", "Jørgen",
        "Gerd", "Aslak", "Synnøve", "Ivar", "Målfrid", "Halvor", "Dagny", "Ståle", "Åshild", "Trygve",
    ]
    static let family = [
        "Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Kristiansen", "Jensen",
        "Karlsen", "Johnsen", "Pettersen", "Eriksen", "Berg", "Haugen", "Hagen", "Johannessen", "Andreassen",
        "Jacobsen", "Dahl", "Jørgensen", "Halvorsen", "Henriksen", "Lund", "Sørensen", "Moen", "Gundersen",
        "Iversen", "Strand", "Solberg", "Svendsen", "Eide", "Knutsen", "Martinsen", "Bakken", "Lie", "Amundsen",
        "Rasmussen", "Lunde", "Solheim", "Berge", "Nygård", "Bakke", "Holm", "Lien", "Hauge", "Sæther", "Aas",
        "Myhre", "Haugland", "Thomassen", "Sivertsen", "Rønning", "Næss", "Ødegård", "Øvrebø", "Østby",
        "Åsheim", "Bråten", "Grønli", "Fjære", "Kværnø", "Tjøtta", "Ravndal",
    ]
}
