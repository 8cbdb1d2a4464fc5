"""Financial ledgers on the municipal chart of accounts: a Windows CSV export and an Excel export."""

from flis.synth.codes import ARTS, DRANST, FUNCTIONS
from flis.synth.vendor import FileSpec, Vendor
from flis.synth.vendor import Field as F

OEKONLINE = Vendor(
    key="oekonline", name="Økonomi Online", domain="economy", system="oek-oekonline", format="csv",
    encoding="cp1252", delimiter=";", decimal_mark=",", date_format="%d.%m.%Y", share=0.5,
    aliases={"Omkostningssted": "Omk_sted"},
    description="Semicolon-separated ledger export in Windows-1252 with a header line; amounts in kroner with "
                "a thousands separator and a decimal comma (-1.234.567,89), dates DD.MM.YYYY. The budget file "
                "arrives with the January postings.",
    files=(
        FileSpec("postings", "posteringer", description="Posted vouchers of the month (actuals).", fields=(
            F("Bilagsnr", "posting_id", "int", description="voucher number"),
            F("Bogfoeringsdato", "posting_date", "date"),
            F("Funktion", "function", "code", codes={c: c for c in FUNCTIONS},
              description="function on the chart of accounts, e.g. 3.22.01"),
            F("Dranst", "dranst", "code", codes={k: str(k) for k in DRANST},
              description="; ".join(f"{k} {v}" for k, v in DRANST.items())),
            F("Art", "art", "code", codes={a: a for a in ARTS}, description="kind of expense or income, e.g. 1.2"),
            F("Omkostningssted", "cost_centre", description="institution number or unit"),
            F("Beloeb", "amount", "decimal", decimals=2, thousands=".", money=True,
              description="DKK; expenses positive, income negative"),
            F("Tekst", "text"),
        )),
        FileSpec("budget", "budget", description="The original budget of the year per account.", fields=(
            F("Budgetaar", "budget_year", "int"),
            F("Funktion", "function", "code", codes={c: c for c in FUNCTIONS}),
            F("Dranst", "dranst", "code", codes={k: str(k) for k in DRANST}),
            F("Art", "art", "code", codes={a: a for a in ARTS}),
            F("Beloeb", "amount", "decimal", decimals=0, thousands=".", money=True, description="DKK for the year"),
        )),
    ),
)

FINANSPRO = Vendor(
    key="finanspro", name="FinansPro", domain="economy", system="oek-finanspro", format="xlsx",
    decimal_mark=".", share=0.5, aliases={"AmountDKK": "Amount_DKK"},
    description="Excel workbook per month (one sheet, header row). Functions are six digits without dots "
                "(032201), the art without its dot (12 = 1.2); dates are real Excel dates.",
    files=(
        FileSpec("postings", "ledger", fields=(
            F("VoucherNo", "posting_id", "int"),
            F("PostingDate", "posting_date", "date"),
            F("Function", "function", "code", codes={c: c.replace(".", "").zfill(6) for c in FUNCTIONS}),
            F("DRANST", "dranst", "code", codes={k: str(k) for k in DRANST}),
            F("ART", "art", "code", codes={a: a.replace(".", "") for a in ARTS}),
            F("CostCentre", "cost_centre"),
            F("AmountDKK", "amount", "decimal", decimals=2, money=True),
            F("Description", "text"),
        )),
        FileSpec("budget", "budget", fields=(
            F("BudgetYear", "budget_year", "int"),
            F("Function", "function", "code", codes={c: c.replace(".", "").zfill(6) for c in FUNCTIONS}),
            F("DRANST", "dranst", "code", codes={k: str(k) for k in DRANST}),
            F("ART", "art", "code", codes={a: a.replace(".", "") for a in ARTS}),
            F("AmountDKK", "amount", "decimal", decimals=0, money=True),
        )),
    ),
)

VENDORS = (OEKONLINE, FINANSPRO)
