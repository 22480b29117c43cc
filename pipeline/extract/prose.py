"""Figures stated in sentences: a label, a few linking words, the figure — with distractors refused."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..indicators import Indicator
from ..model import Document, Evidence
from . import segment
from .candidates import Candidate, evidence_for
from .context import Context
from .numbers import Number, as_int, find_numbers, fold
from .sentences import Sentence, clauses, document_sentences
from .values import SCHOOL_NAME

PROSE_CONFIDENCE = 0.85
REVERSED_CONFIDENCE = 0.8  # "3,210名全日制在校生": the figure before its label
APPROXIMATE_FACTOR = 0.7  # 约3,200人, 3,000余人, 98%以上: kept, but never sure enough to pass
NUMERIC_TYPES = {"int", "pct", "money"}

# Words that may stand between a label and its figure ("在校生人数为3,210人", "就业率达到98.6%").
_GAP = re.compile(
    r"^(?:[\s：:]|[（(](?:人|个|家|%|元|万元|场|次|本|人次|项)[)）]|高达|达至|升至|增至|提升到|提高至|提高到|上升至|为|是|达|到|共|计|合|有|约|近|总|数|规模|保持在|稳定在|实现|提升至|了|超过|人数|的|其中|分别|总数|"
    r"数量|现有|已|累计达|共计|合计|达到|全年|本年度|年内|当年|全校|总计|人员|共有|总量|场次|次数|金额|额|收入|人次|"
    r"本|张|个|家|场|名|项|工作|情况|方面|活动|共组织|共开展|共举办|共颁发|颁发|开展|组织|举办|聘请|获得|考取|参加)*$"
)
# The only words that may stand between a label and a lone 一/两 ("中外合作办学项目一个", "工作室共一个").
_WEAK_GAP = {"", "共", "为", "有", "共有", "计", "：", ":"}
# Words between a figure and the label after it ("3,210名全日制在校生", "45位企业兼职教师").
_REVERSE_GAP = re.compile(r"^(?:[\s]|名|位|个|家|人|余名|多名|的|余|多|余个|多个)*$")
# A count followed by its share ("高级工班及以上在校生1,290人，占在校生总数的40.2%") states the ratio too.
_SHARE_GAP = re.compile(
    r"^[，,（(]?\s*(?:所?占[\u4e00-\u9fff、（）]{0,16}?(?:的)?(?:比例|比重)?|比例|占比|所占比例)(?:为|达|达到|是)?$"
)
SHARE_OF = {"students_senior": "senior_ratio", "majors_coop": "coop_ratio", "graduates_employed": "employment_rate"}

# Words that make a figure something other than this year's own value.
_NOT_THIS_YEAR = ("上年", "去年", "上一年", "前年", "同比", "较上", "比上", "往年", "历年", "累计", "上学年", "以往")
_NOT_OWN = ("全市", "全省", "全国", "全区", "平均", "兄弟院校", "各技工院校", "其他院校", "同类院校", "各院校", "全镇")
_NOT_ACTUAL = ("目标", "不低于", "不少于", "要求", "指标为", "标准为", "上限")
# Future or intention governs the rest of the sentence ("力争将高级工班占比提高到45%以上，校企合作专业占比保持在90%").
_FUTURE = re.compile(r"力争|计划|预计|争取|拟|规划|下一步|明年|将达到|将提高|将提升|将扩大|将新增|确保|努力实现|目标")
_YEAR = re.compile(r"(20\d\d)\s*(?:年|届|学年)")

# Units a figure may carry for each kind of indicator (the indicator's own unit decides).
_COMPATIBLE = {
    "人": {"人", "名", "", "位"},
    "个": {"个", "项", ""},
    "家": {"家", "个", ""},
    "次": {"次", "场", "项", ""},
    "场": {"场", "次", ""},
    "本": {"本", "张", "个", "份", ""},
    "人次": {"人次"},
    "元": {"元"},
    "%": {"%"},
}


@dataclass
class _Label:
    code: str
    start: int
    end: int


class ProseReader:
    """Reads numeric indicators from sentences by label; built once per run from the dictionary."""

    def __init__(self, dictionary: dict[str, Indicator]) -> None:
        self.dictionary = {c: i for c, i in dictionary.items() if i.type in NUMERIC_TYPES}
        labels: dict[str, str] = {}
        for code, ind in self.dictionary.items():
            for label in ind.all_labels:
                labels.setdefault(fold(label), code)
        self.label_code = labels
        alternatives = "|".join(re.escape(lb) for lb in sorted(labels, key=len, reverse=True))
        # A lookahead finds the longest label starting at every position, overlaps included: where the longest
        # one is not a word of its own ("年度毕业生|总数"), one starting later may be ("毕业生总数").
        self.pattern = re.compile(f"(?=({alternatives}))")
        self.frames = [
            (code, re.compile(frame.replace("{n}", r"(?P<n>[\d.,，零〇一二两三四五六七八九十百千万]+)%?")))
            for code, ind in self.dictionary.items()
            for frame in ind.frames
        ]
        segment.add_words(labels)

    def read(self, doc: Document, ctx: Context) -> list[Candidate]:
        out: list[Candidate] = []
        for sentence in document_sentences(doc):
            out.extend(self._sentence(doc, sentence, ctx))
        return out

    def _sentence(self, doc: Document, sentence: Sentence, ctx: Context) -> Iterator[Candidate]:
        text = fold(sentence.text)
        future = _FUTURE.search(text)
        cut = future.start() if future else len(text)
        bounds = segment.boundaries(text)
        labels: list[_Label] = []
        for m in self.pattern.finditer(text):
            start, end = m.start(), m.start() + len(m.group(1))
            if start in bounds and end in bounds and not (labels and start < labels[-1].end):
                labels.append(_Label(self.label_code[m.group(1)], start, end))
        numbers = find_numbers(text)
        taken: set[int] = set()  # figures already given to a label
        evidence = evidence_for(doc, sentence.block, sentence.text.strip())
        parts = clauses(text)
        lead = _lead(parts, labels, numbers)
        for offset, clause in parts:
            end = offset + len(clause)
            if offset >= cut or _clause_of(text, offset, cut):
                break
            in_clause = [lb for lb in labels if offset <= lb.start < end]
            nums = [n for n in numbers if offset <= n.start and n.end <= end]
            for i, label in enumerate(in_clause):
                limit = in_clause[i + 1].start if i + 1 < len(in_clause) else end
                found = self._forward(text, label, nums, limit, taken) or self._reverse(text, label, nums, taken)
                if found is None:
                    continue
                number, confidence = found
                cand = self._candidate(text, offset, label.code, number, confidence, ctx, evidence, lead)
                if cand is None:
                    continue
                taken.add(number.start)
                yield cand
                after = max(number.end, label.end)  # "814名高级工班及以上在校生，所占比例为37.0%"
                share = self._share(text, label.code, number, after, numbers, ctx, evidence)
                if share is not None:
                    taken.add(share[1])
                    yield share[0]
            for code, frame in self.frames:
                for match in frame.finditer(clause):
                    start = offset + match.start("n")
                    framed = next((n for n in nums if n.start == start and n.start not in taken), None)
                    if framed is None:
                        continue
                    cand = self._candidate(text, offset, code, framed, PROSE_CONFIDENCE, ctx, evidence, lead)
                    if cand is None:
                        continue
                    taken.add(framed.start)
                    yield cand
                    share = self._share(text, code, framed, end, numbers, ctx, evidence)
                    if share is not None and share[1] not in taken:
                        taken.add(share[1])
                        yield share[0]

    def _forward(
        self, text: str, label: _Label, nums: list[Number], limit: int, taken: set[int]
    ) -> tuple[Number, float] | None:
        number = next((n for n in nums if label.end <= n.start < limit), None)
        if number is None or number.start in taken or not _GAP.match(text[label.end : number.start]):
            return None
        if number.weak and text[label.end : number.start].strip() not in _WEAK_GAP:
            return None
        return number, PROSE_CONFIDENCE

    def _reverse(self, text: str, label: _Label, nums: list[Number], taken: set[int]) -> tuple[Number, float] | None:
        before = [n for n in nums if n.end <= label.start]
        if not before or before[-1].start in taken:
            return None
        number = before[-1]
        if number.weak or not _REVERSE_GAP.match(text[number.end : label.start]):
            return None
        return number, REVERSED_CONFIDENCE

    def _candidate(
        self,
        text: str,
        clause_start: int,
        code: str,
        number: Number,
        confidence: float,
        ctx: Context,
        evidence: Evidence,
        lead: str = "",
    ) -> Candidate | None:
        indicator = self.dictionary[code]
        value = typed(number, indicator)
        if value is None:
            return None
        context = lead + text[clause_start : max(number.end, clause_start)]
        if _is_distractor(indicator, context, text[: number.end], ctx):
            return None
        approximate = number.approximate or number.at_least
        return Candidate(
            code=code,
            value=value,
            confidence=confidence * (APPROXIMATE_FACTOR if approximate else 1),
            evidence=evidence,
            approximate=approximate,
            at_least=number.at_least,
        )

    def _share(
        self, text: str, code: str, number: Number, after: int, numbers: list[Number], ctx: Context, evidence: Evidence
    ) -> tuple[Candidate, int] | None:
        """The share stated right after a count (or after the clause of a framed count): (candidate, its place)."""
        if code not in SHARE_OF:
            return None
        share = next((n for n in numbers if after <= n.start and n.unit == "%"), None)
        if share is None or not _SHARE_GAP.match(text[after : share.start]):
            return None
        ratio = SHARE_OF[code]
        if ratio not in self.dictionary:
            return None
        cand = self._candidate(text, number.end, ratio, share, PROSE_CONFIDENCE * 0.95, ctx, evidence)
        return None if cand is None else (cand, share.start)


def _lead(parts: list[tuple[int, str]], labels: list[_Label], numbers: list[Number]) -> str:
    """A sentence's opening adverbial ("去年同期，", "2024年，") governs every clause after it."""
    if len(parts) < 2:
        return ""
    offset, first = parts[0]
    end = offset + len(first)
    if len(first) > 14 or any(offset <= lb.start < end for lb in labels):
        return ""
    if any(offset <= n.start < end and n.unit != "年" for n in numbers):
        return ""
    return first + "，"


