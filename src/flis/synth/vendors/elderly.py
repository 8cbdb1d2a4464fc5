"""Elderly-care record systems (EOJ): a JSON-lines API export and a Windows CSV export."""

from flis.synth.vendor import FileSpec, Vendor
from flis.synth.vendor import Field as F

PRIVATE_PROVIDERS: tuple[tuple[str, str], ...] = (
    ("38412976", "Aktiv Hjemmepleje ApS"),
    ("29741385", "Dansk Hjemmeservice A/S"),
    ("41203958", "Omsorgshjælpen ApS"),
    ("35870214", "Nærpleje Danmark ApS"),
    ("33158640", "Plejeteamet ApS"),
    ("40562317", "Hjem & Hverdag ApS"),
    ("27093845", "Seniorservice Danmark A/S"),
    ("36624091", "Trygt Hjem ApS"),
    ("42817530", "Hverdagshjælpen ApS"),
    ("31479062", "Livskvalitet Pleje ApS"),
)
"""Fictional private home-help firms (id = an 8-digit company number) that municipalities approve."""

SERVICE_WORDS = {"practical": "PRAKTISK_HJAELP", "personal": "PERSONLIG_PLEJE"}
PROVIDER_WORDS = {"municipal": "KOMMUNAL", "private": "PRIVAT"}
END_NOTE = "last day; empty while ongoing at the end of the month"

OMSORGPLUS = Vendor(
    key="omsorgplus", name="OmsorgPlus Omsorgsjournal", domain="elderly", system="eoj-omsorgplus",
    format="jsonl", share=0.55,
    aliases={"borgerId": "borgerReference", "visiteretTimerPrUge": "visiteredeTimerUge"},
    description="Monthly JSON-lines export from the care-record API: UTF-8, one object per line, ISO dates, "
                "decimal points, null for a missing value. Decisions and courses are those active during the "
                "month; an end date is only given once it has passed by the end of the month.",
    files=(
        FileSpec("home_help", "bevillinger", description="Home-help decisions active in the month.", fields=(
            F("bevillingId", "decision_id",
              description="one decision per service; a re-visitation gives a new id"),
            F("borgerId", "person_id", description="pseudonymous person number"),
            F("foedselsdato", "birth_date", "date"),
            F("koen", "sex", "code", codes={1: "M", 2: "K"}, description="M man, K woman"),
            F("ydelse", "service", "code", codes=SERVICE_WORDS,
              description="SEL § 83: practical help or personal care"),
            F("visiteretTimerPrUge", "hours_per_week", "decimal", decimals=2,
              description="visited hours per week"),
            F("leverandoerType", "provider_type", "code", codes=PROVIDER_WORDS,
              description="municipal home care, or a private firm chosen by the citizen (free choice)"),
            F("leverandoerId", "provider_id",
              description="institution number of a home-care district, or a private firm's company number"),
            F("leverandoerNavn", "provider_name"),
            F("startdato", "start_date", "date"),
            F("slutdato", "end_date", "date", description=END_NOTE),
        )),
        FileSpec("delivered", "leveret", description="Hours delivered per decision in the month.", fields=(
            F("bevillingId", "decision_id"),
            F("borgerId", "person_id"),
            F("ydelse", "service", "code", codes=SERVICE_WORDS),
            F("leverandoerId", "provider_id"),
            F("leveretTimer", "delivered_hours", "decimal", decimals=2,
              description="hours delivered in the month"),
        )),
        FileSpec("nursing_homes", "plejecentre", description="Nursing homes in the municipality.", fields=(
            F("plejecenterId", "nursing_home_id", description="institution number"),
            F("navn", "name"),
            F("pladser", "places", "int", description="number of dwellings (plejeboliger)"),
            F("ejerform", "owner", "code",
              codes={"municipal": "KOMMUNAL", "self_governing": "SELVEJENDE", "private": "FRIPLEJEBOLIG"},
              description="municipal, self-governing under agreement, or private (friplejebolig)"),
            F("kommunekode", "municipality", "int", municipality=True),
            F("maanedligHusleje", "monthly_rent", "decimal", decimals=2, money=True,
              description="rent per dwelling per month, DKK"),
            F("serviceTakst", "service_rate", "decimal", decimals=2, money=True,
              description="monthly price of the service package (meals, laundry), DKK"),
        )),
        FileSpec("residents", "beboere", description="Residents during the month.", fields=(
            F("borgerId", "person_id"),
            F("foedselsdato", "birth_date", "date"),
            F("koen", "sex", "code", codes={1: "M", 2: "K"}),
            F("plejecenterId", "nursing_home_id"),
            F("indflytningsdato", "move_in", "date"),
            F("fraflytningsdato", "move_out", "date",
              description="day of moving out or death; empty while resident at the end of the month"),
        )),
        FileSpec("rehabilitation", "rehabilitering", description="Rehabilitation (SEL § 83a).", fields=(
            F("forloebId", "course_id"),
            F("borgerId", "person_id"),
            F("foedselsdato", "birth_date", "date"),
            F("startdato", "start_date", "date"),
            F("slutdato", "end_date", "date", description=END_NOTE),
            F("resultat", "outcome", "code",
              codes={"independent": "SELVHJULPEN", "reduced": "REDUCERET_HJAELP",
                     "unchanged": "UAENDRET_HJAELP"},
              description="independent, reduced help or unchanged help; empty while the course runs"),
        )),
    ),
)

