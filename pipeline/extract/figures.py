"""Figures stated in sentences: each number bound to the concept that names it, then judged by its clause's slots.

A sentence is read clause by clause. Every figure is bound to a head of the lexicon — the one before it ("在校生
3,210人") or the one its measure word governs ("460名毕业生") — and the head's concept is decided by the words of
the figure's own phrase (cues and exclusions act there, not over the sentence). The clause's slots then decide
whether the figure is the school's own value for the report year:

- subject: the school itself, or another (全国, 全市, another school's name …) — a new subject resets the slot,
  and the slot carries on to the next clauses of the sentence;
- time: the report year, another year, the past or a plan — the last marker before the figure decides;
- manner: a target, a change (较上年增加…), a subset (其中…) of a figure already read, pending (申报中);
- an event: a sentence about one dated event counts that event's people, not the school's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise

from ..indicators import Indicator
from ..model import Document, Evidence
from .candidates import Candidate, evidence_for
from .context import Context
from .lexicon import Lexicon, Mention, load_lexicon
from .numbers import FIGURE_KINDS, Number, as_int, as_number, fold, stated
from .quantity import find_quantities
from .sentences import clauses, document_sentences
from .values import SCHOOL_NAME

NEXT_TO = 0.92  # the head right before the figure ("在校生3,210人", "就业率为98.6%")
BOUND = 0.88  # the head a few words away, or the measure word's noun ("460名毕业生")
WEAK = 0.8  # a weak noun resolved by its cue
INFERRED = 0.85  # a total after its parts, a share after its count, a zero said as a negation, "第2个"
APPROXIMATE_FACTOR = 0.7  # 约3,200人, 3,000余人: kept, never sure enough to pass

_GAP_MAX = 10  # characters between a head and its figure
_APPOSITIVE = re.compile(r"^[^\d，。；]{0,10}(?:担任|作为|成为|受聘为)$")
_REVERSE_GAP = re.compile(r"^(?:的|余|多|余名|多名)?[^\d，。；、：:（(]{0,5}?$")
_CLASSIFIERS = {"人", "名", "位", "个", "家", "项", "场", "次", "所", "本", "张", "人次", "期"}
# A year, cohort or school year ("2024—2025学年" is the year that ends it); a span of years is cumulative (lexicon).
_YEAR = re.compile(r"((?:19|20)\d\d)\s*(?:[-—–~～至]\s*((?:19|20)\d\d)\s*)?(?:年|届|学年|级)")
# "由2024年的126家增加至2025年的140家": the figure after 至/到 is the same quantity's new value.
_CHANGE_TO = re.compile(
    r"^[^，。；\d]{0,6}?(?:增加|提高|提升|增长|上升|扩大|减少|下降|降低|增|升|降)?(?:至|到)(?:(?:19|20)\d\d年(?:底|末)?的?)?$"
)
_EXCLUDED_ASIDE = re.compile(r"[（(](?:不含|不包括|不计|未含)[^）)]*[）)]")
_QUOTED = re.compile(r"《[^》]*》")
_ASIDE = re.compile(r"（[^（）]*）")
_WHOLE = re.compile(r"全校|全院")
_ZERO_OR_ORDINAL = re.compile(r"尚未|暂未|未|没有|尚无|暂无|无|第")
_COMPARED = re.compile(r"(?:较|比|与|同|由|从|相比)\s*$")
_TOPIC_VALUE = re.compile(r"^\s*(?:(?:19|20)\d\d年(?:度)?)?\s*(?:为|达|达到|是|仅为|只有|共计|合计|总计|共有)$")
_ALL_OF = re.compile(r"^[^，。；\d]{0,4}?(?:全部|均|都|全都|全面)")
_ORDINAL = re.compile(r"第([\d一二两三四五六七八九十]+)个")
_CN_DIGIT = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"两": 2, "十": 10}
PERSON_UNITS = {"人", "名", "位"}
_EVENT_OPENING = 16  # a news item opens with its day: "5月15日，…举办…"


@dataclass
class _Reading:
    code: str
    number: Number
    confidence: float
    total: bool = False  # "全年…共5次", "共计合作5个": the whole, before which its parts give way
    part: bool = False  # "其中直接就业518人", "…就业学生中，在本地就业的为602人": a part of a whole
    clause: int = 0


@dataclass(frozen=True)
class _Marker:
    start: int
    slot: str  # other / own / past / future / present
    local: bool = False  # a comparison's reference ("较上年", "由2024年的…"): only its own clause


class FigureReader:
    """Reads numeric indicators from sentences; built once per run from the dictionary and the lexicon."""

    def __init__(self, dictionary: dict[str, Indicator], lexicon: Lexicon | None = None) -> None:
        self.dictionary = dictionary
        self.lexicon = lexicon or load_lexicon()
        self.slots = self.lexicon.slots
        self._last: dict[int, tuple[Mention, int, str]] = {}  # clause start → the last figure's head, end, concept
        self._unstated: set[int] = set()  # where the sentence's ranges, vague figures, floors and ceilings start
        self._also: list[_Reading] = []  # second readings of a figure ("17个专业已全部实行校企合作")
        self._paragraph = ""  # the paragraph before the sentence being read
        self._previous_end = -1  # where the figure before the one being read ends

    def read(self, doc: Document, ctx: Context) -> list[Candidate]:
        out: list[Candidate] = []
        for sentence in document_sentences(doc):
            evidence = evidence_for(doc, sentence.block, sentence.text.strip())
            block = sentence.block.text
            before = block[: max(block.find(sentence.text[:12]), 0)]
            out.extend(self.sentence(sentence.text, ctx, evidence, before))
        return out

    def sentence(self, raw: str, ctx: Context, evidence: Evidence, paragraph: str = "") -> Iterator[Candidate]:
        """Every figure of one sentence that is the school's own value for the report year; `paragraph` is the
        text of its paragraph before it (a cue there names a specific concept: "…为市示范性专业。该专业…在校生")."""
        self._paragraph = _QUOTED.sub(lambda m: "□" * len(m.group(0)), fold(paragraph))
        text = fold(raw)
        quantities = [q for q in find_quantities(text) if q.kind in FIGURE_KINDS]
        if not quantities and not _ZERO_OR_ORDINAL.search(text):
            return
        masked = _QUOTED.sub(lambda m: "□" * len(m.group(0)), text)
        figures = [as_number(q) for q in quantities]
        self._unstated = {q.start for q in quantities if not stated(q)}
        mentions = self.lexicon.mentions(masked)
        parts = clauses(text)
        markers = self._markers(masked, ctx)
        day = self.slots["event_day"].search(masked, 0, _EVENT_OPENING)
        event = bool(
            day
            and masked[max(0, day.start() - 2) : day.start()] not in ("截至", "截止")
            and self.slots["event_verb"].search(masked)
        )
        readings: list[_Reading] = []
        self._last = {}
        self._also = []
        taken: set[int] = set()  # mentions already given a figure
        previous_figure_end = -1
        within = False  # a clause ending in 中 ("1,104名就业学生中，") opens a breakdown of what it names
        for ci, (offset, clause) in enumerate(parts):
            end = offset + len(clause)
            in_clause = [n for n in figures if offset <= n.start < end]
            prev_end = offset
            for k, number in enumerate(in_clause):
                self._previous_end = previous_figure_end
                previous_figure_end = number.end
                next_start = in_clause[k + 1].start if k + 1 < len(in_clause) else end
                reading = self._figure(
                    masked, number, mentions, markers, readings, taken, ci, (prev_end, next_start, offset, end), event
                )
                if reading is None and readings and readings[-1].clause == ci and readings[-1].code:
                    last = readings[-1]
                    if _CHANGE_TO.match(masked[last.number.end : number.start]):
                        reading = _Reading(last.code, number, last.confidence, clause=ci)
                if reading is not None:
                    previous = readings[-1] if readings else None
                    if (previous is not None and previous.code == reading.code and previous.clause == ci
                            and _CHANGE_TO.match(masked[previous.number.end : number.start])):  # fmt: skip
                        readings.pop()  # "由61.1%提高到73.7%": the new value, not the old
                    before = masked[offset : number.start]
                    reading.part = within or bool(self.slots["subset"].search(before))
                    total = self.slots["total"].search(masked, prev_end, number.start + 1)
                    reading.total = (reading.total or total is not None) and not reading.part
                    readings.append(reading)
                prev_end = number.end
            # A clause ending in 中 ("844名就业学生中，") opens a breakdown that runs to the sentence's end.
            within = within or clause.rstrip().endswith("中")
        readings += self._also
        readings += self._zeros(masked, parts, mentions, taken, markers)
        readings += self._ordinals(masked, parts, mentions, markers)
        for reading in _drop_parts(_drop_listed(readings, masked)):
            value = _typed(reading.number, self.dictionary.get(reading.code))
            if value is None:
                continue
            approximate = reading.number.approximate or reading.number.at_least
            yield Candidate(
                code=reading.code,
                value=value,
                confidence=reading.confidence * (APPROXIMATE_FACTOR if approximate else 1),
                evidence=evidence,
                approximate=approximate,
                at_least=reading.number.at_least,
            )

    # ---- slots ------------------------------------------------------------------------------------------------

    def _markers(self, masked: str, ctx: Context) -> list[_Marker]:
        """Where the sentence says whose figures follow and of when, in order."""
        out: list[_Marker] = []
        if ctx.year is not None:
            for m in _YEAR.finditer(masked):
                year = int(m.group(2) or m.group(1))
                slot = "present" if year == ctx.year else "past" if year < ctx.year else "future"
                out.append(_Marker(m.end() - 1, slot, _COMPARED.search(masked, 0, m.start()) is not None))
        for m in SCHOOL_NAME.finditer(masked):
            own = m.group(0) in ctx.own_names  # a school named when the school's own name is unknown: not known ours
            out.append(_Marker(m.end() - 1, "own" if own else "other"))
        # Slot words come last so that, ending where a year ends ("2021年至2025年"), they win (stable sort).
        aside = _ASIDE.sub(lambda m: "（" + "□" * (len(m.group(0)) - 2) + "）", masked)
        aside = SCHOOL_NAME.sub(lambda m: "□" * len(m.group(0)), aside)  # "学校" in a name is the name's
        for slot, name in (("other", "other_subject"), ("own", "own_subject"), ("past", "past"),
                           ("future", "future"), ("present", "present")):  # fmt: skip
            # A subject named in an aside ("（学籍在合作高职院校）") is not the sentence's subject.
            where = aside if slot in ("other", "own") else masked
            out += [
                _Marker(m.end() - 1, slot, slot == "past" and _COMPARED.search(masked, 0, m.start()) is not None)
                for m in self.slots[name].finditer(where)
            ]
        return sorted(out, key=lambda m: m.start)

    @staticmethod
    def _state(markers: list[_Marker], before: int, clause_start: int = 0) -> tuple[str, str]:
        """(subject, time) in force at a place: the last marker of each kind before it (a comparison's reference
        only inside its own clause)."""
        subject, time = "own", "present"
        for marker in markers:
            if marker.start >= before:
                break
            if marker.local and marker.start < clause_start:
                continue
            if marker.slot in ("own", "other"):
                subject = marker.slot
            else:
                time = marker.slot
        return subject, time

    # ---- one figure -------------------------------------------------------------------------------------------

    def _figure(
        self,
        masked: str,
        number: Number,
        mentions: list[Mention],
        markers: list[_Marker],
        readings: list[_Reading],
        taken: set[int],
        ci: int,
        bounds: tuple[int, int, int, int],
        event: bool,
    ) -> _Reading | None:
        seg_start, next_start, clause_start, clause_end = bounds
        code = None
        candidates = _bind(masked, number, mentions, seg_start, next_start)
        lead = masked[clause_start : number.start]
        if not candidates and seg_start == clause_start and _TOPIC_VALUE.match(lead):
            # the head an earlier clause named: "高级工班及以上在校生占比偏低，2025年为28.6%",
            # "2021年…收入为86.5万元，2025年为132.8万元", "…职工，共计218人"
            left = [m for m in mentions if m.end <= clause_start and not m.blocker]
            candidates = left[-1:]
        # Exclusions act in the figure's phrase: from the previous figure (from the clause's start when the two are
        # listed together: "共组建订单班9个、在读学生318人") to the end of the figure or of its noun.
        listed = seg_start > clause_start and masked[seg_start : seg_start + 1] == "、"
        exclude_from = clause_start if listed else seg_start
        for mention in candidates:
            taken.add(mention.start)
            head_noun = next((m for m in mentions if m.start == mention.end), None)
            if mention.blocker or (mention.start >= number.end and head_noun is not None and head_noun.blocker):
                return None  # "17人…担任新型学徒制带徒导师": the last noun (导师) is the head
            after = next((m.start for m in mentions if m.start >= max(mention.end, number.end)), clause_end)
            cue_end = max(min(after, next_start), number.end, mention.end)
            weak = all(w for _, w in mention.codes)  # its cue may come from the predicate: so may an exclusion
            # (up to the next head of a concept or the next figure: "22个专业中开展校企合作培养的专业19个")
            onward = next((m.start for m in mentions if m.start >= mention.end and not m.blocker), clause_end)
            exclude_to = min(onward, next_start) if weak else max(number.end, mention.end)
            exclude = (min(exclude_from, mention.start), max(exclude_to, number.end, mention.end))
            code = self._resolve(mention, masked, (seg_start, cue_end), exclude)
            follower = next((m for m in mentions if m.start == mention.end and not m.blocker), None)
            if mention.start >= number.end and follower is not None:
                # "9名学生考取…国际职业技能证书": a weak noun right before a head of one of its concepts;
                # "12名国际课程班学生考取德国AHK职业资格证书": a noun right before what they did (a predicate head)
                named = {c for c, weak in follower.codes if not weak} & {c for c, weak in mention.codes if weak}
                did = {c for c, weak in follower.codes if not weak and self.lexicon.concepts[c].predicate}
                if len(did) == 1 and self._resolve(follower, masked, (seg_start, cue_end), exclude) in did:
                    named = did
                code = next(iter(named)) if len(named) == 1 else code
            if code is not None:
                break
        if code is None:
            previous = self._last.get(clause_start)
            if previous is not None and _CHANGE_TO.match(masked[previous[1] : number.start]):
                mention, code = previous[0], previous[2]
            else:
                return self._inferred(masked, number, readings, seg_start, ci)
        self._last[clause_start] = (mention, number.end, code)
        gap = number.start - mention.end if mention.end <= number.start else mention.start - number.end
        confidence = NEXT_TO if mention.end <= number.start and gap <= 3 else BOUND
        if all(weak for c, weak in mention.codes if c == code):
            confidence = WEAK  # a noun that needed its cue ("48家单位…校企合作关系") ranks below a head of its own
        concept = self.lexicon.concepts[code]
        if (
            number.unit == "%"
            and concept.share
            and mention.end <= number.start
            and "占" in masked[mention.end : number.start]
        ):
            code, concept = concept.share, self.lexicon.concepts[concept.share]  # "高级工班学生占22%"
        if number.unit not in concept.units or (number.unit == "" and number.start - mention.end > 3):
            if number.unit == "%" and self._share_of(masked, seg_start, number, readings) is not None:
                return self._inferred(masked, number, readings, seg_start, ci)
            return None
        if not self._own_now(masked, number, markers, (seg_start, clause_start, clause_end), mention, concept.stock):
            return None
        if event and number.unit in PERSON_UNITS:
            return None
        reading = _Reading(code, number, confidence, clause=ci)
        if concept.all_of and mention.start >= number.end and _ALL_OF.search(masked, mention.end, clause_end):
            # "开设的17个专业已全部实行校企合作培养": 17 is the count of majors and of cooperating majors
            also = self._resolve(mention, masked, (clause_start, number.start), (clause_start, number.start))
            if also == concept.all_of or (also is None and concept.all_of in {c for c, _ in mention.codes}):
                self._also.append(_Reading(concept.all_of, number, confidence, clause=ci))
        return reading

    def _own_now(
        self,
        masked: str,
        number: Number,
        markers: list[_Marker],
        span: tuple[int, int, int],
        mention: Mention,
        stock: bool = False,
    ) -> bool:
        """The figure is the school's own, of the report year, stated as a fact (not a target, change or plan)."""
        seg_start, clause_start, clause_end = span
        subject, time = self._state(markers, number.start, clause_start)
        if subject != "own" or time != "present":
            return False
        near = masked[min(seg_start, mention.start) : number.start]
        if self.slots["delta"].search(near) or self.slots["target"].search(near):
            return False
        if self.slots["pending"].search(masked, clause_start, clause_end):
            return False
        if not stock and self.slots["partial"].search(masked, 0, number.start):
            return False  # 上半年获证1,166人: part of the year (a stock, 在校生, is what it is whenever it is counted)
        return number.start not in self._unstated

    def _resolve(
        self, mention: Mention, masked: str, cue_span: tuple[int, int], exclude_span: tuple[int, int]
    ) -> str | None:
        """The concept a head names: cues decide between concepts (in the figure's phrase, else in the sentence or,
        for a head that names its concept but needs a cue, in the paragraph before), exclusions rule one out (in
        the figure's phrase: "非全日制在校生", "招收新生")."""
        phrase = masked[cue_span[0] : cue_span[1]]
        clause = _EXCLUDED_ASIDE.sub(lambda m: "□" * len(m.group(0)), masked)[exclude_span[0] : exclude_span[1]]
        head = (mention.start - exclude_span[0], mention.end - exclude_span[0])
        # How specifically each concept is named: 2 its cue is in the phrase, 1 in the sentence before the head
        # (since the school as a whole was last named: 全校, 全院), 0 a head of its own that needs no cue.
        reset = max((m.end() for m in _WHOLE.finditer(masked, 0, mention.start)), default=0)
        earlier = masked[reset : mention.start]
        fits: list[tuple[str, int]] = []
        for code, weak in mention.codes:
            concept = self.lexicon.concepts[code]
            level = 0
            if weak or concept.cue_only:
                if concept.cue is not None and concept.cue.search(phrase):
                    level = 2
                elif concept.cue is not None and (
                    concept.cue.search(earlier) or (not weak and concept.cue.search(self._paragraph))
                ):
                    level = 1
                else:
                    continue
            if concept.exclude is not None and _excluded(concept.exclude, clause, head):
                continue
            fits.append((code, level))
        if not fits:
            return None
        best = max(level for _, level in fits)
        fits = [f for f in fits if f[1] == best]
        return fits[0][0] if len(fits) == 1 else None

    def _share_of(self, masked: str, seg_start: int, number: Number, readings: list[_Reading]) -> str | None:
        """ "…1,290人，占在校生总数的40.2%": the ratio of the count read just before."""
        before = masked[seg_start : number.start]
        if "占" not in before or not readings:
            return None
        last = readings[-1]
        if last.number.end != self._previous_end:
            return None  # the count right before was not read ("在本地就业的为602人，占71.3%"): whose share is unknown
        if last.part and any(r.code == last.code and not r.part for r in readings):
            return None  # the share of a part of a whole already read ("…就业806人，占73.01%")
        return self.lexicon.concepts[readings[-1].code].share

    def _inferred(
        self, masked: str, number: Number, readings: list[_Reading], seg_start: int, ci: int
    ) -> _Reading | None:
        """A figure without a head of its own: a share after its count, or a total after its parts."""
        if number.unit == "%":
            share = self._share_of(masked, seg_start, number, readings)
            return None if share is None else _Reading(share, number, INFERRED, clause=ci)
        if (
            readings
            and self.slots["total"].search(masked, seg_start, number.start + 1)
            and not self.slots["subset"].search(masked, seg_start, number.start)
        ):
            last = readings[-1]
            if number.unit in self.lexicon.concepts[last.code].units and number.unit:
                return _Reading(last.code, number, INFERRED, total=True, clause=ci)
        return None

    # ---- figures said without digits ---------------------------------------------------------------------------

    def _zeros(
        self,
        masked: str,
        parts: list[tuple[int, str]],
        mentions: list[Mention],
        taken: set[int],
        markers: list[_Marker],
    ) -> list[_Reading]:
        """ "尚未聘请企业兼职教师", "本年度暂未开展企业新型学徒制培训": zero, where the concept allows it."""
        out: list[_Reading] = []
        for ci, (offset, clause) in enumerate(parts):
            end = offset + len(clause)
            for mention in mentions:
                if not offset <= mention.start < end or mention.start in taken or mention.blocker:
                    continue
                negation = None
                for m in self.slots["negation"].finditer(masked, offset, mention.start):
                    negation = m
                if negation is None or self.slots["not_zero"].search(masked, negation.end(), mention.start):
                    continue
                if any(ch.isdigit() for ch in masked[negation.end() : mention.start]):
                    continue
                codes = [c for c, _ in mention.codes if self.lexicon.concepts[c].zero_when_negated]
                # "国际课程班尚未开班，暂无在校生": the cue may stand in the clause before
                cue_from = parts[ci - 1][0] if ci else offset
                code = self._resolve(mention, masked, (cue_from, end), (offset, end)) if codes else None
                if code is None or code not in codes:
                    continue
                subject, time = self._state(markers, mention.start)
                if subject == "own" and time == "present":
                    zero = Number(0.0, "", mention.start, mention.end)
                    out.append(_Reading(code, zero, INFERRED, clause=ci))
        return out

    def _ordinals(
        self, masked: str, parts: list[tuple[int, str]], mentions: list[Mention], markers: list[_Marker]
    ) -> list[_Reading]:
        """ "这是学院第2个技能大师工作室": the school now has 2 (for things it keeps, not for events)."""
        out: list[_Reading] = []
        for ci, (offset, clause) in enumerate(parts):
            if "这是" not in clause and "是学校" not in clause and "是学院" not in clause:
                continue
            for m in _ORDINAL.finditer(masked, offset, offset + len(clause)):
                mention = next((x for x in mentions if m.end() <= x.start <= m.end() + 16), None)
                if mention is None or mention.blocker:
                    continue
                code = self._resolve(mention, masked, (offset, offset + len(clause)), (offset, offset + len(clause)))
                if code is None or not self.lexicon.concepts[code].stock:
                    continue
                value = _ordinal_value(m.group(1))
                subject, time = self._state(markers, m.start())
                if value and subject == "own" and time == "present":
                    out.append(_Reading(code, Number(float(value), "个", m.start(), m.end()), INFERRED, clause=ci))
        return out


