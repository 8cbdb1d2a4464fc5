"""Child-welfare case systems: an XML web-service export and a mainframe fixed-width feed.

The canonical code lists of the domain live here too (as the schools' subjects do), each with
its Danish meaning, because both the simulation and the vendors' code lists are built on them.
"""

from flis.synth.vendor import FileSpec, Vendor
from flis.synth.vendor import Field as F

PLACEMENT_TYPES = {
    "foster_family": "Plejefamilie (almen, forstærket eller specialiseret)",
    "kinship_foster_family": "Netværksplejefamilie",
    "residential_institution": "Døgninstitution (børne- og ungehjem)",
    "private_residential_home": "Socialpædagogisk opholdssted",
    "own_room": "Eget værelse, kollegium eller kostskole",
    "secure_institution": "Sikret døgninstitution",
}
PREVENTIVE_TYPES = {
    "family_treatment": "Familiebehandling",
    "contact_person": "Fast kontaktperson",
    "respite_care": "Aflastning / støtteophold",
    "day_treatment": "Dagbehandling",
    "mentor": "Mentor og anden hjælp",
    "economic_support": "Økonomisk støtte",
}
MEASURE_TYPES = {**PLACEMENT_TYPES, **PREVENTIVE_TYPES}

LEGAL_BASES = {
    "bl32_1_1": "Barnets Lov § 32, stk. 1, nr. 1 (ophold i dagtilbud, uddannelsessted o.l.: dagbehandling)",
    "bl32_1_3": "Barnets Lov § 32, stk. 1, nr. 3 (fast kontaktperson)",
    "bl32_1_5": "Barnets Lov § 32, stk. 1, nr. 5 (familiebehandling)",
    "bl32_1_7": "Barnets Lov § 32, stk. 1, nr. 7 (støtteophold/aflastning)",
    "bl32_1_8": "Barnets Lov § 32, stk. 1, nr. 8 (anden hjælp, fx mentor)",
    "bl35_4": "Barnets Lov § 35, stk. 4 (økonomisk støtte)",
    "bl46": "Barnets Lov § 46 (anbringelse med samtykke)",
    "bl47": "Barnets Lov § 47 (anbringelse uden samtykke)",
    "bl114": "Barnets Lov § 114 (efterværn/ungestøtte 18-22 år)",
}
PREVENTIVE_BASIS = {"day_treatment": "bl32_1_1", "contact_person": "bl32_1_3", "family_treatment": "bl32_1_5",
                    "respite_care": "bl32_1_7", "mentor": "bl32_1_8", "economic_support": "bl35_4"}
"""Legal basis of each preventive type. Placements are § 46 (consent) or § 47 (no consent);
every measure for an 18-22-year-old is after-care under § 114, whatever its type."""

PROVIDERS = {"own": "Egen kommune", "other_municipality": "Anden kommune", "region": "Region",
             "private": "Privat leverandør"}
SOURCES = {"school": "Skole", "daycare": "Dagtilbud", "police": "Politi", "health": "Sundhedsvæsen",
           "family": "Familie og netværk", "anonymous": "Anonym", "other": "Anden (myndighed, borger)"}

SEX_LETTERS = {1: "D", 2: "P"}

# --- vendor A: XML ----------------------------------------------------------------------------------

XML_TYPES = {"foster_family": "PLEJEFAM", "kinship_foster_family": "NETVPLEJE",
             "residential_institution": "DOEGNINST", "private_residential_home": "OPHOLDSST",
             "own_room": "EGETVAER", "secure_institution": "SIKRET", "family_treatment": "FAMBEH",
             "contact_person": "KONTAKTP", "respite_care": "AFLAST", "day_treatment": "DAGBEH",
             "mentor": "MENTOR", "economic_support": "OEKSTOTTE"}
XML_BASES = {"bl32_1_1": "BL§32.1.1", "bl32_1_3": "BL§32.1.3", "bl32_1_5": "BL§32.1.5",
             "bl32_1_7": "BL§32.1.7", "bl32_1_8": "BL§32.1.8", "bl35_4": "BL§35.4", "bl46": "BL§46",
             "bl47": "BL§47", "bl114": "BL§114"}
