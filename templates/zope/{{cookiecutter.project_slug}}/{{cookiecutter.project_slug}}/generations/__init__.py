"""zope.generations' schema manager: the object database's migrations.

install.py makes a new database; each module evolveN.py brings an existing one from generation
N-1 to N. The release step (release.py) runs what a database lacks; the server answers 503
until it has run.
"""

import pkgutil

from zope.generations.generations import SchemaManager

# The generation the code needs: the highest evolveN.py, or 1 (what install.py makes).
STEPS = [module.name.removeprefix("evolve") for module in pkgutil.iter_modules(__path__)]
GENERATION = max((int(step) for step in STEPS if step.isdigit()), default=1)

schema_manager = SchemaManager(
    minimum_generation=GENERATION,
    generation=GENERATION,
    package_name=__name__,
)
