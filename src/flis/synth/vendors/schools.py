"""School-administration systems: an XML web service and a Windows CSV export."""

from flis.synth.vendor import FileSpec, Vendor
from flis.synth.vendor import Field as F

GRADES_7_STEP = {12: "12", 10: "10", 7: "7", 4: "4", 2: "02", 0: "00", -3: "-3"}
GRADES_SHORT = {12: "12", 10: "10", 7: "7", 4: "4", 2: "2", 0: "0", -3: "-3"}
SUBJECTS = {"DAL": "DAL", "DAR": "DAR", "DAS": "DAS", "DAM": "DAM", "MAU": "MAU", "MAM": "MAM", "ENM": "ENM",
            "FFP": "FFP"}
SUBJECTS_LONG = {"DAL": "Dansk læsning", "DAR": "Dansk retskrivning", "DAS": "Dansk skriftlig fremstilling",
                 "DAM": "Dansk mundtlig", "MAU": "Matematik uden hjælpemidler",
                 "MAM": "Matematik med hjælpemidler", "ENM": "Engelsk mundtlig",
                 "FFP": "Fysik/kemi, biologi, geografi (fælles prøve)"}

EDULINK = Vendor(
    key="edulink", name="EduLink Skoleadministration", domain="schools", system="skole-edulink", format="xml",
    share=0.6, aliases={"Klassetrin": "Trin", "Betalingskommune": "BetalendeKommune"},
    description="Monthly XML export from the school-administration web service (UTF-8, ISO dates). "
                "Pupils are counted on the 5th of the month; exam grades come once a year with the June file.",
    files=(
        FileSpec("schools", "skoler", record="Skole", root="Skoler", fields=(
            F("Institutionsnummer", "school_id"),
            F("Navn", "name"),
            F("Skoletype", "school_type", "code", codes={"folkeskole": "FS", "specialskole": "SS",
                                                         "tiende": "UC"},
              description="FS folkeskole, SS special school, UC 10th-grade centre"),
            F("Ejerkommune", "owner_municipality", "int", municipality=True, description="school owner"),
        )),
        FileSpec("classes", "klasser", record="Klasse", root="Klasser", fields=(
            F("KlasseId", "class_id"),
            F("Institutionsnummer", "school_id"),
            F("Klassebetegnelse", "class_name"),
            F("Klassetrin", "grade", "int", description="0-10; the lowest grade of a mixed-age class"),
            F("Klassetype", "class_type", "code", codes={"normal": "10", "special_20_2": "20",
                                                         "special_20_3": "29"},
              description="10 normal class, 20 special class §20.2, 29 special class §20.3/§20.5"),
            F("Aargangsdelt", "year_grouped", "flag", codes={True: "true", False: "false"}),
        )),
        FileSpec("pupils", "elever", record="Elev", root="Elever", fields=(
            F("ElevId", "pupil_id"),
            F("Foedselsdato", "birth_date", "date"),
            F("Koen", "sex", "code", codes={1: "D", 2: "P"}, description="D boy, P girl"),
            F("Institutionsnummer", "school_id"),
            F("KlasseId", "class_id"),
            F("ElevKlassetrin", "grade", "int", description="the pupil's own grade (0-10)"),
            F("Bopaelskommune", "home_municipality", "int", municipality=True),
            F("Betalingskommune", "paying_municipality", "int", municipality=True),
            F("Skoledage", "school_days", "int"),
            F("FravaerSygdom", "absence_illness", "int", description="days absent through illness"),
            F("FravaerLovligt", "absence_authorised", "int"),
            F("FravaerUlovligt", "absence_unauthorised", "int"),
        )),
        FileSpec("teachers", "laerere", record="Normering", root="Laerernormering", fields=(
            F("Institutionsnummer", "school_id"),
            F("LaererAarsvaerk", "teacher_fte", "decimal", decimals=2),
        )),
        FileSpec("exams", "karakterer", record="Karakter", root="Karakterer", fields=(
            F("ElevId", "pupil_id"),
            F("Institutionsnummer", "school_id"),
            F("KlasseId", "class_id"),
            F("Fag", "subject", "code", codes=SUBJECTS, description=", ".join(
                f"{k} {v}" for k, v in SUBJECTS_LONG.items())),
            F("Karakter", "grade_value", "code", codes=GRADES_7_STEP, description="7-step scale"),
            F("Proevedato", "exam_date", "date"),
        )),
    ),
)

SKOLESYS = Vendor(
    key="skolesys", name="Skolesys", domain="schools", system="skole-skolesys", format="csv",
    encoding="cp1252", delimiter=";", decimal_mark=",", date_format="%d-%m-%Y", share=0.4,
    aliases={"klassetype": "klasse_type", "betalingskommune": "betalings_kommune"},
    description="Semicolon-separated export from a Windows client: Windows-1252, decimal commas, dates as "
                "DD-MM-YYYY, CRLF line ends, a header line. Grades are written without leading zeros.",
    files=(
        FileSpec("schools", "skoler", fields=(
            F("institutionsnr", "school_id"),
            F("skolenavn", "name"),
            F("skoletype", "school_type", "code", codes={"folkeskole": "1012", "specialskole": "1013",
                                                         "tiende": "1015"},
              description="1012 folkeskole, 1013 special school, 1015 10th-grade centre"),
            F("ejerkommune", "owner_municipality", "int", municipality=True),
        )),
        FileSpec("classes", "klasser", fields=(
            F("klasse_id", "class_id"),
            F("institutionsnr", "school_id"),
            F("klasse", "class_name"),
            F("klassetrin", "grade", "int"),
            F("klassetype", "class_type", "code", codes={"normal": "1", "special_20_2": "2", "special_20_3": "3"},
              description="1 normal, 2 special class §20.2, 3 special class §20.3/§20.5"),
            F("aargangsdelt", "year_grouped", "flag", codes={True: "J", False: "N"}),
        )),
        FileSpec("pupils", "elever", fields=(
            F("elev_id", "pupil_id"),
            F("foedselsdato", "birth_date", "date"),
            F("koen", "sex", "code", codes={1: "1", 2: "2"}),
            F("institutionsnr", "school_id"),
            F("klasse_id", "class_id"),
            F("elev_klassetrin", "grade", "int"),
            F("bopaelskommune", "home_municipality", "int", municipality=True),
            F("betalingskommune", "paying_municipality", "int", municipality=True),
            F("skoledage", "school_days", "int"),
            F("fravaer_syg", "absence_illness", "int"),
            F("fravaer_lovligt", "absence_authorised", "int"),
            F("fravaer_ulovligt", "absence_unauthorised", "int"),
        )),
        FileSpec("teachers", "normering", fields=(
            F("institutionsnr", "school_id"),
            F("laerer_aarsvaerk", "teacher_fte", "decimal", decimals=2),
        )),
        FileSpec("exams", "karakterer", fields=(
            F("elev_id", "pupil_id"),
            F("institutionsnr", "school_id"),
            F("klasse_id", "class_id"),
            F("fag", "subject", "code", codes={k: v for k, v in SUBJECTS_LONG.items()}),
            F("karakter", "grade_value", "code", codes=GRADES_SHORT),
            F("dato", "exam_date", "date"),
        )),
    ),
)

VENDORS = (EDULINK, SKOLESYS)
