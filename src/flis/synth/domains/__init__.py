"""The domains of synthetic source systems, in the order they are simulated.

Order matters: citizens create the residents everyone else draws from; the payroll
(hr) staffs the workplaces the service domains opened; the ledger (economy) books
the salaries and the costs all of them caused.
"""

from flis.synth.domains.base import Dataset, Domain, Frame
from flis.synth.domains.children import DOMAIN as CHILDREN
from flis.synth.domains.citizens import DOMAIN as CITIZENS
from flis.synth.domains.daycare import DOMAIN as DAYCARE
from flis.synth.domains.disability import DOMAIN as DISABILITY
from flis.synth.domains.economy import DOMAIN as ECONOMY
from flis.synth.domains.elderly import DOMAIN as ELDERLY
from flis.synth.domains.employment import DOMAIN as EMPLOYMENT
from flis.synth.domains.health import DOMAIN as HEALTH
from flis.synth.domains.hr import DOMAIN as HR
from flis.synth.domains.schools import DOMAIN as SCHOOLS

DOMAINS: tuple[Domain, ...] = (CITIZENS, SCHOOLS, DAYCARE, CHILDREN, ELDERLY, DISABILITY, HEALTH, EMPLOYMENT, HR, ECONOMY)


def domain(name: str) -> Domain:
    return next(d for d in DOMAINS if d.name == name)


__all__ = ["CITIZENS", "DOMAINS", "Dataset", "Domain", "Frame", "domain"]
