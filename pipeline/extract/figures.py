"""Figures stated in sentences: each number bound to the concept that names it, then judged by its clause's slots.

A sentence is read clause by clause. Every figure is bound to a head of the lexicon — the one before it ("在校生
3,210人") or the one its measure word governs ("460名毕业生") — and the head's concept is decided by the words of
the figure's own phrase (binding.py: cues and exclusions act there, not over the sentence). The clause's slots
(slots.py) then decide whether the figure is the school's own value for the report year:

- subject: the school itself, or another (全国, 全市, another school's name …) — a new subject resets the slot,
  and the slot carries on to the next clauses of the sentence;
- time: the report year, another year, the past or a plan — the last marker before the figure decides;
- manner: a target, a change (较上年增加…), a part (其中…) of a whole read too, pending (申报中);
- an event: a sentence about one dated event counts that event's people, not the school's.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from itertools import pairwise

from jigong.pipeline.dictionary import Indicator
from jigong.pipeline.extract import slots
from jigong.pipeline.extract.binding import ASIDE, PARTITIVE, bind, resolve
from jigong.pipeline.extract.candidates import Candidate, evidence_for
from jigong.pipeline.extract.context import Context
from jigong.pipeline.extract.lexicon import Concept, Lexicon, Mention, load_lexicon
from jigong.pipeline.extract.numbers import FIGURE_KINDS, Number, as_int, as_number, fold, stated
from jigong.pipeline.extract.quantity import find_quantities
from jigong.pipeline.extract.relations import load_relations
from jigong.pipeline.extract.sentences import clauses, document_sentences
from jigong.pipeline.extract.values import HIGHER_LEVEL, LEVEL_ALONE
from jigong.pipeline.model import Document, Evidence

NEXT_TO = 0.92  # the head right before the figure ("在校生3,210人", "就业率为98.6%")
BOUND = 0.88  # the head a few words away, or the measure word's noun ("460名毕业生")
WEAK = 0.8  # a weak noun resolved by its cue
INFERRED = 0.85  # a total after its parts, a share after its count, a zero said as a negation, "第2个"
APPROXIMATE_FACTOR = 0.7  # 约3,200人, 3,000余人: kept, never sure enough to pass

# "由2024年的126家增加至2025年的140家": the figure after 至/到 is the same quantity's new value.
_CHANGE_TO = re.compile(
    r"^[^，。；\d]{0,6}?(?:(?:增加|提高|提升|增长|上升|扩大|减少|下降|降低|增|升|降)?(?:至|到)|(?:调整|变|增加|扩大|减少|压缩)为)"
    r"(?:(?:19|20)\d\d年(?:底|末)?的?|(?:现在|目前|当前|现)的?)?$"
)
# right before a figure: what a count came to ("增至214家", "专职思政课教师增加到6名")
_RISEN_TO = re.compile(r"(?:增|增加|增长|提高|提升|扩大)(?:至|到)\s*$")
_ONE_OF = re.compile(r"^[个家人名所项]?[^，。；\d]{0,8}中的$")
_INCLUDES = re.compile(r"[（(](?:含|包括|包含)[^（）()]*[）)]")
_SCHOOLS_SET = re.compile(r"(?:全校|全院|学校|本校|我校)$")  # right before a figure: the school's whole set
# "全校18个专业中开展校企合作培养的14个": the figure after "X中 … 的" counts the part of X the words between name
_PART_OF = re.compile(
    r"^[个家人名所项]?([^，。；\d]{1,8})中(?![级职专高外德国心学层])[，,]?([^，。；\d]{2,20}?)的(?:有|共|为)?$"
)
_QUOTED = re.compile(r"《[^》]*》")
_ZERO_OR_ORDINAL = re.compile(r"尚未|暂未|未|没有|尚无|暂无|无|第")
_TOPIC_VALUE = re.compile(r"^\s*(?:(?:19|20)\d\d年(?:度)?)?\s*(?:为|达|达到|是|仅为|只有|共计|合计|总计|共有|共|计)$")
_ACTUAL_AFTER_PLAN = re.compile(r"^\s*实际(?:上)?[\u4e00-\u9fff]{0,3}?(?:了|为|达|达到)?$")
_SHARE_WORDS = re.compile(r"占|比例|比重")  # "占在校生总数的40.2%", "比例为80.0%", "所占比重为37%"
# "…1,940人，占全日制在校生总数4,218人的46.0%": 占 right after the count (its unit, a comma), the whole's figure,
# then 的 and the share.
_SHARE_OF_WHOLE = re.compile(r"^[人个名家项所次]?[，,]?(?:约|共|分别)?占[^，；。：]{0,16}$")
_SHARE_AFTER_WHOLE = re.compile(r"^[人个名家项所次]?(?:专业|企业|学生|在校生)?的(?:比例为?|比重为?)?$")
_ALL_OF = re.compile(r"[^，。；\d]{0,4}?(?:全部|均|都|全都|全面)")
_ORDINAL = re.compile(r"第([\d一二两三四五六七八九十]+)个")
_CN_DIGIT = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"两": 2, "十": 10}
PERSON_UNITS = {"人", "名", "位"}
# What a clause may open with before saying what it counts: times, the school as subject, 共.
_LEAD = re.compile(r"^(?:\s|(?:19|20)\d\d年度?|全年|年内|本年度|今年|学校|本校|我校|该校|学院|本院|还|另|并|同时)*")
_WHOLE = re.compile(r"共|合计|总")  # a clause saying the whole is no category of it
_EVENT_OPENING = 16  # a news item opens with its day: "5月15日，…举办…"


@dataclass
class _Reading:
    code: str
    number: Number
    confidence: float
    total: bool = False  # "全年…共5次", "共计合作5个": the whole, before which its parts give way
    part: bool = False  # "其中直接就业518人", "…就业学生中，在本地就业的为602人": a part of a whole
    clause: int = 0


@dataclass
class _Sentence:
    """One sentence being read: its text (quotations masked), heads, markers, and what is read of it so far."""

    masked: str
    mentions: list[Mention]
    markers: list[slots.Marker]
    unstated: set[int]  # where its ranges, vague figures, floors and ceilings start
    paragraph: str  # the paragraph before it: a cue there may name a specific concept
    event: bool  # about one dated event: its people are the event's
    readings: list[_Reading] = field(default_factory=list)
    taken: set[int] = field(default_factory=set)  # heads already given a figure
    last: dict[int, tuple[Mention, int, str]] = field(default_factory=dict)  # clause → last head, its end, concept
    also: list[_Reading] = field(default_factory=list)  # second readings ("17个专业已全部实行校企合作")
    previous_end: int = -1  # where the figure before the one being read ends
    figures: list[Number] = field(default_factory=list)  # every figure of the sentence


# between a level's name and its figure: the rest of the name and its pupils ("（技师）班学生", "班共")
_LEVEL_TO_FIGURE = re.compile(r"(?:[（(]技师[)）])?班?(?:在校生|在校学生|学生)?(?:共|有|为)?")


def _higher_levels(st: _Sentence, number: Number, higher: re.Pattern[str]) -> float | None:
    """The figures of the higher levels named beside a senior level's ("，预备技师班54人"): None when one has no figure
    right after it or is a part of the senior level's ("高级工班628人，其中预备技师班54人")."""
    added = 0.0
    # (within the statement: "…大学生技师班计划招收本科毕业生135人；学院现有预备技师（技师）班在校生680人、…")
    start = st.masked.rfind("；", 0, number.start) + 1
    end = st.masked.find("；", number.end)
    end = end if end >= 0 else len(st.masked)
    for level in higher.finditer(st.masked, start, end):
        if "其中" in st.masked[number.end : level.start()]:
            return None
        figure = next((n for n in st.figures if _LEVEL_TO_FIGURE.fullmatch(st.masked, level.end(), n.start)), None)
        if figure is None or figure.unit != number.unit:
            return None
        added += figure.value
    return added


