"""results.json as the tests check it: against the project's JSON Schema; the issue date of the demo run."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema

SCHEMA_PATH = Path(__file__).resolve().parents[2] / "pipeline" / "schema" / "results.schema.json"
ISSUE_DATE = dt.date(2026, 3, 2)


def validate_results(data: dict) -> None:
    """Every results.json a test produces must match the project's JSON Schema."""
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(data)