PLEJEDATA = Vendor(
    key="plejedata", name="PlejeData EOJ", domain="elderly", system="eoj-plejedata", format="csv",
    encoding="cp1252", delimiter=";", decimal_mark=",", date_format="%d.%m.%Y", share=0.45,
    aliases={"leverandoer": "leverandoertype", "indflyttet": "indflytningsdato"},
    description="Semicolon-separated export from a Windows client: Windows-1252, decimal commas, dates as "
                "DD.MM.YYYY, CRLF line ends, a header line. Codes are short numbers or letters; municipality "
                "numbers are zero-padded to four digits.",
    files=(
        FileSpec("home_help", "ydelser", fields=(
            F("ydelses_id", "decision_id"),
            F("cpr_pseudo", "person_id"),
            F("foedt", "birth_date", "date"),
            F("koen", "sex", "code", codes={1: "1", 2: "2"}, description="1 man, 2 woman"),
            F("ydelse", "service", "code", codes={"practical": "PH", "personal": "PP"},
              description="PH praktisk hjælp, PP personlig pleje"),
            F("timer_uge", "hours_per_week", "decimal", decimals=2, description="visited hours per week"),
            F("leverandoer", "provider_type", "code", codes={"municipal": "K", "private": "P"},
              description="K municipal, P private (free choice)"),
            F("leverandoer_nr", "provider_id"),
            F("leverandoer_navn", "provider_name"),
            F("bevilget_fra", "start_date", "date"),
            F("bevilget_til", "end_date", "date", description=END_NOTE),
        )),
        FileSpec("delivered", "leveredetimer", fields=(
            F("ydelses_id", "decision_id"),
            F("cpr_pseudo", "person_id"),
            F("ydelse", "service", "code", codes={"practical": "PH", "personal": "PP"}),
            F("leverandoer_nr", "provider_id"),
            F("leverede_timer", "delivered_hours", "decimal", decimals=2),
        )),
        FileSpec("nursing_homes", "plejehjem", fields=(
            F("plejehjem_nr", "nursing_home_id"),
            F("plejehjem_navn", "name"),
            F("antal_pladser", "places", "int"),
            F("ejerforhold", "owner", "code", codes={"municipal": "1", "self_governing": "2", "private": "3"},
              description="1 municipal, 2 self-governing, 3 private (friplejebolig)"),
            F("kommunenr", "municipality", "int", pad=4, municipality=True),
            F("husleje_md", "monthly_rent", "decimal", decimals=2, money=True, description="DKK per month"),
            F("servicepakke_md", "service_rate", "decimal", decimals=2, money=True,
              description="DKK per month"),
        )),
        FileSpec("residents", "beboere", fields=(
            F("cpr_pseudo", "person_id"),
            F("foedt", "birth_date", "date"),
            F("koen", "sex", "code", codes={1: "1", 2: "2"}),
            F("plejehjem_nr", "nursing_home_id"),
            F("indflyttet", "move_in", "date"),
            F("fraflyttet", "move_out", "date", description="day of moving out or death"),
        )),
        FileSpec("rehabilitation", "rehabforloeb", fields=(
            F("forloebs_nr", "course_id"),
            F("cpr_pseudo", "person_id"),
            F("foedt", "birth_date", "date"),
            F("forloeb_start", "start_date", "date"),
            F("forloeb_slut", "end_date", "date"),
            F("resultat", "outcome", "code", codes={"independent": "1", "reduced": "2", "unchanged": "3"},
              description="1 independent, 2 reduced help, 3 unchanged help; empty while the course runs"),
        )),
    ),
)

VENDORS = (OMSORGPLUS, PLEJEDATA)
