"""The few shared check kinds, registered by the name a catalogue entry gives in `kind:`."""

from __future__ import annotations

from .aggregate import Aggregate
from .base import Kind
from .complete_set import CompleteSet
from .completeness import Completeness
from .consistency import Consistency
from .threshold import Threshold
from .validity import Validity
from .yesno import YesNo

KINDS: dict[str, Kind] = {
    k.name: k for k in (Threshold(), YesNo(), CompleteSet(), Consistency(), Completeness(), Validity(), Aggregate())
}