class FigureReader:
    """Reads numeric indicators from sentences; built once per run from the dictionary and the lexicon."""

    def __init__(self, dictionary: dict[str, Indicator], lexicon: Lexicon | None = None) -> None:
        self.dictionary = dictionary
        self.lexicon = lexicon or load_lexicon()
        self.slots = self.lexicon.slots
        # what a 其中 may break a whole into (relations.yaml at_most): part → its wholes
        self.parts_of: dict[str, set[str]] = {}
        for part, whole in load_relations().at_most:
            self.parts_of.setdefault(part, set()).add(whole)

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
        text = fold(raw)
        quantities = [q for q in find_quantities(text) if q.kind in FIGURE_KINDS]
        if not quantities and not _ZERO_OR_ORDINAL.search(text):
            return
        masked = _QUOTED.sub(lambda m: "□" * len(m.group(0)), text)
        figures = [as_number(q) for q in quantities]
        parts = clauses(text)
        day = self.slots["event_day"].search(masked, 0, _EVENT_OPENING)
        st = _Sentence(
            masked=masked,
            mentions=self.lexicon.mentions(masked),
            markers=slots.markers(masked, ctx, self.slots),
            unstated={q.start for q in quantities if not stated(q)},
            paragraph=_QUOTED.sub(lambda m: "□" * len(m.group(0)), fold(paragraph)),
            event=bool(
                day
                and masked[max(0, day.start() - 2) : day.start()] not in ("截至", "截止")
                and self.slots["event_verb"].search(masked)
            ),
            figures=figures,
        )
        readings = st.readings
        previous_figure_end = -1
        within = False  # a clause ending in 中 ("1,104名就业学生中，") opens a breakdown of what it names
        for ci, (offset, clause) in enumerate(parts):
            end = offset + len(clause)
            in_clause = [n for n in figures if offset <= n.start < end]
            prev_end = offset
            for k, number in enumerate(in_clause):
                st.previous_end = previous_figure_end
                previous_figure_end = number.end
                next_start = in_clause[k + 1].start if k + 1 < len(in_clause) else end
                reading = self._figure(st, number, ci, (prev_end, next_start, offset, end))
                if reading is None and readings and readings[-1].clause == ci and readings[-1].code:
                    last = readings[-1]
                    now = slots.state(st.markers, number.start, offset) == ("own", "present")
                    if now and _CHANGE_TO.match(masked[last.number.end : number.start]):
                        reading = _Reading(last.code, number, last.confidence, clause=ci)
                    elif now and _ONE_OF.match(masked[last.number.end : number.start]):
                        # "开展校企合作培养的专业覆盖全校19个专业中的13个": the figure after 中的 is the head's, and
                        # the school's set it is one of is the whole the head's concept is a part of
                        readings.pop()
                        wholes = self.parts_of.get(last.code, set())
                        if len(wholes) == 1 and _SCHOOLS_SET.search(masked, 0, last.number.start):
                            readings.append(_Reading(next(iter(wholes)), last.number, last.confidence, clause=ci))
                        reading = _Reading(last.code, number, last.confidence, clause=ci)
                if reading is None and readings and readings[-1].code and readings[-1].clause >= ci - 1:
                    part = self._part_of(st, readings[-1], number)  # "18个专业中，开展校企合作的有14个"
                    if part is not None and slots.state(st.markers, number.start, offset) == ("own", "present"):
                        reading = _Reading(part, number, readings[-1].confidence, clause=ci)
                if reading is not None:
                    previous = readings[-1] if readings else None
                    if (previous is not None and previous.code == reading.code and previous.clause == ci
                            and _CHANGE_TO.match(masked[previous.number.end : number.start])):  # fmt: skip
                        readings.pop()  # "由61.1%提高到73.7%": the new value, not the old
                    elif _RISEN_TO.search(masked, offset, number.start):
                        # "已与213家企业建立合作关系，本次签约后合作企业增至214家": what it came to, not what it was
                        readings[:] = [r for r in readings if r.code != reading.code]
                    before = masked[offset : number.start]
                    reading.part = within or bool(self.slots["subset"].search(before))
                    total = self.slots["total"].search(masked, prev_end, number.start + 1)
                    reading.total = (reading.total or total is not None) and not reading.part
                    # "工作室现有成员12人，其中企业兼职教师5人": a part of some body's members is not the school's
                    whole = masked[ci and parts[ci - 1][0] : offset]
                    if not (reading.part and ci and _MEMBERS.search(whole)):
                        readings.append(reading)
                prev_end = number.end
            # A clause ending in 中 ("844名就业学生中，") opens a breakdown that runs to the sentence's end.
            within = within or clause.rstrip().endswith("中")
        readings += st.also
        readings = _specific_parts(readings, figures, masked, self.lexicon.concepts)
        readings = _drop_wholes_with_uncounted_parts(readings, masked, self._leaves_out)
        readings += self._zeros(st, parts)
        readings += self._ordinals(st, parts)
        subset = self.slots["subset"].search(masked)
        kept = _drop_categories(_drop_listed(readings, masked), subset.start() if subset else None)
        kept = _drop_parallel(kept, masked, parts, figures)
        kept = _drop_qualified_parts(kept, masked, st.mentions, self.lexicon.concepts)
        for reading in _drop_parts(_drop_foreign_parts(kept, figures, self.parts_of)):
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

    def _part_of(self, st: _Sentence, whole: _Reading, number: Number) -> str | None:
        """The concept of a figure counting a part of the set a figure before it named ("全校18个专业中开展校企合作
        培养的14个"): the set's noun read with the words between 中 and the figure, a concept that is a part of
        the whole's (relations.yaml at_most); None for anything else."""
        start = whole.number.end
        match = _PART_OF.match(st.masked[start : number.start])
        if match is None:
            return None
        noun = next((m for m in st.mentions if m.start >= start and m.end == start + match.end(1)), None)
        if noun is None or noun.blocker:
            return None
        qualifier = (start + match.start(2), start + match.end(2))
        code = resolve(self.lexicon, noun, st.masked, qualifier, qualifier)
        return code if code is not None and whole.code in self.parts_of.get(code, set()) else None

    # ---- one figure -------------------------------------------------------------------------------------------

    def _figure(self, st: _Sentence, number: Number, ci: int, bounds: tuple[int, int, int, int]) -> _Reading | None:
        """The reading of one figure, or None when it is not the school's own value for the report year."""
        seg_start, next_start, clause_start, clause_end = bounds
        masked, mentions = st.masked, st.mentions
        code = None
        candidates = bind(masked, number, mentions, seg_start, next_start)
        lead = masked[clause_start : number.start]
        if not candidates and seg_start == clause_start and _TOPIC_VALUE.match(lead):
            # the head an earlier clause named: "高级工班及以上在校生占比偏低，2025年为28.6%",
            # "2021年…收入为86.5万元，2025年为132.8万元", "…职工，共计218人"
            left = [m for m in mentions if m.end <= clause_start and not m.blocker]
            candidates = left[-1:]
        elif not candidates and seg_start == clause_start and _ACTUAL_AFTER_PLAN.match(lead) and st.last:
            # "计划招收学徒120人，实际入学104人": what was achieved, of the figure the plan named
            planned_at = max((k for k in st.last if k < clause_start), default=None)
            if planned_at is not None and self.slots["future"].search(masked, planned_at, clause_start):
                candidates = [st.last[planned_at][0]]
        # Exclusions act in the figure's phrase: from the previous figure (from the clause's start when the two are
        # listed together: "共组建订单班9个、在读学生318人") to the end of the figure or of its noun.
        listed = seg_start > clause_start and masked[seg_start : seg_start + 1] == "、"
        exclude_from = clause_start if listed else seg_start
        previous_clause = clause_start
        if seg_start == clause_start and number.unit in PERSON_UNITS and clause_start:
            previous_clause = slots.clause_start(masked, clause_start - 1)
        if (
            previous_clause < clause_start
            and (
                _CLASS_COUNT.search(masked, 0, clause_start)
                or _CLASSES_SUBJECT.match(masked, previous_clause, clause_start)
            )
            and not self.slots["own_subject"].search(masked, clause_start, number.start)
        ):
            # the pupils of the classes just counted or spoken of ("组建双元制班3个，在读学生96人", "订单班覆盖…
            # 7个专业，在读学生约420人"): that clause's words too; the school named again ("…，全校全日制在校生
            # 3,086人") speaks for all
            exclude_from = previous_clause
        for mention in candidates:
            st.taken.add(mention.start)
            head_noun = next((m for m in mentions if m.start == mention.end), None)
            if mention.blocker or (mention.start >= number.end and head_noun is not None and head_noun.blocker):
                return None  # "17人…担任新型学徒制带徒导师": the last noun (导师) is the head
            # the predicate runs past a partner named after a preposition ("8个专业与企业开展订单培养")
            after = next(
                (
                    m.start
                    for m in mentions
                    if m.start >= max(mention.end, number.end)
                    and not (_PARTNER.match(masked, m.start - 1) and m.weak_only)
                ),
                clause_end,
            )
            stop = next((m for m in mentions if m.start == after), None)
            if stop is not None and stop.blocker:  # "开展订单班": the object's words still cue the figure's concept
                after = stop.end
            cue_end = max(min(after, next_start), number.end, mention.end)
            # "18个专业中开展校企合作培养的…": what follows 中 names a part, not the set
            partitive = mention.start >= number.end and bool(PARTITIVE.match(masked, mention.end))
            if partitive:
                cue_end = mention.end
            weak = all(w for _, w in mention.codes)  # its cue may come from the predicate: so may an exclusion
            # (up to the next head of a concept or the next figure: "22个专业中开展校企合作培养的专业19个")
            # (a partner after a preposition is no head: "8个专业与企业合作开设订单班")
            onward = next(
                (
                    m.start
                    for m in mentions
                    if m.start >= mention.end
                    and not m.blocker
                    and not (_PARTNER.match(masked, m.start - 1) and m.weak_only)
                ),
                clause_end,
            )
            exclude_to = min(onward, next_start) if weak and not partitive else max(number.end, mention.end)
            exclude = (min(exclude_from, mention.start), max(exclude_to, number.end, mention.end))
            code = resolve(self.lexicon, mention, _unnamed(masked, exclude_from, number.start), (seg_start, cue_end),
                           exclude, st.paragraph)  # fmt: skip
            follower = next((m for m in mentions if m.start == mention.end and not m.blocker), None)
            if mention.start >= number.end and follower is not None:
                # "9名学生考取…国际职业技能证书": a weak noun right before a head of one of its concepts;
                # "12名国际课程班学生考取德国AHK职业资格证书": a noun right before what they did (a predicate head)
                named = {c for c, weak in follower.codes if not weak} & {c for c, weak in mention.codes if weak}
                did = {c for c, _ in follower.codes if self.lexicon.concepts[c].predicate}  # resolved by its cue below
                if len(did) == 1 and resolve(self.lexicon, follower, masked, (seg_start, cue_end), exclude) in did:
                    named = did
                code = next(iter(named)) if len(named) == 1 else code
            if code is not None and weak and self._denied(masked, max(number.end, mention.end), cue_end):
                return None  # "表列以外的3个专业暂未开展校企合作": the predicate that names the concept is denied
            if code is not None:
                break
        if code is not None and number.weak and mention.start >= number.end:
            return None  # "一家合作企业的负责人", "与一家企业签约": a lone 一/两 before its noun is an article
        if code is None:
            previous = st.last.get(clause_start)
            if previous is not None and _CHANGE_TO.match(masked[previous[1] : number.start]):
                mention, code = previous[0], previous[2]
            else:
                return self._inferred(st, number, seg_start, ci)
        st.last[clause_start] = (mention, number.end, code)
        gap = number.start - mention.end if mention.end <= number.start else mention.start - number.end
        confidence = NEXT_TO if mention.end <= number.start and gap <= 3 else BOUND
        if all(weak for c, weak in mention.codes if c == code):
            confidence = WEAK  # a noun that needed its cue ("48家单位…校企合作关系") ranks below a head of its own
        concept = self.lexicon.concepts[code]
        note = _INCLUDES.match(masked, number.end)
        if note is not None and self._leaves_out(code, note.group(0)):
            return None  # "在校生3,000人（含非全日制学员200人）" counts a kind the concept leaves out
        higher = HIGHER_LEVEL.get(code)
        if higher is not None and LEVEL_ALONE.match(masked[mention.start : mention.end]) and higher.search(masked):
            # "其中高级工班628人，预备技师班54人": the senior level alone; 及以上 is the levels' sum
            added = _higher_levels(st, number, higher)
            if added is None:
                return None
            number = replace(number, value=number.value + added)
        if concept.exclude_after is not None and concept.exclude_after.search(
            masked, max(number.end, mention.end), clause_end
        ):
            return None
        if (
            number.unit == "%"
            and concept.share
            and mention.end <= number.start
            and "占" in masked[mention.end : number.start]
        ):
            code, concept = concept.share, self.lexicon.concepts[concept.share]  # "高级工班学生占22%"
        if number.unit not in concept.units or (number.unit == "" and number.start - mention.end > 3):
            if number.unit == "%" and self._share_of(st, seg_start, number) is not None:
                return self._inferred(st, number, seg_start, ci)
            return None
        if not self._own_now(st, number, (seg_start, clause_start, clause_end), mention, concept):
            return None
        # what a speaker tells of the school at the event ("签约现场，副校长介绍，学校现开设专业16个，…合作企业37家")
        # and a tally up to a date ("截至6月底，已有2,176名毕业生与用人单位签订就业协议")
        event = (
            st.event and not _REPORTED.search(masked, 0, number.start) and not _TALLY.search(masked, 0, number.start)
        )
        if (
            event
            and number.unit in PERSON_UNITS
            and not _SCHOOL_TOTAL.match(masked, clause_start, number.start)
            and not _FAREWELL.search(masked, clause_start, number.start)
            and not _SEEN_OFF.match(masked, number.end)
        ):
            # those at the event; "学院2025届毕业生共892人" is the school's own count, and a graduation sees off
            # the whole cohort ("送别该校1437名毕业生", "准予2025届967名学生毕业")
            return None
        if number.unit in PERSON_UNITS and _ATTENDED.match(masked, number.end):
            return None  # "学员50余人参加", "60余名毕业生与用人单位现场签约": those at one occasion
        if event and number.unit == "家" and not _STOCK_NOW.search(masked, clause_start, number.start):
            return None  # "推介会吸引了26家企业": the event's guests ("合作企业增至58家" is the school's count)
        reading = _Reading(code, number, confidence, clause=ci)
        if concept.all_of and mention.start >= number.end and _ALL_OF.match(masked, mention.end, clause_end):
            # "开设的17个专业已全部实行校企合作培养": 17 is the count of majors and of cooperating majors
            also = resolve(self.lexicon, mention, masked, (clause_start, number.start), (clause_start, number.start))
            if also == concept.all_of:  # the phrase names the whole ("开设的"), not a list ("…等6个专业全部")
                st.also.append(_Reading(concept.all_of, number, confidence, clause=ci))
        return reading

    def _leaves_out(self, code: str, text: str) -> bool:
        """Whether the text names people of a kind the concept leaves out ("非全日制学员", "外聘教师",
        "招收高中阶段毕业生的高级工班学生" for a demonstration major's pupils)."""
        exclude = self.lexicon.concepts[code].exclude
        return exclude is not None and any(exclude.search(k.group(0)) for k in self.slots["other_kind"].finditer(text))

    def _denied(self, masked: str, start: int, end: int) -> bool:
        """A negation ("暂未开展", "没有") in the predicate after a figure and its noun."""
        found = self.slots["negation"].finditer(masked, start, end)
        return any(not masked.startswith("未来", m.start()) for m in found)

    def _own_now(
        self, st: _Sentence, number: Number, span: tuple[int, int, int], mention: Mention, concept: Concept
    ) -> bool:
        """The figure is the school's own, of the report year, stated as a fact (not a target, change or plan)."""
        seg_start, clause_start, clause_end = span
        masked = st.masked
        stock = concept.stock
        found = st.markers
        if concept.of_major:  # "该专业一、二、三年级全日制在校生共318人": the demonstration major's own pupils
            found = [k for k in found if not (k.slot == "other" and masked[k.start - 1 : k.start + 1] == "专业")]
        subject, time = slots.state(found, number.start, clause_start)
        if subject != "own" or time != "present":
            return False
        near = masked[min(seg_start, mention.start) : number.start]
        near = near[near.rfind("：") + 1 :]  # "办学规模持续扩大：全日制在校生6 218人": a colon opens a new statement
        if self.slots["delta"].search(near) or self.slots["target"].search(near):
            return False
        if self.slots["pending"].search(masked, clause_start, clause_end):
            return False
        if not stock and any(
            slots.reaches(masked, m.end() - 1, number.start)
            and not any(k.year and k.slot == "present" and m.end() <= k.start < number.start for k in st.markers)
            for m in self.slots["partial"].finditer(masked, 0, number.start)
            if not _TALLY_TO.search(masked, max(0, m.start() - 8), m.start())  # "截至典礼当天": a tally, no occasion
        ):
            # 上半年获证1,166人: part of the year (a stock, 在校生, is what it is whenever it is counted); the report
            # year named after it ("加上上半年开班的两期，学院2025年共…") speaks of the whole year again
            return False
        return number.start not in st.unstated

    def _share_of(self, st: _Sentence, seg_start: int, number: Number) -> str | None:
        """ "…1,290人，占在校生总数的40.2%": the ratio of the count read just before."""
        readings = st.readings
        before = st.masked[seg_start : number.start]
        if len(readings) >= 2 and readings[-1].number.end == st.previous_end:
            # "高级工班在校生1,940人，占全日制在校生总数4,218人的46.0%": the whole stands between the count and its
            # share; the share is the count's, the figure before 占
            part, whole = readings[-2], readings[-1]
            opened = _SHARE_OF_WHOLE.match(st.masked[part.number.end : whole.number.start])
            if opened and _SHARE_AFTER_WHOLE.match(st.masked[whole.number.end : number.start]):
                return self.lexicon.concepts[part.code].share
        if not _SHARE_WORDS.search(before) or not readings:
            return None
        last = readings[-1]
        if last.number.end != st.previous_end:
            return None  # the count right before was not read ("在本地就业的为602人，占71.3%"): whose share is unknown
        if last.part and any(r.code == last.code and not r.part for r in readings):
            return None  # the share of a part of a whole already read ("…就业806人，占73.01%")
        return self.lexicon.concepts[readings[-1].code].share

    def _inferred(self, st: _Sentence, number: Number, seg_start: int, ci: int) -> _Reading | None:
        """A figure without a head of its own: a share after its count, or a total after its parts."""
        masked, readings = st.masked, st.readings
        if number.unit == "%":
            share = self._share_of(st, seg_start, number)
            return None if share is None else _Reading(share, number, INFERRED, clause=ci)
        total = self.slots["total"].search(masked, seg_start, number.start + 1)
        if (
            readings
            and total is not None
            and not self.slots["subset"].search(masked, seg_start, number.start)
            # "…，共计合作5个" sums what was listed; "与之配套的实训功能区共56个" counts a thing of its own
            and len(masked[seg_start : total.start()].strip("，、；：,; ")) <= 2
        ):
            last = readings[-1]
            if number.unit in self.lexicon.concepts[last.code].units and number.unit:
                return _Reading(last.code, number, INFERRED, total=True, clause=ci)
        return None

    # ---- figures said without digits ---------------------------------------------------------------------------

    def _zeros(self, st: _Sentence, parts: list[tuple[int, str]]) -> list[_Reading]:
        """ "尚未聘请企业兼职教师", "本年度暂未开展企业新型学徒制培训": zero, where the concept allows it."""
        masked = st.masked
        out: list[_Reading] = []
        for ci, (offset, clause) in enumerate(parts):
            end = offset + len(clause)
            for mention in st.mentions:
                if not offset <= mention.start < end or mention.start in st.taken or mention.blocker:
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
                code = resolve(self.lexicon, mention, masked, (cue_from, end), (offset, end)) if codes else None
                if code is None or code not in codes:
                    continue
                needs = self.lexicon.concepts[code].zero_needs
                if needs is not None and not needs.search(masked, offset, end):
                    continue  # "未参加国际技能大赛" denies the contests only, not the exchanges the concept counts too
                subject, time = slots.state(st.markers, mention.start)
                if subject == "own" and time == "present":
                    zero = Number(0.0, "", mention.start, mention.end)
                    out.append(_Reading(code, zero, INFERRED, clause=ci))
        return out

    def _ordinals(self, st: _Sentence, parts: list[tuple[int, str]]) -> list[_Reading]:
        """ "这是学院第2个技能大师工作室": the school now has 2 (for things it keeps, not for events)."""
        masked = st.masked
        out: list[_Reading] = []
        for ci, (offset, clause) in enumerate(parts):
            if "这是" not in clause and "是学校" not in clause and "是学院" not in clause:
                continue
            for m in _ORDINAL.finditer(masked, offset, offset + len(clause)):
                mention = next((x for x in st.mentions if m.end() <= x.start <= m.end() + 16), None)
                if mention is None or mention.blocker:
                    continue
                span = (offset, offset + len(clause))
                code = resolve(self.lexicon, mention, masked, span, span)
                if code is None or not self.lexicon.concepts[code].stock:
                    continue
                value = _ordinal_value(m.group(1))
                subject, time = slots.state(st.markers, m.start())
                if value and subject == "own" and time == "present":
                    out.append(_Reading(code, Number(float(value), "个", m.start(), m.end()), INFERRED, clause=ci))
        return out


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


