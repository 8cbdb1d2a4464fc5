"""Payroll systems: a mainframe fixed-width payroll extract and a CSV export from an HR suite."""

from flis.synth.codes import EMPLOYMENT_FORMS, FUNCTIONS, JOB_CATEGORIES
from flis.synth.vendor import FileSpec, Vendor
from flis.synth.vendor import Field as F

JOB_CATEGORY_NUMBERS = {
    "manager": "10", "teacher": "20", "pedagogue": "31", "pedagogical_assistant": "32", "childminder": "33",
    "social_worker": "41", "social_educator": "42", "administrative": "51", "academic": "52",
    "health_helper": "61", "health_assistant": "62", "nurse": "63", "therapist": "64", "dental": "65",
    "service": "71",
}
FORM_LETTERS = {"civil_servant": "T", "agreement": "O", "hourly": "H", "trainee": "E"}
FUNCTION_DIGITS = {code: code.replace(".", "").zfill(6) for code in FUNCTIONS}

LOENDATA = Vendor(
    key="loendata", name="LønData Løn & Personale", domain="hr", system="loen-loendata", format="fixed",
    encoding="cp1252", decimal_mark=",", date_format="%Y%m%d", header=False, share=0.55,
    description="Monthly payroll extract as fixed-width records in Windows-1252 (no header, CRLF). Functions are "
                "six digits without dots (032201 = 3.22.01); job categories are two-digit codes.",
    files=(
        FileSpec("employees", "loenudtraek", description="One record per employment paid in the month.", fields=(
            F("MEDARB_ID", "employee_id", width=10, description="pseudonymous employee number"),
            F("FOEDAAR", "birth_year", "int", width=4),
            F("KOEN", "sex", "code", codes={1: "M", 2: "K"}, width=1),
            F("ARBSTED", "workplace_id", width=7, description="institution number of the workplace"),
            F("FUNKTION", "function", "code", codes=FUNCTION_DIGITS, width=6,
              description="chart-of-accounts function, 6 digits"),
            F("STILLKAT", "job_category", "code", codes=JOB_CATEGORY_NUMBERS, width=2,
              description=", ".join(f"{v} {JOB_CATEGORIES[k]}" for k, v in JOB_CATEGORY_NUMBERS.items())),
            F("ANSFORM", "employment_form", "code", codes=FORM_LETTERS, width=1,
              description="T civil servant, O collective agreement, H hourly paid, E trainee"),
            F("BESKGRAD", "fte", "decimal", decimals=4, width=6, description="full-time equivalent, e.g. 0,9189"),
            F("ANSDATO", "employed_from", "date", width=8),
            F("AKTDAGE", "active_days", "int", width=2, description="working days employed in the month"),
            F("SYGDAGE", "sick_days", "int", width=2, description="working days absent through own illness"),
            F("ARBSKADE", "injury_days", "int", width=2, description="working days absent through work injury"),
            F("BARNSYG", "child_sick_days", "int", width=2, description="child's first sick day(s)"),
            F("LOEN", "salary", "decimal", decimals=2, width=11, money=True, description="gross pay in DKK"),
        )),
    ),
)

PERSONALEDATA = Vendor(
    key="persdata", name="PersonaleData HR", domain="hr", system="loen-persdata", format="csv",
    encoding="utf-8", delimiter=";", decimal_mark=",", date_format="%d-%m-%Y", share=0.45,
    aliases={"Beskaeftigelsesgrad": "Beskæftigelsesgrad", "Sygefravaer_dage": "Sygefravær_dage"},
    description="Semicolon-separated UTF-8 export with a header line, decimal commas and dates as DD-MM-YYYY. "
                "Functions keep their dots; job categories and employment forms are written out in Danish.",
    files=(
        FileSpec("employees", "personale", fields=(
            F("Medarbejdernr", "employee_id"),
            F("Foedselsaar", "birth_year", "int"),
            F("Koen", "sex", "code", codes={1: "Mand", 2: "Kvinde"}),
            F("Arbejdssted", "workplace_id"),
            F("Funktion", "function", "code", codes={c: c for c in FUNCTIONS}),
            F("Stillingskategori", "job_category", "code", codes=JOB_CATEGORIES),
            F("Ansaettelsesform", "employment_form", "code", codes=EMPLOYMENT_FORMS),
            F("Beskaeftigelsesgrad", "fte", "decimal", decimals=4),
            F("Ansat_fra", "employed_from", "date"),
            F("Aktive_dage", "active_days", "int"),
            F("Sygefravaer_dage", "sick_days", "int"),
            F("Arbejdsskade_dage", "injury_days", "int"),
            F("Barns_sygdom_dage", "child_sick_days", "int"),
            F("Bruttoloen", "salary", "decimal", decimals=2, money=True),
        )),
    ),
)

VENDORS = (LOENDATA, PERSONALEDATA)
