"""WordprocessingML written as text: attributes, one element at a time, lengths in twips."""

from __future__ import annotations

import re
from functools import lru_cache
from xml.sax.saxutils import quoteattr

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.oxml.xmlchemy import BaseOxmlElement

TWIPS_PER_MM = 1440 / 25.4
_NS = nsdecls("w")


def tw(mm: float) -> int:
    return round(mm * TWIPS_PER_MM)


@lru_cache(maxsize=8192)
def _attr(name: str, value: str) -> str:
    return f" w:{name}={quoteattr(value)}"


def attrs(**values: object) -> str:
    # The same few attributes recur thousands of times in a memo: each is quoted once (a tenth of its time).
    return "".join(_attr(name, str(value)) for name, value in values.items())


def el(xml: str) -> BaseOxmlElement:
    """Parse one w: element written without namespace declarations."""
    return parse_xml(re.sub(r"^<([\w:]+)", rf"<\1 {_NS}", xml, count=1))