_PARTNER = re.compile(r"[与和同跟向]")
# (an aside does not count: "一千三百余名学生（不含在企业顶岗实习的学生）齐聚运动场")
_ATTENDED = re.compile(
    r"(?:[^，。；\d（(]|[（(][^）)]*[)）]){0,10}?(?:参加|出席|参会|到场|进场|入场|观摩|现场签约|签约|齐聚|聚集|集结)"
)
_MEMBERS = re.compile(r"成员|会员")
# A clause of an event's sentence that names the school anew and counts its own people in total.
_SCHOOL_TOTAL = re.compile(
    r"(?:学校|学院|本校|我校|该校|全校|全院)[^，；。]{0,14}?(?:共|共有|共计|合计|总计|总数为?)[^，；。\d]{0,6}$"
)
_FAREWELL = re.compile(r"(?:送别|送行|欢送|准予)[^，。；\d]{0,8}(?:20\d\d届)?$")
_SEEN_OFF = re.compile(r"[^，。；]{0,14}?(?:送行|送别|告别校园|告别母校|离开校园|走出校园)")
_TALLY = re.compile(r"截至|截止")
_TALLY_TO = re.compile(r"(?:截至|截止)[^，。；\d]{0,6}$")
_CLASS_COUNT = re.compile(r"班\s*[\d一二两三四五六七八九十]+\s*个[，,]$")
# a clause whose subject is a kind of class ("订单班覆盖…"); not the school's classes (教学班) nor a level (高级工班)
_CLASSES_SUBJECT = re.compile(r"[^，。；\d]{0,8}(?<!教学)(?<!工)(?<!技师)班(?![主级长])")
_REPORTED = re.compile(r"(?:介绍|表示|透露|指出|说)[，,：:]")
_STOCK_NOW = re.compile(r"增至|增加到|增加至|达到|达|总数|共有|现有|已有")


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


