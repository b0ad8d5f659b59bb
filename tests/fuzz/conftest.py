"""Hypothesis profiles for the fuzz campaign, chosen by IVR_LINT_FUZZ.

short (default, in the normal suite): a few hundred examples in all, derandomized (the
same examples on every run, so the suite cannot turn red by chance), no example database.
long: `IVR_LINT_FUZZ=long .venv/bin/python -m pytest tests/fuzz`, random and many more
examples, failures kept in .hypothesis/ (not in git) and replayed first on the next run.
IVR_LINT_FUZZ_EXAMPLES overrides the long profile's count per property.
"""

import os

from hypothesis import HealthCheck, Phase, settings

SLOW_OK = [HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large,
           HealthCheck.large_base_example]

settings.register_profile("short", max_examples=20, derandomize=True, database=None, deadline=None,
                          suppress_health_check=SLOW_OK, print_blob=False,
                          phases=[Phase.explicit, Phase.reuse, Phase.generate])  # no shrinking: CI time
settings.register_profile("long", max_examples=int(os.environ.get("IVR_LINT_FUZZ_EXAMPLES", "400")),
                          deadline=None, suppress_health_check=SLOW_OK, print_blob=True)
settings.load_profile(os.environ.get("IVR_LINT_FUZZ", "short"))


def examples(share: float) -> int:
    """A property's count: `share` of the profile's (the costly ones run fewer)."""
    return max(3, int(settings().max_examples * share))
