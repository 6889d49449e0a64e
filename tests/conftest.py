"""Hypothesis runs the same examples on every machine: a CI run is repeatable,
and a red run names a failure anyone can replay. The random search for new
failures is `scripts/fuzz.py` and ../shared/tools/fuzz_promises, run on purpose;
`HYPOTHESIS_PROFILE=explore python -m pytest` draws fresh examples here too."""
import os

from hypothesis import settings

settings.register_profile("repeatable", derandomize=True, database=None)
settings.register_profile("explore")
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))
