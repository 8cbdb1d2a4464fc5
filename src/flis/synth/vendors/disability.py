"""Case systems for adults with disabilities: an Excel export and a cloud CSV download.

Both deliver the grants under the Social Services Act (serviceloven, SEL) that are active
in the month, and the register of the municipality's own units. The XLSX vendor writes
long Danish labels and Excel date serials; the CSV vendor writes short codes, four-digit
municipality codes and ISO dates.
"""

from flis.synth.vendor import FileSpec, Vendor
from flis.synth.vendor import Field as F

SECTION_LABELS = {85: "SEL § 85", 96: "SEL § 96", 97: "SEL § 97", 103: "SEL § 103", 104: "SEL § 104",
                  107: "SEL § 107", 108: "SEL § 108", 110: "SEL § 110"}
SECTION_CODES = {85: "085", 96: "096", 97: "097", 103: "103", 104: "104", 107: "107", 108: "108", 110: "110"}
SECTION_TEXT = ("§ 85 socialpædagogisk støtte, § 96 borgerstyret personlig assistance (BPA), "
                "§ 97 ledsageordning, § 103 beskyttet beskæftigelse, § 104 aktivitets- og samværstilbud, "
                "§ 107 midlertidigt botilbud, § 108 længerevarende botilbud, § 110 forsorgshjem")

GROUP_LABELS = {"physical": "Fysisk funktionsnedsættelse", "intellectual": "Udviklingshæmning",
                "psychiatric": "Sindslidelse", "social": "Socialt udsat"}
GROUP_CODES = {"physical": "FYS", "intellectual": "UDV", "psychiatric": "PSY", "social": "SOC"}

PROVIDER_LABELS = {"own": "Egen kommune", "other_municipality": "Anden kommune", "region": "Region",
                   "private": "Privat leverandør"}
PROVIDER_CODES = {"own": "1", "other_municipality": "2", "region": "3", "private": "4"}

UNIT_LABELS = {"housing": "Botilbud", "shelter": "Forsorgshjem", "day_centre": "Dagtilbud",
               "workshop": "Beskyttet værksted", "support": "Bostøtte", "escort": "Ledsageordning"}
UNIT_CODES = {"housing": "BO", "shelter": "FH", "day_centre": "DT", "workshop": "BV", "support": "BS",
              "escort": "LE"}

VOKSENSAG = Vendor(
    key="voksensag", name="VoksenSag Myndighed", domain="disability", system="handicap-voksensag",
    format="xlsx", decimal_mark=".", share=0.55,
    aliases={"Leverandørtype": "Leverandør type", "Betalingskommune": "Betalende kommune"},
    description="Monthly Excel workbook from the case system of the municipality's adult-disability "
                "authority (myndighed): one sheet, a header row, dates as Excel date serials, amounts as "
                "numbers in kroner. The services sheet lists every grant active on at least one day of the "
                "month.",
    files=(
        FileSpec("services", "bevillinger", description="Grants active in the month.", fields=(
            F("Bevillings-ID", "service_id"),
            F("Borger-ID", "person_id", description="pseudonymous person number (as in the civil register)"),
            F("Fødselsdato", "birth_date", "date"),
            F("Køn", "sex", "code", codes={1: "M", 2: "K"}, description="M man, K woman"),
            F("Paragraf", "section", "code", codes=SECTION_LABELS, description=SECTION_TEXT),
            F("Målgruppe", "target_group", "code", codes=GROUP_LABELS,
              description="the target group the grant is registered under"),
            F("Leverandørtype", "provider_type", "code", codes=PROVIDER_LABELS,
              description="who delivers: the municipality itself, another municipality, a region or a "
                          "private provider"),
            F("Leverandør-ID", "provider_id",
              description="institution number of the municipality's own unit; empty when bought elsewhere"),
            F("Handlekommune", "acting_municipality", "int", municipality=True,
              description="the municipality that acts in the case (where the person lives)"),
            F("Betalingskommune", "paying_municipality", "int", municipality=True,
              description="the municipality that pays; differs after a move into a residential placement"),
            F("Startdato", "start_date", "date"),
            F("Slutdato", "end_date", "date", description="last day of the grant; empty while it continues"),
            F("Udgift i måneden (kr.)", "monthly_cost", "decimal", decimals=2, money=True,
              description="cost of the grant in the month: the monthly rate pro rata for the days active"),
            F("Timer pr. uge", "hours_per_week", "decimal", decimals=1,
              description="granted hours of support per week (only § 85)"),
        )),
        FileSpec("providers", "enheder", description="The municipality's own units and their places.",
                 fields=(
                     F("Enheds-ID", "provider_id", description="institution number"),
                     F("Enhedsnavn", "name"),
                     F("Enhedstype", "unit_type", "code", codes=UNIT_LABELS),
                     F("Paragraf", "section", "code", codes=SECTION_LABELS,
                       description="the section the unit delivers"),
                     F("Pladser", "places", "int",
                       description="places (§ 85 and § 97: the caseload the team is staffed for)"),
                     F("Ejerkommune", "municipality", "int", municipality=True),
                 )),
    ),
)

SOCIALNET = Vendor(
    key="socialnet", name="SocialNet Voksen", domain="disability", system="handicap-socialnet", format="csv",
    encoding="utf-8", delimiter=",", decimal_mark=".", date_format="%Y-%m-%d", newline="\n", share=0.45,
    aliases={"maanedsudgift": "udgift_maaned", "timer_pr_uge": "ugentlige_timer"},
    description="Comma-separated UTF-8 download from a cloud case system: a header line, LF line ends, ISO "
                "dates, decimal points, short codes and four-digit zero-padded municipality codes.",
    files=(
        FileSpec("services", "ydelser", description="Services active in the month.", fields=(
            F("ydelse_id", "service_id"),
            F("borger_id", "person_id", description="pseudonymous person number"),
            F("foedselsdato", "birth_date", "date"),
            F("koen", "sex", "code", codes={1: "mand", 2: "kvinde"}),
            F("paragraf", "section", "code", codes=SECTION_CODES,
              description="three-digit section of the Social Services Act: " + SECTION_TEXT),
            F("maalgruppe", "target_group", "code", codes=GROUP_CODES,
              description="FYS physical, UDV intellectual disability, PSY mental illness, SOC social"),
            F("leverandoertype", "provider_type", "code", codes=PROVIDER_CODES, description="who delivers"),
            F("enhed_id", "provider_id", description="own unit's institution number; empty when bought"),
            F("handlekommune", "acting_municipality", "int", pad=4, municipality=True),
            F("betalingskommune", "paying_municipality", "int", pad=4, municipality=True),
            F("startdato", "start_date", "date"),
            F("slutdato", "end_date", "date", description="empty while the service continues"),
            F("maanedsudgift", "monthly_cost", "decimal", decimals=2, money=True,
              description="the month's cost in kroner (monthly rate pro rata for active days)"),
            F("timer_pr_uge", "hours_per_week", "decimal", decimals=2, description="only for section 085"),
        )),
        FileSpec("providers", "enheder", description="Own units.", fields=(
            F("enhed_id", "provider_id"),
            F("navn", "name"),
            F("enhedstype", "unit_type", "code", codes=UNIT_CODES,
              description="BO housing, FH shelter, DT day centre, BV sheltered workshop, BS support team, "
                          "LE escort scheme"),
            F("paragraf", "section", "code", codes=SECTION_CODES),
            F("pladser", "places", "int"),
            F("kommunekode", "municipality", "int", pad=4, municipality=True),
        )),
    ),
)

VENDORS = (VOKSENSAG, SOCIALNET)