XML_PROVIDERS = {"own": "EGEN", "other_municipality": "ANDENKOM", "region": "REGION", "private": "PRIVAT"}
XML_SOURCES = {"school": "SKOLE", "daycare": "DAGTILBUD", "police": "POLITI", "health": "SUNDHED",
               "family": "FAMILIE", "anonymous": "ANONYM", "other": "ANDEN"}


def _describe(codes: dict, meanings: dict) -> str:
    return "; ".join(f"{codes[k]} {meanings[k]}" for k in codes)


SAGSBARN = Vendor(
    key="sagsbarn", name="SagsBarn Børne- og Familiesag", domain="children", system="boern-sagsbarn",
    format="xml", decimal_mark=".", share=0.55,
    aliases={"Betalingskommune": "BetalendeKommune", "Udgift": "MaanedsUdgift"},
    description="Monthly UTF-8 XML export from the child-welfare case system's web service; the root "
                "element carries the municipality code and the period. ISO dates, decimal points; an element "
                "is left out when it has no value (an ongoing measure has no Slutdato, an open investigation "
                "no Afslutningsdato).",
    files=(
        FileSpec("measures", "foranstaltninger", record="Foranstaltning", root="Foranstaltninger",
                 description="Every measure active on at least one day of the month.", fields=(
            F("ForanstaltningId", "measure_id", description="stable case-system id of the measure"),
            F("BarnId", "child_id", description="pseudonymous person number (links to the civil register)"),
            F("Foedselsdato", "birth_date", "date"),
            F("Koen", "sex", "code", codes=SEX_LETTERS, description="D boy, P girl"),
            F("Foranstaltningstype", "measure_type", "code", codes=XML_TYPES,
              description=_describe(XML_TYPES, MEASURE_TYPES)),
            F("Hjemmel", "legal_basis", "code", codes=XML_BASES,
              description=_describe(XML_BASES, LEGAL_BASES)),
            F("Startdato", "start_date", "date"),
            F("Slutdato", "end_date", "date",
              description="last day of the measure; absent while it is ongoing"),
            F("Handlekommune", "acting_municipality", "int", municipality=True,
              description="the municipality that decides and delivers (handlekommune)"),
            F("Betalingskommune", "paying_municipality", "int", municipality=True,
              description="the municipality that finally pays (betalingskommune)"),
            F("Leverandoertype", "provider_type", "code", codes=XML_PROVIDERS,
              description=_describe(XML_PROVIDERS, PROVIDERS)),
            F("Udgift", "monthly_cost", "decimal", decimals=2, money=True,
              description="cost in the month in DKK: the monthly price prorated by the days the measure ran"),
        )),
        FileSpec("notifications", "underretninger", record="Underretning", root="Underretninger",
                 description="Notifications received during the month.", fields=(
            F("UnderretningId", "notification_id"),
            F("BarnId", "child_id"),
            F("Foedselsdato", "birth_date", "date"),
            F("Modtaget", "notification_date", "date", description="day the notification was received"),
            F("Kilde", "source", "code", codes=XML_SOURCES, description=_describe(XML_SOURCES, SOURCES)),
        )),
        FileSpec("investigations", "undersoegelser", record="Undersoegelse", root="Undersoegelser",
                 description="Child-welfare investigations (§ 20) open on at least one day of the month.",
                 fields=(
            F("UndersoegelseId", "investigation_id"),
            F("BarnId", "child_id"),
            F("Foedselsdato", "birth_date", "date"),
            F("Startdato", "start_date", "date", description="day the investigation was opened"),
            F("Afslutningsdato", "completion_date", "date",
              description="day it was completed; absent while it is still open at the end of the month"),
        )),
    ),
)

# --- vendor B: fixed width -------------------------------------------------------------------------

FIXED_TYPES = {"foster_family": "11", "kinship_foster_family": "12", "residential_institution": "21",
               "private_residential_home": "22", "own_room": "23", "secure_institution": "24",
               "family_treatment": "31", "contact_person": "32", "respite_care": "33", "day_treatment": "34",
               "mentor": "35", "economic_support": "36"}
