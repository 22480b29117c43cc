"""Deterministic generator of fictional 技工院校 annual submissions with ground truth."""

from fixturegen.profiles import SchoolProfile, make_profile
from fixturegen.truth import Truth

__all__ = ["SchoolProfile", "Truth", "make_profile"]