def _drop_foreign_parts(
    readings: list[_Reading], figures: list[Number], parts_of: dict[str, set[str]]
) -> list[_Reading]:
    """A 其中 count right after another concept's whole that is not one of that whole's known parts ("毕业生965人，
    其中获得职业技能等级证书的917人": graduates who hold a certificate, not the certificates issued) is no value."""
    out = []
    for r in readings:
        if r.part and r.number.unit not in ("%", "％"):
            before = [n for n in figures if n.end <= r.number.start]
            whole = next((w for w in readings if before and w.number.start == before[-1].start and not w.part), None)
            if (
                whole is not None
                and whole.code != r.code
                and whole.code not in parts_of.get(r.code, set())
                and whole.number.unit == r.number.unit  # "与34家企业…，其中7个专业…": 其中 of something else
            ):
                continue
        out.append(r)
    return out


# A list of names right before a figure ("开设机电一体化、工业机器人应用与维护、电子商务等12个专业"), opened by what is
# done with them: the names are instances, their words neither cue nor exclude the figure's concept.
_NAMES = re.compile(r"(?:开设|设置|设有|下设|开办|涵盖|包括|包含|覆盖|如|有)([^，。；：\d]{1,24}、[^，。；：\d]*?)等$")


def _unnamed(masked: str, start: int, end: int) -> str:
    """The sentence with the list of names right before `end` (searched from `start`) blanked out."""
    found = _NAMES.search(masked, start, end)
    if found is None:
        return masked
    return masked[: found.start(1)] + "□" * (found.end(1) - found.start(1)) + masked[found.end(1) :]


