"""Canonical code lists the synthetic domains share.

The chart-of-accounts functions follow the structure of the Danish municipal budget
and accounting system (main account . main function . function, e.g. 3.22.01
Folkeskoler); the list is a representative subset, enough for the ledger and the key
figures built on it. Job categories and employment forms are those payroll systems
report. Vendors map these canonical codes to their own.
"""

from __future__ import annotations

FUNCTIONS: dict[str, str] = {
    # 0 Byudvikling, bolig- og miljøforanstaltninger
    "0.25.10": "Fælles formål (faste ejendomme)",
    "0.25.19": "Ældreboliger",
    "0.28.20": "Grønne områder og naturpladser",
    "0.32.31": "Stadion og idrætsanlæg",
    "0.52.80": "Miljøbeskyttelse, fælles formål",
    # 1 Forsyningsvirksomheder
    "1.38.60": "Affaldshåndtering",
    # 2 Transport og infrastruktur
    "2.22.01": "Fælles funktioner (vejvæsen)",
    "2.28.11": "Vejvedligeholdelse mv.",
    "2.28.14": "Vintertjeneste",
    "2.32.31": "Busdrift",
    # 3 Undervisning og kultur
    "3.22.01": "Folkeskoler",
    "3.22.02": "Fællesudgifter for kommunens samlede skolevæsen",
    "3.22.05": "Skolefritidsordninger",
    "3.22.08": "Kommunale specialskoler",
    "3.22.10": "Bidrag til statslige og private skoler",
    "3.22.14": "Ungdommens Uddannelsesvejledning",
    "3.32.50": "Folkebiblioteker",
    "3.35.64": "Andre kulturelle opgaver",
    "3.38.76": "Ungdomsskolevirksomhed",
    # 4 Sundhedsområdet
    "4.62.81": "Aktivitetsbestemt medfinansiering af sundhedsvæsenet",
    "4.62.82": "Kommunal genoptræning og vedligeholdelsestræning",
    "4.62.84": "Vederlagsfri behandling hos fysioterapeut",
    "4.62.85": "Kommunal tandpleje",
    "4.62.86": "Kommunal sundhedstjeneste",
    "4.62.88": "Sundhedsfremme og forebyggelse",
    "4.62.90": "Kommunal sygepleje",
    # 5 Sociale opgaver og beskæftigelse
    "5.25.10": "Fælles formål (dagtilbud)",
    "5.25.11": "Dagpleje",
    "5.25.12": "Vuggestuer",
    "5.25.13": "Børnehaver",
    "5.25.14": "Integrerede daginstitutioner",
    "5.25.17": "Særlige dagtilbud og særlige klubber",
    "5.28.20": "Plejefamilier",
    "5.28.21": "Forebyggende foranstaltninger for børn og unge",
    "5.28.22": "Opholdssteder for børn og unge",
    "5.28.23": "Døgninstitutioner for børn og unge",
    "5.30.26": "Personlig og praktisk hjælp og madservice (hjemmehjælp)",
    "5.30.27": "Pleje og omsorg mv. af ældre og handicappede (plejeboliger)",
    "5.30.28": "Forebyggende indsats for ældre og handicappede",
    "5.30.30": "Hjælpemidler, forbrugsgoder, boligindretning og befordring",
    "5.30.31": "Rehabiliteringsforløb",
    "5.38.41": "Socialpædagogisk støtte (SEL § 85)",
    "5.38.42": "Botilbud for personer med særlige sociale problemer",
    "5.38.45": "Behandling af stofmisbrugere",
    "5.38.50": "Botilbud til længerevarende ophold (SEL § 108)",
    "5.38.52": "Botilbud til midlertidigt ophold (SEL § 107)",
    "5.38.53": "Kontaktperson- og ledsageordninger (SEL §§ 97-99)",
    "5.38.54": "Borgerstyret personlig assistance (SEL § 96)",
    "5.38.58": "Beskyttet beskæftigelse (SEL § 103)",
    "5.38.59": "Aktivitets- og samværstilbud (SEL § 104)",
    "5.57.72": "Sygedagpenge",
    "5.57.73": "Kontanthjælp og uddannelseshjælp",
    "5.57.75": "Førtidspensioner",
    "5.57.78": "Dagpenge til forsikrede ledige",
    "5.58.81": "Løntilskud mv. til personer i fleksjob",
    "5.58.82": "Ressourceforløb og jobafklaringsforløb",
    "5.68.90": "Driftsudgifter til den kommunale beskæftigelsesindsats",
    "5.68.98": "Beskæftigelsesindsats for forsikrede ledige",
    # 6 Fællesudgifter og administration
    "6.42.41": "Politisk organisation, fælles formål",
    "6.45.50": "Administrationsbygninger",
    "6.45.51": "Sekretariat og forvaltninger",
    "6.45.53": "Administration vedrørende jobcentre",
    "6.52.72": "Tjenestemandspension",
    # 7 Renter, tilskud, udligning og skatter
    "7.55.75": "Renter af langfristet gæld",
    "7.62.80": "Udligning og generelle tilskud",
    "7.68.90": "Kommunal indkomstskat",
    "7.68.96": "Grundskyld",
}