FIXED_BASES = {"bl32_1_1": "032101", "bl32_1_3": "032103", "bl32_1_5": "032105", "bl32_1_7": "032107",
               "bl32_1_8": "032108", "bl35_4": "035400", "bl46": "046000", "bl47": "047000",
               "bl114": "114000"}
FIXED_PROVIDERS = {"own": "E", "other_municipality": "K", "region": "R", "private": "P"}
FIXED_SOURCES = {"school": "01", "daycare": "02", "police": "03", "health": "04", "family": "05",
                 "anonymous": "06", "other": "09"}

BARNSYS = Vendor(
    key="barnsys", name="BarnSys Familieafsnit", domain="children", system="boern-barnsys", format="fixed",
    encoding="cp1252", decimal_mark="", date_format="%Y%m%d", header=False, share=0.45,
    aliases={"BETALKOM": "BET_KOM", "UDGIFT": "UDGIFT_OERE"},
    description="Monthly mainframe extract as fixed-width records in Windows-1252 with CRLF line ends and "
                "no header: the record layout is the documentation. Dates are YYYYMMDD (blank when there "
                "is none); amounts are integers in øre (two implied decimals), right-aligned and "
                "space-padded, so '    3000000' is DKK 30,000.00. Legal bases are six digits PPPSNN: "
                "paragraph, stk. and nr. of Barnets Lov (032105 = § 32, stk. 1, nr. 5).",
    files=(
        FileSpec("measures", "foranst", description="One record per measure active in the month.", fields=(
            F("FORANST_ID", "measure_id", width=10),
            F("BARN_ID", "child_id", width=10, description="pseudonymous person number"),
            F("FOEDDATO", "birth_date", "date", width=8),
            F("KOEN", "sex", "code", codes={1: "M", 2: "K"}, width=1, description="M boy, K girl"),
            F("FORANST_KODE", "measure_type", "code", codes=FIXED_TYPES, width=2,
              description=_describe(FIXED_TYPES, MEASURE_TYPES)),
            F("HJEMMEL", "legal_basis", "code", codes=FIXED_BASES, width=6,
              description=_describe(FIXED_BASES, LEGAL_BASES)),
            F("STARTDATO", "start_date", "date", width=8),
            F("SLUTDATO", "end_date", "date", width=8,
              description="last day; blank while the measure is ongoing"),
            F("HANDLEKOM", "acting_municipality", "int", pad=3, width=3, municipality=True,
              description="acting municipality (handlekommune), 3 digits"),
            F("BETALKOM", "paying_municipality", "int", pad=3, width=3, municipality=True,
              description="paying municipality (betalingskommune), 3 digits"),
            F("LEVTYPE", "provider_type", "code", codes=FIXED_PROVIDERS, width=1,
              description=_describe(FIXED_PROVIDERS, PROVIDERS)),
            F("UDGIFT", "monthly_cost", "decimal", decimals=2, width=11, money=True,
              description="cost in the month in øre (two implied decimals), right-aligned: the monthly price "
                          "prorated by the days the measure ran"),
        )),
        FileSpec("notifications", "underret", description="One record per notification received.", fields=(
            F("UNDERRET_ID", "notification_id", width=10),
            F("BARN_ID", "child_id", width=10),
            F("FOEDDATO", "birth_date", "date", width=8),
            F("MODTDATO", "notification_date", "date", width=8, description="day received"),
            F("KILDE", "source", "code", codes=FIXED_SOURCES, width=2,
              description=_describe(FIXED_SOURCES, SOURCES)),
        )),
        FileSpec("investigations", "undersoeg", description="One record per investigation open in the month.",
                 fields=(
            F("UNDERS_ID", "investigation_id", width=10),
            F("BARN_ID", "child_id", width=10),
            F("FOEDDATO", "birth_date", "date", width=8),
            F("STARTDATO", "start_date", "date", width=8),
            F("AFSLDATO", "completion_date", "date", width=8,
              description="blank while the investigation is open"),
        )),
    ),
)

VENDORS = (SAGSBARN, BARNSYS)