def _clause_of(text: str, offset: int, cut: int) -> bool:
    """True when the future marker stands inside the clause that starts at offset."""
    if cut >= len(text):
        return False
    end = min((i for i in (text.find(ch, offset) for ch in "，,；;") if i >= 0), default=len(text))
    return offset <= cut < end


def typed(number: Number, indicator: Indicator) -> object | None:
    """The figure as the indicator's type, or None when its unit or size cannot be that."""
    if number.unit not in _COMPATIBLE.get(indicator.unit, {""}):
        return None
    if indicator.type == "pct":
        return round(number.value, 2) if 0 <= number.value <= 100 else None
    whole = as_int(number.value)
    if whole is None or whole < 0:
        return None
    return whole


def _is_distractor(indicator: Indicator, context: str, before: str, ctx: Context) -> bool:
    words = _NOT_THIS_YEAR + _NOT_ACTUAL + indicator.refuse
    if any(w in context for w in words):
        return True
    # Whose figure it is can be said a clause earlier ("全市技工院校在校生4.8万人，年输送毕业生9000人以上").
    if any(w in before for w in _NOT_OWN + indicator.refuse_sentence):
        return True
    if ctx.year is not None and any(int(y) != ctx.year for y in _YEAR.findall(context)):
        return True
    # A school named beside the figure that is not this one (or when this one's name is unknown): not ours.
    return any(name not in ctx.own_names for name in (m.group(0) for m in SCHOOL_NAME.finditer(context)))
