"""Shared test settings: Hypothesis profiles.

The default profile keeps the property tests fast enough for every commit. For a long fuzzing
session, select the ``fuzz`` profile::

    HYPOTHESIS_PROFILE=fuzz pytest tests/test_properties.py

``ci`` is the default profile with a derandomised seed, for reproducible CI runs.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "default", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("ci", settings.get_profile("default"), derandomize=True)
settings.register_profile(
    "fuzz", max_examples=20_000, deadline=None, suppress_health_check=list(HealthCheck)
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