def _drop_qualified_parts(
    readings: list[_Reading],
    masked: str,
    mentions: list[Mention],
    concepts: dict,  # type: ignore[type-arg]
) -> list[_Reading]:
    """A 其中 part of a whole that names no concept of its own, whose words the part's concept leaves out
    ("承担思想政治课教学的教师共14人，其中专职教师11人": 思政 teachers, not the school's full-time teachers).
    A whole that names a concept ("学生总数（含非全日制）…，其中全日制在校生…") is read by its own head; its part
    says what it is."""
    out = []
    for r in readings:
        subset = masked.rfind("其中", 0, r.number.start)
        if r.part and subset > 0:
            start = slots.clause_start(masked, subset - 1)
            exclude = concepts[r.code].exclude
            named = any(start <= m.start < subset for m in mentions)
            if not named and exclude is not None and exclude.search(masked, start, subset):
                continue
        out.append(r)
    return out


def _drop_categories(readings: list[_Reading], subset: int | None) -> list[_Reading]:
    """After 其中, one concept read again and again with other values outside the 其中 clause is a breakdown by
    category ("其中中级工班毕业生812人，就业率98.15%；高级工班毕业生535人，就业率97.38%"): none is the school's."""
    if subset is None:
        return readings
    after = [r for r in readings if r.number.start > subset and not r.part and not r.total]
    split = {r.code for r in after if any(o.code == r.code and o.number.value != r.number.value for o in after)}
    return [r for r in readings if not (r.code in split and r.number.start > subset)]


