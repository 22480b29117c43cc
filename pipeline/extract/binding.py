"""Which heads may name a figure (the one before it, the nouns its measure word governs) and which concept a head
names in the figure's phrase (cues decide between concepts, exclusions rule one out)."""

from __future__ import annotations

import re

from jigong.pipeline.extract.lexicon import Lexicon, Mention
from jigong.pipeline.extract.numbers import Number

_GAP_MAX = 10  # characters between a head and its figure
_APPOSITIVE = re.compile(r"^[^\d，。；]{0,10}(?:担任|作为|成为|受聘为)$")
_REVERSE_GAP = re.compile(r"^(?:的|余|多|余名|多名)?[^\d，。；、：:（(]{0,5}?$")
_CLASSIFIERS = {"人", "名", "位", "个", "家", "项", "场", "次", "所", "本", "张", "人次", "期"}
_EXCLUDED_ASIDE = re.compile(r"[（(](?:不含|不包括|不计|未含)[^）)]*[）)]")
ASIDE = re.compile(r"[（(][^（）()]*[）)]")  # a bracketed aside, full-width or not
# where the school as a whole is named anew (a colon, or "；另…", opens a new statement)
_WHOLE = re.compile(r"全校|全院|：|；(?:另|此外|另外)")


def bind(masked: str, number: Number, mentions: list[Mention], seg_start: int, next_start: int) -> list[Mention]:
    """The heads that may name a figure, nearest first: the one right before it, and the nouns its measure word
    governs ("460名毕业生", "按50%的比例提取…", "45名企业技术骨干担任兼职教师")."""
    forward = None
    # "在校生（不含招收高中毕业生的高级工班）共428人": a head inside an aside closed before the figure names none of it;
    # the aside does not count towards the gap
    asides = [(m.start(), m.end()) for m in ASIDE.finditer(masked, seg_start, number.start)]
    for mention in mentions:
        inside = any(a < mention.start and mention.end < b for a, b in asides)
        if seg_start <= mention.start and mention.end <= number.start and not inside:
            forward = mention
    aside_chars = sum(b - a for a, b in asides if forward is not None and a >= forward.end)
    if forward is not None and (
        number.start - forward.end - aside_chars > _GAP_MAX or masked[forward.end : forward.end + 1] == "中"
    ):  # "专任教师中具有高级职称的31人": a part of the head's group, not its count
        forward = None
    reverse: list[Mention] = []
    if number.unit in _CLASSIFIERS or number.unit == "%":
        following = [m for m in mentions if number.end <= m.start < next_start][:4]
        for m in following:
            gap = masked[number.end : m.start]
            if number.unit == "%":
                fits = gap in ("", "的")
            elif m is not following[0] and _APPOSITIVE.match(gap):
                # "108名企业高技能人才担任兼职教师": the nouns before 担任 are who they are, the head after it
                reverse = [m]
                break
            else:
                fits = bool(_REVERSE_GAP.match(gap))
            if fits:
                reverse.append(m)
    found = [m for m in (forward, *reverse) if m is not None]
    return sorted(found, key=lambda m: (m.start - number.end) if m.start >= number.end else (number.start - m.end))


PARTITIVE = re.compile(r"中(?![级职专高外德国心学层])")


_REFERS_BACK = re.compile(r"(?:该项|此项|该|上述|前述|这部分|这项)$")


def resolve(
    lexicon: Lexicon,
    mention: Mention,
    masked: str,
    cue_span: tuple[int, int],
    exclude_span: tuple[int, int],
    paragraph: str = "",
) -> str | None:
    """The concept a head names: cues decide between concepts (in the figure's phrase, else in the sentence or,
    for a head that names its concept but needs a cue, in the paragraph before), exclusions rule one out (in the
    figure's phrase: "非全日制在校生", "招收新生")."""
    # a colon before the head opens a new statement: "介绍了……校企合作情况：学校开设……17个专业"
    phrase = masked[max(cue_span[0], masked.rfind("：", 0, mention.start) + 1) : cue_span[1]]
    # searched in place, so that an exclusion's look-behind sees what comes before the phrase ("三个年级" is all grades)
    clause = _EXCLUDED_ASIDE.sub(lambda m: "□" * len(m.group(0)), masked)
    head = (mention.start, mention.end)
    # How specifically each concept is named: 2 its cue is in the phrase, 1 in the sentence before the head (since
    # the school as a whole was last named: 全校, 全院), 0 a head of its own that needs no cue.
    reset = max((m.end() for m in _WHOLE.finditer(masked, 0, mention.start)), default=0)
    # "19个专业中有16个…": the head before 中 names the whole set, so a cue earlier in the sentence is not its own
    earlier = "" if PARTITIVE.match(masked, mention.end) else masked[reset : mention.start]
    # "该项收入", "上述收入": the head points back, so the paragraph before says what it is
    back = bool(_REFERS_BACK.search(masked, max(0, mention.start - 3), mention.start))
    fits: list[tuple[str, int]] = []
    for code, weak in mention.codes:
        concept = lexicon.concepts[code]
        level = 0
        if weak or concept.cue_only:
            if concept.cue is not None and concept.cue.search(phrase):
                level = 2
            elif concept.cue is not None and (
                concept.cue.search(earlier) or ((not weak or back) and concept.cue.search(paragraph))
            ):
                level = 1
            else:
                continue
        if concept.exclude is not None and excluded(concept.exclude, clause, head, exclude_span):
            continue
        fits.append((code, level))
    if not fits:
        return None
    best = max(level for _, level in fits)
    fits = [f for f in fits if f[1] == best]
    return fits[0][0] if len(fits) == 1 else None


def excluded(exclude: re.Pattern[str], clause: str, head: tuple[int, int], span: tuple[int, int] | None = None) -> bool:
    """An excluding word in the clause (or in its `span`) that is not just the head's own words ("非全日制在校生" is
    excluded by 非全日制, though 全日制在校生 is the head), nor one inside an aside of what is left out."""
    start, end = span if span is not None else (0, len(clause))
    # "（不含高中起点高级工班）" names what the figure leaves out: its words exclude nothing
    left_out = [(m.start(), m.end()) for m in _EXCLUDED_ASIDE.finditer(clause)]
    return any(
        not (head[0] <= m.start() and m.end() <= head[1]) and not any(a <= m.start() < b for a, b in left_out)
        for m in exclude.finditer(clause, start, end)
    )