def _excluded(exclude: re.Pattern[str], clause: str, head: tuple[int, int]) -> bool:
    """An excluding word in the clause that is not just the head's own words ("非全日制在校生" is excluded by 非全日制,
    though 全日制在校生 is the head)."""
    return any(not (head[0] <= m.start() and m.end() <= head[1]) for m in exclude.finditer(clause))


def _bind(masked: str, number: Number, mentions: list[Mention], seg_start: int, next_start: int) -> list[Mention]:
    """The heads that may name a figure, nearest first: the one right before it, and the nouns its measure word
    governs ("460名毕业生", "按50%的比例提取…", "45名企业技术骨干担任兼职教师")."""
    forward = None
    for mention in mentions:
        if seg_start <= mention.start and mention.end <= number.start:
            forward = mention
    if forward is not None and (
        number.start - forward.end > _GAP_MAX or masked[forward.end : forward.end + 1] == "中"
    ):  # "专任教师中具有高级职称的31人": a part of the head's group, not its count
        forward = None
    reverse: list[Mention] = []
    if number.unit in _CLASSIFIERS or number.unit == "%":
        following = [m for m in mentions if number.end <= m.start < next_start][:3]
        for m in following:
            gap = masked[number.end : m.start]
            if number.unit == "%":
                fits = gap in ("", "的")
            else:  # an appositive before 担任/作为 is passed over
                fits = bool(_REVERSE_GAP.match(gap)) or (m is not following[0] and bool(_APPOSITIVE.match(gap)))
            if fits:
                reverse.append(m)
    found = [m for m in (forward, *reverse) if m is not None]
    return sorted(found, key=lambda m: (m.start - number.end) if m.start >= number.end else (number.start - m.end))


