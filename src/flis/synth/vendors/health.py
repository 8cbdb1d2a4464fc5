"""Health systems: a semicolon CSV export from a care-record system and an XML data service.

Both deliver the acute admissions of residents 65+ (from the regions' patient register, as the
municipality receives them with the co-financing bill) and the rehabilitation plans issued after
discharge (Sundhedsloven § 140). They differ the way real competing systems do: names, code
lists for diagnosis groups, regions and plan types, sex codes, decimal marks and date style.
"""

from flis.synth.vendor import FileSpec, Vendor
from flis.synth.vendor import Field as F

DIAGNOSIS_WORDS = {
    "dehydration": "dehydrering", "constipation": "forstoppelse",
    "urinary_tract_infection": "urinvejsinfektion", "pneumonia": "lungebetændelse",
    "gastroenteritis": "mave-tarminfektion", "anaemia": "anæmi",
    "fracture": "knoglebrud", "pressure_ulcer": "tryksår", "nutritional_deficiency": "ernæringsmangel",
    "other": "øvrige",
}
DIAGNOSIS_NUMBERS = {
    "dehydration": "01", "constipation": "02", "urinary_tract_infection": "03", "pneumonia": "04",
    "gastroenteritis": "05", "anaemia": "06", "fracture": "07", "pressure_ulcer": "08",
    "nutritional_deficiency": "09", "other": "99",
}
REGION_LETTERS = {1081: "RN", 1082: "RM", 1083: "RSD", 1084: "RH", 1085: "RS"}
PLAN_TYPES_SHORT = {"general": "ALM", "specialised": "SPEC"}
PLAN_TYPES_WORDS = {"general": "almen", "specialised": "specialiseret"}

_GROUP_NOTE = "the preventable groups of the national indicator; 'other' for every other diagnosis"
_REGION_NOTE = "the region of the hospital (Nordjylland, Midtjylland, Syddanmark, Hovedstaden, Sjælland)"
_PLAN_NOTE = "general training is given by the municipality, specialised training at a hospital"

OMSORGSDATA = Vendor(
    key="omsorgsdata", name="OmsorgsData Sundhed", domain="health", system="sundhed-omsorgsdata",
    format="csv",
    encoding="utf-8", delimiter=";", decimal_mark=",", date_format="%Y-%m-%d", share=0.55,
    aliases={"medfinansiering_kr": "kmf_beloeb", "opstart_dato": "foerste_traening"},
    description="Semicolon-separated UTF-8 export from the municipal care-record system: decimal commas, ISO "
                "dates, CRLF line ends, a header line. Admissions are those discharged in the month; plans "
                "those received in the month.",
    files=(
        FileSpec("admissions", "indlaeggelser", description="Acute admissions of residents 65+ discharged "
                 "in the month, with the municipal co-financing.", fields=(
            F("indlaeggelses_id", "admission_id"),
            F("cpr_pseudo", "person_id", description="pseudonymous person number"),
            F("foedselsdato", "birth_date", "date"),
            F("koen", "sex", "code", codes={1: "M", 2: "K"}, description="M man, K woman"),
            F("bopaelskommune", "home_municipality", "int", municipality=True,
              description="municipality of residence, which pays the co-financing"),
            F("indlagt_dato", "admission_date", "date"),
            F("udskrevet_dato", "discharge_date", "date", description="equals the date of death when the "
              "patient died in hospital"),
            F("diagnosegruppe", "diagnosis_group", "code", codes=DIAGNOSIS_WORDS, description=_GROUP_NOTE),
            F("forebyggelig", "preventable", "flag", codes={True: "J", False: "N"},
              description="J when the diagnosis group is one of the preventable ones"),
            F("sygehusregion", "hospital_region", "int", description="region code 1081-1085 of the hospital"),
            F("medfinansiering_kr", "co_financing", "decimal", decimals=2, money=True,
              description="kommunal medfinansiering for the admission, DKK"),
        )),
        FileSpec("rehabilitation_plans", "genoptraeningsplaner", description="Rehabilitation plans "
                 "(genoptræningsplaner) received in the month.", fields=(
            F("plan_id", "plan_id"),
            F("cpr_pseudo", "person_id"),
            F("foedselsdato", "birth_date", "date"),
            F("koen", "sex", "code", codes={1: "M", 2: "K"}),
            F("bopaelskommune", "home_municipality", "int", municipality=True),
            F("udstedt_dato", "issued_date", "date",
              description="day the hospital issued the plan (the discharge day)"),
            F("opstart_dato", "start_date", "date", description="first training session, held or booked; "
              "empty when the course never started"),
            F("slut_dato", "end_date", "date",
              description="last day of the course as planned or ended early; empty when it never started"),
            F("plantype", "plan_type", "code", codes=PLAN_TYPES_SHORT, description=_PLAN_NOTE),
            F("indlaeggelses_id", "admission_id",
              description="the acute admission 65+ the plan follows, if any"),
        )),
    ),
)

CARETRACK = Vendor(
    key="caretrack", name="CareTrack Sundhedsdata", domain="health", system="sundhed-caretrack", format="xml",
    encoding="utf-8", decimal_mark=".", date_format="%Y-%m-%d", share=0.45,
    aliases={"Medfinansiering": "KommunalMedfinansiering"},
    description="UTF-8 XML from a health-data web service, one element per admission or plan; the root "
                "carries the municipality code and the period. Admission and discharge are written as "
                "xs:dateTime at midnight, amounts with a decimal point, diagnosis groups as two-digit "
                "numbers.",
    files=(
        FileSpec("admissions", "indlaeggelser", record="Indlaeggelse", root="Indlaeggelser",
                 description="Acute admissions of residents 65+ discharged in the month.", fields=(
            F("IndlaeggelsesNr", "admission_id"),
            F("PersonId", "person_id"),
            F("Foedselsdato", "birth_date", "date"),
            F("Koen", "sex", "code", codes={1: "1", 2: "2"}, description="1 man, 2 woman"),
            F("Kommunekode", "home_municipality", "int", municipality=True),
            F("Indlagt", "admission_date", "date", date_format="%Y-%m-%dT00:00:00"),
            F("Udskrevet", "discharge_date", "date", date_format="%Y-%m-%dT00:00:00"),
            F("DiagnoseGruppe", "diagnosis_group", "code", codes=DIAGNOSIS_NUMBERS, description=_GROUP_NOTE),
            F("Forebyggelig", "preventable", "flag", codes={True: "true", False: "false"}),
            F("Region", "hospital_region", "code", codes=REGION_LETTERS, description=_REGION_NOTE),
            F("Medfinansiering", "co_financing", "decimal", decimals=2, money=True, description="DKK"),
        )),
        FileSpec("rehabilitation_plans", "genoptraeningsplaner", record="Plan", root="Genoptraeningsplaner",
                 description="Rehabilitation plans received in the month.", fields=(
            F("PlanId", "plan_id"),
            F("PersonId", "person_id"),
            F("Foedselsdato", "birth_date", "date"),
            F("Koen", "sex", "code", codes={1: "1", 2: "2"}),
            F("Kommunekode", "home_municipality", "int", municipality=True),
            F("Udstedt", "issued_date", "date"),
            F("Opstart", "start_date", "date", description="omitted when the course never started"),
            F("Afsluttet", "end_date", "date", description="omitted when the course never started"),
            F("Type", "plan_type", "code", codes=PLAN_TYPES_WORDS, description=_PLAN_NOTE),
            F("IndlaeggelsesNr", "admission_id", description="omitted for plans after other hospital stays"),
        )),
    ),
)

VENDORS = (OMSORGSDATA, CARETRACK)
