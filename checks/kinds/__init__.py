"""The few shared check kinds, registered by the name a catalogue entry gives in `kind:`."""

from __future__ import annotations

from .aggregate import Aggregate
from .base import Kind
from .cap import Cap
from .complete_set import CompleteSet
from .completeness import Completeness
from .computed import Computed
from .consistency import Consistency
from .threshold import Threshold
from .validity import Validity
from .yesno import YesNo

KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Threshold(),
        YesNo(),
        CompleteSet(),
        Cap(),
        Computed(),
        Consistency(),
        Completeness(),
        Validity(),
        Aggregate(),
    )
}