MAIN_ACCOUNTS: dict[str, str] = {
    "0": "Byudvikling, bolig- og miljøforanstaltninger",
    "1": "Forsyningsvirksomheder mv.",
    "2": "Transport og infrastruktur",
    "3": "Undervisning og kultur",
    "4": "Sundhedsområdet",
    "5": "Sociale opgaver og beskæftigelse mv.",
    "6": "Fællesudgifter og administration mv.",
    "7": "Renter, tilskud, udligning og skatter mv.",
}

DRANST: dict[int, str] = {1: "Drift", 2: "Statsrefusion", 3: "Anlæg", 4: "Renter", 7: "Finansiering"}

ARTS: dict[str, str] = {
    "1.1": "Lønninger til tjenestemænd",
    "1.2": "Lønninger til overenskomstansatte",
    "1.8": "Øvrige lønudgifter",
    "2.2": "Fødevarer",
    "2.9": "Øvrige varekøb",
    "4.0": "Tjenesteydelser uden moms",
    "4.9": "Tjenesteydelser med moms",
    "5.2": "Overførsler til personer",
    "5.9": "Øvrige tilskud og overførsler",
    "6.5": "Renteudgifter",
    "7.1": "Egne huslejeindtægter",
    "7.2": "Salg af produktion, entreprise og takstbetalinger",
    "7.7": "Betalinger fra kommuner",
    "8.6": "Statsrefusion",
    "7.9": "Skatter og generelle tilskud",
}

JOB_CATEGORIES: dict[str, str] = {
    "teacher": "Lærer",
    "pedagogue": "Pædagog",
    "pedagogical_assistant": "Pædagogisk assistent / medhjælper",
    "childminder": "Dagplejer",
    "manager": "Leder",
    "administrative": "Administrativ medarbejder",
    "academic": "Akademisk medarbejder",
    "social_worker": "Socialrådgiver",
    "social_educator": "Socialpædagog",
    "health_helper": "Social- og sundhedshjælper",
    "health_assistant": "Social- og sundhedsassistent",
    "nurse": "Sygeplejerske",
    "therapist": "Fysio- og ergoterapeut",
    "dental": "Tandplejepersonale",
    "service": "Service- og teknisk personale",
}

EMPLOYMENT_FORMS: dict[str, str] = {
    "civil_servant": "Tjenestemand",
    "agreement": "Overenskomstansat",
    "hourly": "Timelønnet",
    "trainee": "Elev / lærling",
}

MONTHLY_SALARY: dict[str, float] = {
    "teacher": 46_500, "pedagogue": 39_500, "pedagogical_assistant": 32_000, "childminder": 31_500,
    "manager": 62_000, "administrative": 36_500, "academic": 52_000, "social_worker": 44_000,
    "social_educator": 40_500, "health_helper": 31_000, "health_assistant": 35_500, "nurse": 45_000,
    "therapist": 42_000, "dental": 38_000, "service": 33_000,
}
"""Average gross monthly salary for one full-time equivalent (DKK), used by payroll and the ledger."""