_SUBSET_OF = re.compile(r"其中|中(?=[^，。；\d]{0,14}(?:有|为)$)")


# a part said not to count towards what the figure is for ("其中招收高中毕业生的…42人不纳入计算")
_UNCOUNTED = re.compile(r"不纳入|不计入|未纳入|未计入")


def _drop_wholes_with_uncounted_parts(
    readings: list[_Reading], masked: str, leaves_out: Callable[[str, str], bool]
) -> list[_Reading]:
    """A whole followed by a 其中 part said not to count, or of a kind the concept leaves out ("该专业…在校生共386人，
    其中…高级工班学生42人不纳入计算", "…共298人，其中招收高中阶段毕业生的高级工班学生31人"): the whole holds members
    the concept does not count, so it is not the concept's figure."""
    if "其中" not in masked:
        return readings
    out = []
    for reading in readings:
        subset = masked.find("其中", reading.number.end)
        # (the part right after the whole: "386人，其中…")
        if subset >= 0 and not reading.part and not masked[reading.number.end : subset].strip("，, "):
            end = min((i for i in (masked.find(p, subset) for p in "；。") if i >= 0), default=len(masked))
            # (the kind in the part's own clause, not in an aside of another figure's: "（不含招收高中毕业生的…）")
            clause = ASIDE.sub("", masked[subset : slots.clause_end(masked, subset)])
            if _UNCOUNTED.search(masked, subset, end) or leaves_out(reading.code, clause):
                continue
        out.append(reading)
    return out


