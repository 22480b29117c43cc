"""The concept lexicon (lexicon.yaml) loaded and compiled: heads, cues, exclusions and slot words as patterns."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from jigong.pipeline.dictionary import check_keys, load_yaml
from jigong.pipeline.errors import CatalogueError
from jigong.pipeline.extract import segment

LEXICON_PATH = Path(__file__).with_name("lexicon.yaml")
_CONCEPT_KEYS = {
    "heads", "weak", "cue", "cue_only", "exclude", "units", "share",
    "zero_when_negated", "stock", "predicate", "all_of", "exclude_after", "specific", "of_major",
}  # fmt: skip
SLOT_NAMES = (
    "other_subject", "own_subject", "past", "future", "present", "partial", "delta", "target", "pending",
    "negation", "not_zero", "subset", "total", "event_day", "event_verb", "other_kind",
)  # fmt: skip
BLOCKER = "_blocker"
_MENTIONS: dict[int, dict[str, list[Mention]]] = {}  # per lexicon: text → its mentions
_CACHE_SIZE = 20_000


@dataclass(frozen=True)
class Concept:
    """How one numeric indicator is named: its heads, the cue a weak head needs, what excludes it, its units."""

    code: str
    strong: re.Pattern[str] | None
    weak: re.Pattern[str] | None
    cue: re.Pattern[str] | None
    cue_only: bool
    exclude: re.Pattern[str] | None
    units: frozenset[str]
    share: str | None = None
    zero_when_negated: bool = False
    zero_needs: re.Pattern[str] | None = None  # what the negated clause must also name for a zero (the whole concept)
    stock: bool = False
    predicate: bool = False  # its heads say what people did ("考取…证书"): "12名学生考取…" counts them
    all_of: str | None = None  # "17个专业全部实行校企合作": the figure is also this concept's
    # words in the rest of the clause after the figure that make it another thing's ("与3家合作企业联合开展…学徒制培训":
    # the partners of one programme, not the school's count)
    exclude_after: re.Pattern[str] | None = None
    # the members the concept counts, when its head names more ("兼职教师25人，其中从合作企业聘请的14人": 企业兼职教师)
    specific: re.Pattern[str] | None = None
    of_major: bool = False  # counts the pupils of one major: "该专业…在校生" names no other subject for it
    # Each head apart, to find the longest at a place (an alternation stops at the first that matches); `strong`
    # and `weak` only find the places.
    heads: tuple[tuple[re.Pattern[str], bool], ...] = ()


@dataclass(frozen=True)
class Mention:
    """A head found in a sentence: its span and the concepts it may name (code → needs its cue)."""

    start: int
    end: int
    codes: tuple[tuple[str, bool], ...]

    @property
    def blocker(self) -> bool:
        return any(code == BLOCKER for code, _ in self.codes)

    @property
    def weak_only(self) -> bool:
        """Every concept it may name needs a cue ("企业", "单位"): a noun, not a head of its own."""
        return bool(self.codes) and all(weak for _, weak in self.codes)


@dataclass(frozen=True)
class Lexicon:
    concepts: dict[str, Concept]
    slots: dict[str, re.Pattern[str]]

    def mentions(self, text: str) -> list[Mention]:
        """Every head in the text; where heads overlap the longest wins, and one inside a longer one is dropped.
        Remembered per text (labels and sentences recur: table heads, running text read by several readers)."""
        cache = _MENTIONS.setdefault(id(self), {})
        if text in cache:
            return cache[text]
        if len(cache) > _CACHE_SIZE:
            cache.clear()
        cache[text] = out = self._mentions(text)
        return out

    def _mentions(self, text: str) -> list[Mention]:
        found: dict[tuple[int, int], list[tuple[str, bool]]] = {}
        for concept in self.concepts.values():
            for pattern, weak in ((concept.strong, False), (concept.weak, True)):
                if pattern is None:
                    continue
                for m in pattern.finditer(text):  # a lookahead: heads at every place, overlapping ones too
                    end = max(
                        (e for head, w in concept.heads if w == weak and (h := head.match(text, m.start()))
                         and (e := h.end()) > m.start()),
                        default=m.end(),
                    )  # fmt: skip
                    if end > m.start():
                        found.setdefault((m.start(), end), []).append((concept.code, weak))
        spans = sorted(found, key=lambda s: (-(s[1] - s[0]), s[0]))
        kept: list[tuple[int, int]] = []
        for span in spans:
            if not any(span[0] < k[1] and k[0] < span[1] for k in kept):
                kept.append(span)
        out = []
        cuts: frozenset[int] | None = None
        for span in sorted(kept):
            codes = found[span]
            if all(weak for _, weak in codes):
                # A weak head counts only as a word of its own: "学生" is not in 留学生, "企业" not in 企业家
                # (jieba, with the domain's dictionary, says where words begin and end).
                cuts = segment.boundaries(text) if cuts is None else cuts
                if span[0] not in cuts or span[1] not in cuts:
                    continue
            # A strong reading of a concept outranks its weak one at the same span.
            strong = {c for c, w in codes if not w}
            out.append(Mention(span[0], span[1], tuple((c, w) for c, w in codes if not (w and c in strong))))
        return out


def _words(data: dict[str, Any], path: Path) -> dict[str, str]:
    words = data.get("words", {})
    if not isinstance(words, dict):
        raise CatalogueError(f"{path}：words 须为名称到词表的映射。")
    return {name: "|".join(_sorted(str(w) for w in items)) for name, items in words.items()}


def _sorted(items: Any) -> list[str]:
    return sorted(items, key=len, reverse=True)


def _expand(entry: str, words: dict[str, str], path: Path, where: str) -> str:
    def sub(m: re.Match[str]) -> str:
        name = m.group(1)
        if name not in words:
            raise CatalogueError(f"{path}：{where} 引用了未定义的词表“{{{name}}}”。")
        return f"(?:{words[name]})"

    return re.sub(r"\{([a-z_]+)\}", sub, entry)


def _alternation(entries: Any, words: dict[str, str], path: Path, where: str) -> re.Pattern[str] | None:
    if not entries:
        return None
    if isinstance(entries, str):
        entries = [entries]
    parts = [_expand(str(e), words, path, where) for e in _sorted(str(e) for e in entries)]
    try:
        return re.compile("|".join(f"(?:{p})" for p in parts))
    except re.error as exc:
        raise CatalogueError(f"{path}：{where} 不是有效的正则表达式（{exc}）。") from exc


def _starts(entries: Any, words: dict[str, str], path: Path, where: str) -> re.Pattern[str] | None:
    """Where any of the entries matches, at every place (overlapping): `(?=(?:a|b))`."""
    plain = _alternation(entries, words, path, where)
    if plain is None:
        return None
    try:
        return re.compile(f"(?=(?:{plain.pattern}))")
    except re.error as exc:
        raise CatalogueError(f"{path}：{where} 不是有效的正则表达式（{exc}）。") from exc


@cache
def load_lexicon(path: Path = LEXICON_PATH) -> Lexicon:
    """Load and compile the lexicon once per process; errors name the file and the entry."""
    data = load_yaml(path)
    if not isinstance(data, dict):
        raise CatalogueError(f"{path}：须为映射。")
    check_keys(data, {"words", "concepts", "blockers", "slots"}, {"concepts", "slots"}, path, "词表")
    words = _words(data, path)
    concepts: dict[str, Concept] = {}
    for code, entry in data["concepts"].items():
        check_keys(entry, _CONCEPT_KEYS, {"heads", "units"}, path, f"概念“{code}”")
        weak_heads = [str(h) for h in entry.get("weak", ())]
        strong_heads = [str(h) for h in entry["heads"] if str(h) not in weak_heads]
        concepts[code] = Concept(
            code=code,
            strong=_starts(strong_heads, words, path, f"{code}.heads"),
            weak=_starts(weak_heads, words, path, f"{code}.weak"),
            cue=_alternation(entry.get("cue"), words, path, f"{code}.cue"),
            cue_only=bool(entry.get("cue_only", False)),
            exclude=_alternation(entry.get("exclude"), words, path, f"{code}.exclude"),
            heads=tuple(
                (re.compile(_expand(h, words, path, f"{code}.heads")), h in weak_heads)
                for h in [*strong_heads, *weak_heads]
            ),
            units=frozenset(str(u) for u in entry["units"]),
            share=entry.get("share"),
            zero_when_negated=bool(entry.get("zero_when_negated", False)),
            zero_needs=(
                _alternation(entry["zero_when_negated"], words, path, f"{code}.zero_when_negated")
                if isinstance(entry.get("zero_when_negated"), str)
                else None
            ),
            stock=bool(entry.get("stock", False)),
            of_major=bool(entry.get("of_major", False)),
            predicate=bool(entry.get("predicate", False)),
            all_of=entry.get("all_of"),
            exclude_after=_alternation(entry.get("exclude_after"), words, path, f"{code}.exclude_after"),
            specific=_alternation(entry.get("specific"), words, path, f"{code}.specific"),
        )
    for code, concept in concepts.items():
        for key, other in (("share", concept.share), ("all_of", concept.all_of)):
            if other is not None and other not in concepts:
                raise CatalogueError(f"{path}：概念“{code}”的 {key} “{other}”不是已定义的概念。")
    concepts[BLOCKER] = Concept(
        code=BLOCKER,
        strong=_starts(data.get("blockers", ()), words, path, "blockers"),
        weak=None, cue=None, cue_only=False, exclude=None, units=frozenset(),
        heads=tuple((re.compile(_expand(str(h), words, path, "blockers")), False) for h in data.get("blockers", ())),
    )  # fmt: skip
    slots_data = data["slots"]
    check_keys(slots_data, set(SLOT_NAMES), set(SLOT_NAMES), path, "slots")
    slots = {}
    for name in SLOT_NAMES:
        pattern = _alternation(slots_data[name], words, path, f"slots.{name}")
        if pattern is None:
            raise CatalogueError(f"{path}：slots.{name} 不能为空。")
        slots[name] = pattern
    return Lexicon(concepts=concepts, slots=slots)
