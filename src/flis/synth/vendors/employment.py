"""Job-centre benefit systems: a DREAM-style weekly register in fixed width and a JSON-lines spell service.

This is the one domain where the two vendors deliver different shapes of the same facts. The
fixed-width vendor reports, like the national DREAM register, one record per person, ISO week and
benefit with the degree of a full week; the JSON vendor reports benefit spells (start and end).
Both deliver the active labour-market offers. Each vendor delivers only its own benefit dataset,
so flis must derive full-time persons from either shape.
"""

from flis.synth.vendor import FileSpec, Vendor
from flis.synth.vendor import Field as F

BENEFITS_LONG = {
    "dagpenge": "Arbejdsløshedsdagpenge", "kontanthjaelp": "Kontanthjælp",
    "uddannelseshjaelp": "Uddannelseshjælp", "sygedagpenge": "Sygedagpenge", "fleksjob": "Fleksjob",
    "ledighedsydelse": "Ledighedsydelse", "foertidspension": "Førtidspension",
    "ressourceforloeb": "Ressourceforløb", "jobafklaring": "Jobafklaringsforløb",
    "revalidering": "Revalidering", "selvforsoergelse": "Selvforsørgelses- og hjemrejseydelse",
}
"""The canonical benefit types (the domain's vocabulary) and their Danish names."""

OFFERS_LONG = {"loentilskud": "Løntilskud", "virksomhedspraktik": "Virksomhedspraktik",
               "vejledning": "Vejledning og opkvalificering"}
"""The canonical offer types: wage subsidy, company internship, guidance and upskilling."""

DREAM_CODES = {
    "dagpenge": "111", "kontanthjaelp": "130", "uddannelseshjaelp": "150", "sygedagpenge": "890",
    "fleksjob": "521", "ledighedsydelse": "512", "foertidspension": "783", "ressourceforloeb": "765",
    "jobafklaring": "895", "revalidering": "541", "selvforsoergelse": "135",
}
SPELL_CODES = {
    "dagpenge": "DP", "kontanthjaelp": "KH", "uddannelseshjaelp": "UH", "sygedagpenge": "SD",
    "fleksjob": "FJ", "ledighedsydelse": "LY", "foertidspension": "FP", "ressourceforloeb": "RF",
    "jobafklaring": "JA", "revalidering": "RV", "selvforsoergelse": "SH",
}
OFFER_LETTERS = {"loentilskud": "LT", "virksomhedspraktik": "VP", "vejledning": "VO"}
OFFER_WORDS = {"loentilskud": "LOENTILSKUD", "virksomhedspraktik": "VIRKSOMHEDSPRAKTIK",
               "vejledning": "VEJLEDNING_OPKVALIFICERING"}


def _legend(codes: dict[str, str], names: dict[str, str]) -> str:
    return ", ".join(f"{v} {names[k]}" for k, v in codes.items())


OFFERS_NOTE = "Active labour-market offers with at least one day in the month."

YDELSESREGISTER = Vendor(
    key="yru", name="Ydelsesregister Ugedata (YRU)", domain="employment", system="besk-yru", format="fixed",
    encoding="cp1252", decimal_mark="", date_format="%Y%m%d", header=False, share=0.5,
    aliases={"GRAD": "DAEKGRAD"},
    description="Monthly fixed-width extract in Windows-1252 with CRLF line ends and no header, laid out "
                "like the national DREAM register: one record per person, ISO week and benefit. A month's "
                "file holds the weeks whose Thursday lies in the month (so ISO week 1 may belong to "
                "December). Weeks are written YYYYWW; the degree is an implied-decimal integer with two "
                "decimals (100 = a full week, 043 = 0.43 of a week). Benefit codes are three digits in the "
                "style of DREAM's branch codes. Only the weekly benefit file and the offers are delivered; "
                "this vendor has no spell file.",
    files=(
        FileSpec("benefit_weeks", "ydelsesuger", description="One record per person, ISO week and benefit.",
                 fields=(
            F("PNR_PSEUDO", "person_id", width=10, description="pseudonymous person number"),
            F("FOEDDATO", "birth_date", "date", width=8),
            F("KOEN", "sex", "code", codes={1: "M", 2: "K"}, width=1, description="M man, K woman"),
            F("KOMKOD", "municipality", "int", pad=4, width=4, municipality=True,
              description="paying municipality (the job centre's)"),
            F("AARUGE", "iso_week", "int", width=6, description="ISO year and week, YYYYWW"),
            F("YDELSE", "benefit", "code", codes=DREAM_CODES, width=3,
              description=_legend(DREAM_CODES, BENEFITS_LONG)),
            F("GRAD", "degree", "decimal", decimals=2, width=3,
              description="share of a full week on the benefit, implied two decimals: 100 = 1.00"),
        )),
        FileSpec("offers", "tilbud", description=OFFERS_NOTE, fields=(
            F("TILBUD_ID", "offer_id", width=10),
            F("PNR_PSEUDO", "person_id", width=10),
            F("KOMKOD", "municipality", "int", pad=4, width=4, municipality=True),
            F("TILBUDSART", "offer_type", "code", codes=OFFER_LETTERS, width=2,
              description=_legend(OFFER_LETTERS, OFFERS_LONG)),
            F("TILBUDSTEKST", "offer_type", "code", codes=OFFERS_LONG, width=30,
              description="the offer type written out"),
            F("MAALGRUPPE", "target_group", "code", codes=DREAM_CODES, width=3,
              description="the benefit the person receives when the offer starts (YDELSE codes)"),
            F("STARTDATO", "offer_start", "date", width=8),
            F("SLUTDATO", "offer_end", "date", width=8, description="last day of the offer"),
        )),
    ),
)

JOBPORTAL = Vendor(
    key="jcp", name="JobcenterPortalen", domain="employment", system="besk-jcp", format="jsonl", share=0.5,
    aliases={"ydelse": "ydelsestype", "slutdato": "slutDato"},
    description="JSON lines (UTF-8), one object per benefit spell or offer, ISO dates. A month's spell file "
                "holds every spell with at least one day in the month; the end date is null while the "
                "spell is ongoing at the end of the month. Only the spell file and the offers are "
                "delivered; this vendor has no weekly file.",
    files=(
        FileSpec("benefit_spells", "ydelsesforloeb", description="Benefit spells overlapping the month.",
                 fields=(
            F("forloebId", "spell_id", description="stable id of the spell across months"),
            F("personId", "person_id"),
            F("foedselsdato", "birth_date", "date"),
            F("koen", "sex", "code", codes={1: "mand", 2: "kvinde"}),
            F("kommunekode", "municipality", "int", municipality=True),
            F("ydelse", "benefit", "code", codes=SPELL_CODES,
              description=_legend(SPELL_CODES, BENEFITS_LONG)),
            F("startdato", "spell_start", "date"),
            F("slutdato", "spell_end", "date", description="last day of the spell; null while ongoing"),
        )),
        FileSpec("offers", "tilbud", description=OFFERS_NOTE, fields=(
            F("tilbudId", "offer_id"),
            F("personId", "person_id"),
            F("kommunekode", "municipality", "int", municipality=True),
            F("tilbudstype", "offer_type", "code", codes=OFFER_WORDS,
              description=_legend(OFFER_WORDS, OFFERS_LONG)),
            F("maalgruppe", "target_group", "code", codes=SPELL_CODES,
              description="the benefit the person receives when the offer starts (ydelse codes)"),
            F("startdato", "offer_start", "date"),
            F("slutdato", "offer_end", "date", description="last day of the offer"),
        )),
    ),
)

VENDORS = (YDELSESREGISTER, JOBPORTAL)
