"""The few shared check kinds, registered by the name a catalogue entry gives in `kind:`."""

from __future__ import annotations

from jigong.checks.kinds.aggregate import Aggregate
from jigong.checks.kinds.base import Kind
from jigong.checks.kinds.cap import Cap
from jigong.checks.kinds.complete_set import CompleteSet
from jigong.checks.kinds.completeness import Completeness
from jigong.checks.kinds.computed import Computed
from jigong.checks.kinds.consistency import Consistency
from jigong.checks.kinds.threshold import Threshold
from jigong.checks.kinds.validity import Validity
from jigong.checks.kinds.yesno import YesNo

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
