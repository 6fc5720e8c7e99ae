"""Shared test configuration: Hypothesis profiles for local runs and CI."""

import os
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, settings

import attunement

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


@pytest.fixture
def assert_refused() -> Callable[[Callable[[], object], str, str], None]:
    """Check that a call raises a ValidationError at ``path`` for ``reason``."""

    def check(call: Callable[[], object], path: str, reason: str) -> None:
        # Rule: a ValidationError names the field (path) and the rule broken (reason).
        with pytest.raises(attunement.ValidationError) as caught:
            call()
        assert caught.value.path == path
        assert caught.value.reason == reason

    return check