def _ordinal_value(text: str) -> int:
    if text.isdigit():
        return int(text)
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + _CN_DIGIT.get(text[1:], 0)
    if len(text) == 2 and text[1] == "十":
        return _CN_DIGIT.get(text[0], 0) * 10
    return _CN_DIGIT.get(text, 0)


def _drop_listed(readings: list[_Reading], masked: str) -> list[_Reading]:
    """Figures of one concept listed side by side ("企业技师工作站1个、技能大师工作室2个") are its parts: without a
    total stated for them, none of them is the whole."""
    listed: set[int] = set()
    for a, b in pairwise(readings):
        if a.code == b.code and a.clause == b.clause and "、" in masked[a.number.end : b.number.start]:
            listed |= {id(a), id(b)}
    totals = {r.code for r in readings if r.total}
    return [r for r in readings if id(r) not in listed or r.code in totals]


def _drop_parts(readings: list[_Reading]) -> list[_Reading]:
    """A sentence's whole outranks its parts: a total ("工作室4个、工作站1个，共计合作5个") or a reading outside a
    breakdown ("其中直接就业518人…，就业（含升学）714人") makes the other readings of its concept give way; a part
    alone stays (it may be the only figure: "教职工412人，其中专任教师286人")."""
    totals = {r.code for r in readings if r.total}
    wholes = {r.code for r in readings if not r.part}
    out = []
    for r in readings:
        if r.code in totals and not r.total:
            continue
        if r.part and r.code in wholes:
            continue
        out.append(r)
    return out


def _typed(number: Number, indicator: Indicator | None) -> object | None:
    """The figure as the indicator's type, or None when its size cannot be that."""
    if indicator is None:
        return None
    if indicator.type == "pct":
        return round(number.value, 2) if 0 <= number.value <= 100 else None
    whole = as_int(number.value)
    return None if whole is None or whole < 0 else whole