def _specific_parts(
    readings: list[_Reading],
    figures: list[Number],
    masked: str,
    concepts: dict,  # type: ignore[type-arg]
) -> list[_Reading]:
    """A whole whose head names more than its concept counts, then a part naming those it counts ("另聘兼职教师25人，
    其中从合作企业聘请的14人", "5个工作室中与合作企业共建的有3个"): the part is the concept's figure, not the whole."""
    out = list(readings)
    added: list[_Reading] = []
    replaced: set[tuple[str, float]] = set()
    for whole in readings:
        concept = concepts.get(whole.code)
        if concept is None or concept.specific is None or whole.part:
            continue
        start = slots.clause_start(masked, whole.number.start)
        if concept.specific.search(masked, start, whole.number.start):
            continue  # the whole already names them ("企业兼职教师25人，其中高级技师14人")
        # the whole, or the whole said again ("工作室共5个…；5个工作室中与合作企业共建的有3个")
        for at in [whole.number] + [
            n
            for n in figures
            if n.start > whole.number.end and (n.value, n.unit) == (whole.number.value, whole.number.unit)
        ]:
            after = next((n for n in figures if n.start >= at.end), None)
            if after is None or after.unit != at.unit:
                continue
            between = masked[at.end : after.start]
            subset = _SUBSET_OF.search(between)
            if (
                subset is None
                or "；" in between
                or "。" in between
                or not concept.specific.search(between, subset.end())
            ):
                continue
            out = [r for r in out if r is not whole and r.number.start not in (at.start, after.start)]
            added.append(_Reading(whole.code, after, whole.confidence, clause=whole.clause))
            replaced.add((whole.code, whole.number.value))
            break
    # the whole said again ("共5个…；5个工作室中…") is no figure either
    return [r for r in out if (r.code, r.number.value) not in replaced] + added


