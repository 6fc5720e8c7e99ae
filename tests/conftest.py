"""Shared test configuration: Hypothesis profiles for local runs and CI."""

import os

from hypothesis import HealthCheck, settings

# CI is derandomized so a red build is reproducible from its log; local runs
# explore new examples each time.
settings.register_profile(
    "ci",
    max_examples=200,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", max_examples=60, deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")
