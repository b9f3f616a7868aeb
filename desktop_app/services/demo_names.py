"""Made-up names for the demo practice, from the backgrounds a Dutch practice meets."""

from __future__ import annotations

# (background, given names, surnames as (prefix, surname))
GROUPS: list[tuple[str, list[str], list[tuple[str, str]]]] = [
    ("nl", ["Jan", "Pieter", "Anna", "Sanne", "Femke", "Daan", "Lotte", "Bram", "Eva", "Ruud",
            "Ĳsbrand", "Marieke", "Joost", "Noor", "Sjoerd", "Geertje", "Willemijn", "Thijs"],
     [("de", "Vries"), ("van den", "Berg"), ("", "Jansen"), ("", "Bakker"), ("van", "Dijk"),
      ("", "Visser"), ("", "Smit"), ("", "Meijer"), ("de", "Boer"), ("", "Mulder"),
      ("de", "Groot"), ("", "Bos"), ("van", "Leeuwen"), ("", "Dekker"), ("van der", "Meer"),
      ("van 't", "Hof"), ("ter", "Horst"), ("in 't", "Veld"), ("", "Ĳzerman"), ("", "Dijkstra"),
      ("van der", "Linden"), ("de", "Haan"), ("", "Vermeulen"), ("van den", "Heuvel"),
      ("", "Brouwer-de Wit"), ("d'", "Ancona")]),
    ("tr", ["Mehmet", "Ayşe", "Emre", "Elif", "Çağla", "İbrahim", "Gülşen", "Burak", "Zeynep",
            "Özlem", "Serkan", "Şeyma"],
     [("", "Yılmaz"), ("", "Kaya"), ("", "Demir"), ("", "Şahin"), ("", "Çelik"), ("", "Yıldız"),
      ("", "Öztürk"), ("", "Aydın"), ("", "Özdemir"), ("", "Doğan"), ("", "Kılıç"),
      ("", "Ağaoğlu")]),
    ("ma", ["Mohamed", "Fatima", "Youssef", "Khadija", "Nadia", "Said", "Samira", "Karim",
            "Imane", "Bilal"],
     [("El", "Amrani"), ("", "Benali"), ("El", "Idrissi"), ("", "Bouzid"), ("", "Ait Taleb"),
      ("El", "Khatib"), ("", "Ouali"), ("", "Ziani"), ("", "Boukhari"), ("", "Aït-Hammou")]),
    ("pl", ["Łukasz", "Agnieszka", "Katarzyna", "Paweł", "Małgorzata", "Józef", "Żaneta",
            "Grzegorz", "Michał"],
     [("", "Nowak"), ("", "Kowalski"), ("", "Wiśniewski"), ("", "Wójcik"), ("", "Kamiński"),
      ("", "Zieliński"), ("", "Woźniak"), ("", "Dąbrowski"), ("", "Wąsowski"), ("", "Źródło")]),
    ("sr", ["Rajesh", "Sunita", "Anand", "Priya", "Ravi", "Shanti", "Glenn", "Ingrid"],
     [("", "Ramdin"), ("", "Sewnath"), ("", "Mahabier"), ("", "Jagessar"), ("", "Kalloe"),
      ("", "Baldewsingh"), ("", "Pinas"), ("", "Martina")]),
    ("vn", ["Thị Ngọc Ánh", "Văn Đức", "Thị Hương", "Minh", "Quốc Bảo", "Thu Trang"],
     [("", "Nguyễn"), ("", "Trần"), ("", "Lê"), ("", "Phạm"), ("", "Hoàng"), ("", "Đặng"),
      ("", "Bùi"), ("", "Vũ")]),
    ("cz-ro", ["Jiří", "Tereza", "Řehoř", "Ștefan", "Ioana", "Mihai", "Andreea"],
     [("", "Dvořák"), ("", "Černý"), ("", "Procházková"), ("", "Šťastný"), ("", "Popescu"),
      ("", "Țurcanu"), ("", "Ionescu")]),
    ("other", ["Wei", "Mei", "Eleni", "Giorgos", "Olena", "Dmytro", "Tesfay", "Amina", "João",
               "Lucía", "Siobhán", "Seán"],
     [("", "Chen"), ("", "Wang"), ("", "Papadopoulou"), ("", "Georgiou"), ("", "Shevchenko"),
      ("", "Kovalenko"), ("", "Haile"), ("", "Abdi"), ("", "Gonçalves"), ("", "Muñoz"),
      ("", "O’Brien"), ("", "Ní Bhriain")]),
]

EMPLOYERS = [
    ("Bouwbedrijf Van Dijk B.V.", "Utrecht"),
    ("Zorggroep De Horst", "Amersfoort"),
    ("Transportbedrijf Hermans & Zn.", "Nieuwegein"),
    ("Bakkerij 't Stoepje", "Zeist"),
    ("Gemeente Lindewaard", "Lindewaard"),
    ("Schoonmaakbedrijf Glans", "Utrecht"),
    ("Bitwise ICT-diensten", "Houten"),
    ("Kinderopvang De Speeltuin", "Bunnik"),
    ("Metaalbewerking Oost B.V.", "Veenendaal"),
    ("Buurtsuper Ünal", "Utrecht"),
]

SECTORS = ["Bouw", "Zorg", "Transport", "Horeca", "Overheid", "Schoonmaak", "ICT", "Onderwijs",
           "Metaal", "Detailhandel", "Logistiek", "Installatietechniek"]

JOBS = ["timmerman", "verpleegkundige", "chauffeur", "bakker", "beleidsmedewerker",
        "schoonmaker", "softwareontwikkelaar", "pedagogisch medewerker", "lasser",
        "verkoopmedewerker", "magazijnmedewerker", "administratief medewerker",
        "teamleider", "monteur", "kok"]

CITIES = ["Utrecht", "Amersfoort", "Nieuwegein", "Zeist", "Houten", "Bunnik", "Veenendaal",
          "IJsselstein", "De Bilt", "Woerden"]
STREETS = ["Dorpsstraat", "Kerkstraat", "Stationsweg", "Molenlaan", "Schoolstraat",
           "Beatrixlaan", "Julianaweg", "Lindelaan", "Prins Hendrikkade", "Oude Gracht"]
