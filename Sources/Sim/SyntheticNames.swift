/// Name parts the simulator combines into synthetic patients; no combination names a real person on purpose.
enum SyntheticNames {
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
