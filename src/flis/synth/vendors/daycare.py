"""Daycare administration systems: a JSON-lines web API export and an Excel export.

Both come from the place-allocation (pladsanvisning) side of a daycare system: the
institution register, the children enrolled on the count day with their place and the
month's parental payment, and the staff full-time equivalents per institution.
"""

from flis.synth.vendor import FileSpec, Vendor
from flis.synth.vendor import Field as F

INSTITUTION_TYPES = ("dagpleje", "vuggestue", "boernehave", "integreret")
OWNERS = ("municipal", "selvejende", "private")
PLACE_TYPES = ("family", "nursery", "kindergarten")
STAFF_CATEGORIES = ("pedagogue", "pedagogical_assistant", "manager", "childminder")

_PAYMENT = ("parental payment charged for the month in DKK after sibling discount and subsidised place "
            "(økonomisk friplads); 0 in the payment-free month (July); empty for private institutions, "
            "whose parents pay the institution directly")
_START = ("first day at the current institution (moving from the nursery to the kindergarten group of an "
          "integrated institution keeps the date)")
_CAPACITY = "approved places; family daycare: childminders times 4"
_DISTRICT = "daycare district; family-daycare districts are numbered on their own"

BOERNEPORTAL = Vendor(
    key="boerneportal", name="Børneportalen Pladsanvisning", domain="daycare",
    system="dagtilbud-boerneportal", format="jsonl", share=0.55,
    aliases={"timerPrUge": "ugentligeTimer", "betalingskommune": "betalerKommune"},
    description="Monthly export from the place-allocation web API as JSON lines (UTF-8, one object per "
                "record, ISO dates, numbers as JSON numbers, null for no value). Children are counted on the "
                "5th of the month.",
    files=(
        FileSpec("institutions", "institutioner", description="Daycare institutions and family-daycare "
                 "districts of the municipality, including self-governing and private ones.", fields=(
            F("institutionId", "institution_id", description="institution number (7 digits)"),
            F("navn", "name"),
            F("tilbudstype", "institution_type", "code",
              codes={"dagpleje": "DAG", "vuggestue": "VUG", "boernehave": "BH", "integreret": "INT"},
              description="DAG family-daycare district, VUG nursery (0-2), BH kindergarten (3-5), "
                          "INT integrated institution (0-5)"),
            F("ejerform", "owner", "code",
              codes={"municipal": "KOMMUNAL", "selvejende": "SELVEJENDE", "private": "PRIVAT"},
              description="KOMMUNAL municipal, SELVEJENDE self-governing with an operating agreement, "
                          "PRIVAT private institution receiving a subsidy"),
            F("kapacitet", "capacity", "int", description=_CAPACITY),
            F("distrikt", "district", "int", description=_DISTRICT),
            F("kommunekode", "municipality", "int", municipality=True,
              description="municipality the institution is located in"),
        )),
        FileSpec("enrolments", "indskrivninger", description="Children enrolled on the 5th of the month.",
                 fields=(
            F("barnId", "child_id", description="pseudonymous person number of the child"),
            F("foedselsdato", "birth_date", "date"),
            F("koen", "sex", "code", codes={1: "dreng", 2: "pige"}),
            F("institutionId", "institution_id"),
            F("indskrevetFra", "start_date", "date", description=_START),
            F("pladstype", "place_type", "code",
              codes={"family": "DP", "nursery": "VU", "kindergarten": "BH"},
              description="DP family-daycare place, VU nursery place (0-2), BH kindergarten place (3-5)"),
            F("timerPrUge", "weekly_hours", "decimal", decimals=1,
              description="contracted weekly hours (a full-time place or a 30-hour part-time place)"),
            F("bopaelskommune", "home_municipality", "int", municipality=True),
            F("betalingskommune", "paying_municipality", "int", municipality=True),
            F("foraeldrebetaling", "parent_payment", "decimal", decimals=2, money=True, description=_PAYMENT),
        )),
        FileSpec("staff", "personale", description="Staff full-time equivalents per institution and "
                 "category.", fields=(
            F("institutionId", "institution_id"),
            F("personalegruppe", "staff_category", "code",
              codes={"pedagogue": "PAED", "pedagogical_assistant": "PAM", "manager": "LED",
                     "childminder": "DPL"},
              description="PAED pedagogue, PAM pedagogical assistant, LED manager, DPL childminder"),
            F("aarsvaerk", "fte", "decimal", decimals=2, description="full-time equivalents in the month"),
        )),
    ),
)

DAGTILBUD_PRO = Vendor(
    key="dtpro", name="Dagtilbud Pro", domain="daycare", system="dagtilbud-dtpro", format="xlsx",
    decimal_mark=".", share=0.45, aliases={"Timer pr. uge": "Ugentlige timer",
                                           "Personalekategori": "Personalegruppe"},
    description="Monthly Excel workbooks (one sheet, a header row) saved from the desktop client. Dates are "
                "Excel date cells, codes are the Danish labels shown on screen, decimals use a point.",
    files=(
        FileSpec("institutions", "institutioner", fields=(
            F("Inst.nr.", "institution_id", description="institution number (7 digits)"),
            F("Institutionsnavn", "name"),
            F("Tilbudstype", "institution_type", "code",
              codes={"dagpleje": "Dagpleje", "vuggestue": "Vuggestue", "boernehave": "Børnehave",
                     "integreret": "Integreret institution"}),
            F("Ejerforhold", "owner", "code",
              codes={"municipal": "Kommunal", "selvejende": "Selvejende", "private": "Privat"}),
            F("Normerede pladser", "capacity", "int", description=_CAPACITY),
            F("Distrikt", "district", "int", description=_DISTRICT),
            F("Kommune", "municipality", "int", municipality=True),
        )),
        FileSpec("enrolments", "indmeldte", fields=(
            F("Barn-ID", "child_id", description="pseudonymous person number of the child"),
            F("Fødselsdato", "birth_date", "date"),
            F("Køn", "sex", "code", codes={1: "Dreng", 2: "Pige"}),
            F("Inst.nr.", "institution_id"),
            F("Indmeldelsesdato", "start_date", "date", description=_START),
            F("Pladstype", "place_type", "code",
              codes={"family": "Dagplejeplads", "nursery": "Vuggestueplads",
                     "kindergarten": "Børnehaveplads"}),
            F("Timer pr. uge", "weekly_hours", "decimal", decimals=1),
            F("Bopælskommune", "home_municipality", "int", municipality=True),
            F("Betalingskommune", "paying_municipality", "int", municipality=True),
            F("Forældrebetaling kr.", "parent_payment", "decimal", decimals=2, money=True,
              description=_PAYMENT),
        )),
        FileSpec("staff", "normering", fields=(
            F("Inst.nr.", "institution_id"),
            F("Personalekategori", "staff_category", "code",
              codes={"pedagogue": "Pædagog", "pedagogical_assistant": "Pædagogisk assistent/medhjælper",
                     "manager": "Leder", "childminder": "Dagplejer"}),
            F("Årsværk", "fte", "decimal", decimals=2),
        )),
    ),
)

VENDORS = (BOERNEPORTAL, DAGTILBUD_PRO)
