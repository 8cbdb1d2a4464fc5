"""Civil-registration extracts: a mainframe fixed-width feed and an XML service."""

from flis.synth.vendor import FileSpec, Vendor
from flis.synth.vendor import Field as F

ORIGIN_LETTERS = {1: "DA", 2: "VI", 3: "VE", 4: "II", 5: "IE"}
ORIGIN_NUMBERS = {1: "1", 2: "21", 3: "22", 4: "31", 5: "32"}
EVENT_LETTERS = {"birth": "FO", "death": "DO", "move_in": "TI", "move_out": "FR", "immigration": "IN",
                 "emigration": "UD"}
EVENT_WORDS = {"birth": "foedsel", "death": "doedsfald", "move_in": "tilflytning", "move_out": "fraflytning",
               "immigration": "indvandring", "emigration": "udvandring"}

FOLKEREGISTER = Vendor(
    key="fru", name="Folkeregister Udtræk (FRU)", domain="citizens", system="cpr-fru", format="fixed",
    encoding="cp1252", date_format="%Y%m%d", header=False, share=0.55,
    description="Nightly mainframe extract of the civil register, delivered monthly as fixed-width records "
                "in Windows-1252 with CRLF line ends. No header line; the record layout is the documentation.",
    files=(
        FileSpec("residents", "bestand", description="Residents on the first day of the month.", fields=(
            F("PNR_PSEUDO", "person_id", width=10, description="pseudonymous person number"),
            F("FOEDDATO", "birth_date", "date", width=8),
            F("KOEN", "sex", "code", codes={1: "M", 2: "K"}, width=1, description="M man, K woman"),
            F("HERKOMST", "origin", "code", codes=ORIGIN_LETTERS, width=2,
              description="DA Danish origin, VI/VE Western immigrant/descendant, II/IE non-Western"),
            F("KOMKOD", "municipality", "int", pad=4, width=4, municipality=True),
            F("VEJNAVN", "street", width=34),
            F("HUSNR", "house", "int", width=4),
            F("DISTRIKT", "district", "int", width=3, description="school district number"),
            F("TILFLYTDATO", "moved_in", "date", width=8, description="date of moving to the municipality"),
        )),
        FileSpec("events", "haendelser", description="Births, deaths and moves during the month.", fields=(
            F("PNR_PSEUDO", "person_id", width=10),
            F("FOEDDATO", "birth_date", "date", width=8),
            F("KOEN", "sex", "code", codes={1: "M", 2: "K"}, width=1),
            F("HAENDELSE", "event", "code", codes=EVENT_LETTERS, width=2,
              description="FO birth, DO death, TI/FR move in/out, IN/UD immigration/emigration"),
            F("DATO", "event_date", "date", width=8),
            F("FRA_KOM", "from_municipality", "int", pad=4, width=4, municipality=True),
            F("TIL_KOM", "to_municipality", "int", pad=4, width=4, municipality=True),
        )),
    ),
)

BORGERSERVICE = Vendor(
    key="bsx", name="BorgerService XML", domain="citizens", system="cpr-bsx", format="xml", share=0.45,
    description="Web-service export of the civil register as UTF-8 XML, one element per person or event; "
                "the root element carries the municipality code and the period.",
    aliases={"Tilflytningsdato": "TilflytDato"},
    files=(
        FileSpec("residents", "personer", record="Person", root="Personer", fields=(
            F("PersonId", "person_id"),
            F("Foedselsdato", "birth_date", "date"),
            F("Koen", "sex", "code", codes={1: "1", 2: "2"}, description="1 man, 2 woman"),
            F("Herkomst", "origin", "code", codes=ORIGIN_NUMBERS,
              description="1 Danish origin, 21/22 Western immigrant/descendant, 31/32 non-Western"),
            F("Kommunekode", "municipality", "int", municipality=True),
            F("Vejnavn", "street"),
            F("Husnummer", "house", "int"),
            F("Skoledistrikt", "district", "int"),
            F("Tilflytningsdato", "moved_in", "date"),
        )),
        FileSpec("events", "haendelser", record="Haendelse", root="Haendelser", fields=(
            F("PersonId", "person_id"),
            F("Foedselsdato", "birth_date", "date"),
            F("Koen", "sex", "code", codes={1: "1", 2: "2"}),
            F("Type", "event", "code", codes=EVENT_WORDS),
            F("Dato", "event_date", "date"),
            F("FraKommune", "from_municipality", "int", municipality=True),
            F("TilKommune", "to_municipality", "int", municipality=True),
        )),
    ),
)

VENDORS = (FOLKEREGISTER, BORGERSERVICE)