def _drop_parallel(
    readings: list[_Reading], masked: str, parts: list[tuple[int, str]], figures: list[Number]
) -> list[_Reading]:
    """Clauses that say the same thing of different categories ("培训农民工5,310人次，培训失业人员1,204人次，培训…
    毕业生860人次") give one figure per category and none for the whole: a figure read in one of them is no value."""

    def lead(ci: int) -> tuple[str, str] | None:
        """What the clause says before its first figure (times and the subject left out), and that figure's unit."""
        offset, clause = parts[ci]
        first = next((n for n in figures if offset <= n.start < offset + len(clause)), None)
        if first is None:
            return None
        said = _LEAD.sub("", masked[offset : first.start])
        return (said, first.unit) if len(said) > 2 else None

    leads = [lead(ci) for ci in range(len(parts))]
    codes: dict[int, set[str]] = {}
    for r in readings:
        codes.setdefault(r.clause, set()).add(r.code)

    def alike(own: str, other: str) -> bool:
        """The same verb or head of other objects: not one clause's words and more ("开设专业" / "开设专业增至")."""
        return own[:2] == other[:2] and not (own.startswith(other) or other.startswith(own))

    def parallel(r: _Reading) -> bool:
        own = leads[r.clause]
        if r.total or r.part or own is None or _WHOLE.search(own[0]):
            return False
        return any(
            other is not None
            and other[1] == own[1]
            and alike(own[0], other[0])
            and not _WHOLE.search(other[0])
            and codes.get(ci, set()) <= {r.code}  # the other figure is of nothing else
            for ci, other in enumerate(leads)
            if ci != r.clause
        )

    return [r for r in readings if not parallel(r)]


def _typed(number: Number, indicator: Indicator | None) -> object | None:
    """The figure as the indicator's type, or None when its size cannot be that."""
    if indicator is None:
        return None
    if indicator.type == "pct":
        return round(number.value, 2) if 0 <= number.value <= 100 else None
    whole = as_int(number.value)
    return None if whole is None or whole < 0 else whole
