"""Figures and facts stated in sentences: a label, a few linking words, the figure — with distractors refused."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..indicators import Indicator
from ..model import Block, Document
from .candidates import Candidate, evidence_for
from .numbers import Number, as_int, find_numbers, fold
from .tables import SHARE_OF
from .values import SCHOOL_NAME, parse_cell

PROSE_CONFIDENCE = 0.85
_SENTENCE_END = "。！？；;!?\n"
_CLAUSE_END = "，,；;。！？!?"
# Words that may stand between a label and its figure ("在校生人数为3,210人", "就业率达到98.6%").
_GAP = re.compile(r"^[\s：:为是达到共计合有约总数规模保持在实现提升至了近超过余名人的其中分别]{0,6}$")
# Words that make a figure something other than this year's own value.
_NOT_THIS_YEAR = ("上年", "去年", "上一年", "前年", "同比", "较上", "比上", "往年", "历年", "累计")
_NOT_OWN = ("全市", "全省", "全国", "全区", "平均", "兄弟院校")
_NOT_ACTUAL = ("目标", "将达", "不低于", "以上的要求")
# Future tense governs the whole sentence: "力争将高级工班占比提高到45%以上，校企合作专业占比保持在90%以上".
_FUTURE = ("力争", "计划", "预计", "争取", "拟", "确保", "规划", "将力争", "下一步")
_NOT_STUDENTS = ("招收", "招生", "新生", "录取", "非全日制", "学员", "培训", "社会")
_NOT_EMPLOYMENT = ("对口", "满意", "稳定")
_EXCLUDE_BY_CODE = {
    "students_total": _NOT_STUDENTS,
    "students_senior": _NOT_STUDENTS,
    "senior_ratio": _NOT_STUDENTS,
    "employment_rate": _NOT_EMPLOYMENT,
    "graduates_employed": _NOT_EMPLOYMENT,
}
_YEAR = re.compile(r"(20\d\d)\s*年")
# A count followed by its share ("高级工班及以上在校生1,290人，占在校生总数的40.2%") states the ratio too.
_SHARE_GAP = re.compile(r"^[，,]?\s*(?:所?占[\u4e00-\u9fff]{0,10}?(?:的)?(?:比例|比重)?|比例|占比)(?:为|达|达到|是)?$")
_UNITS_BY_TYPE = {"pct": {"%"}, "int": {"", "人", "名", "个", "家", "项", "次", "场", "本", "人次"}}


def sentences(text: str) -> Iterator[tuple[int, str]]:
    """(offset, sentence) pairs, the end mark kept with its sentence."""
    start = 0
    for i, ch in enumerate(text):
        if ch in _SENTENCE_END:
            if text[start : i + 1].strip():
                yield start, text[start : i + 1]
            start = i + 1
    if text[start:].strip():
        yield start, text[start:]


class ProseReader:
    """Extracts numeric indicators from sentences by label; built once per run from the dictionary."""

    def __init__(self, dictionary: dict[str, Indicator]) -> None:
        self.dictionary = dictionary
        labels: dict[str, str] = {}
        for code, ind in dictionary.items():
            if ind.type in _UNITS_BY_TYPE:
                for label in ind.all_labels:
                    labels.setdefault(label, code)
        self.label_code = labels
        self.pattern = re.compile("|".join(re.escape(lb) for lb in sorted(labels, key=len, reverse=True)))

    def read(self, doc: Document, year: int | None) -> list[Candidate]:
        out: list[Candidate] = []
        for block in doc.text_blocks():
            for _, sentence in sentences(block.text):
                out.extend(self._figures(doc, block, sentence, year))
        return out

    def _figures(self, doc: Document, block: Block, sentence: str, year: int | None) -> Iterator[Candidate]:
        folded = fold(sentence)
        if any(word in folded for word in _FUTURE):
            return
        numbers = find_numbers(sentence)
        labels = list(self.pattern.finditer(folded))
        for i, match in enumerate(labels):
            code = self.label_code[match.group(0)]
            indicator = self.dictionary[code]
            limit = labels[i + 1].start() if i + 1 < len(labels) else len(folded)
            number = next((n for n in numbers if match.end() <= n.start < limit), None)
            if number is None or not _GAP.match(folded[match.end() : number.start]):
                continue
            if number.unit not in _UNITS_BY_TYPE[indicator.type]:
                continue
            clause_start = max(folded.rfind(ch, 0, match.start()) for ch in _CLAUSE_END) + 1
            context = folded[clause_start : number.end]
            if _is_distractor(code, context, year):
                continue
            value = _typed(number, indicator)
            if value is None:
                continue
            confidence = PROSE_CONFIDENCE * (0.7 if number.approximate else 1)
            evidence = evidence_for(doc, block, sentence.strip())
            yield Candidate(
                code=code, value=value, confidence=confidence, evidence=evidence, approximate=number.approximate
            )
            share = next((n for n in numbers if number.end <= n.start and n.unit == "%"), None)
            if code in SHARE_OF and share and _SHARE_GAP.match(folded[number.end : share.start]):
                yield Candidate(
                    code=SHARE_OF[code],
                    value=round(share.value, 2),
                    confidence=PROSE_CONFIDENCE * 0.95,
                    evidence=evidence,
                    approximate=share.approximate,
                )


def _typed(number: Number, indicator: Indicator) -> object | None:
    if indicator.type == "pct":
        return round(number.value, 2) if 0 <= number.value <= 100 else None
    return as_int(number.value)


def _is_distractor(code: str, context: str, year: int | None) -> bool:
    words = _NOT_THIS_YEAR + _NOT_OWN + _NOT_ACTUAL + _EXCLUDE_BY_CODE.get(code, ())
    if any(w in context for w in words):
        return True
    if year is not None:
        return any(int(y) != year for y in _YEAR.findall(context))
    return False


# --- facts stated as words: school name, type, year, "label：value" lines -------------------------------

_TYPE_IN_PROSE = re.compile(
    r"(?:一所|是|为|系)(公办|民办)|(公办|民办)(?:全日制)?(?:技师学院|高级技工学校|技工学校|技工院校)"
)
_YEAR_IN_TITLE = re.compile(r"(20\d\d)\s*年度")


def school_names(text: str) -> list[str]:
    """Full school names in a text, in order, each once."""
    out: list[str] = []
    for match in SCHOOL_NAME.finditer(text):
        name = match.group(0)
        if name not in out:
            out.append(name)
    return out


def title_facts(doc: Document, dictionary: dict[str, Indicator]) -> list[Candidate]:
    """School name, type and report year from headings, the title lines and 'label：value' lines."""
    out: list[Candidate] = []
    text_blocks = doc.text_blocks()
    title_area = {id(b) for b in text_blocks[:3]}
    for block in text_blocks:
        in_title = block.kind == "heading" or id(block) in title_area
        out.extend(_colon_pairs(doc, block, dictionary))
        if in_title:
            for name in school_names(block.text)[:1]:
                out.append(Candidate("school_name", name, 0.85, evidence_for(doc, block, block.text.strip())))
            year = _YEAR_IN_TITLE.search(fold(block.text))
            if year:
                out.append(
                    Candidate("report_year", int(year.group(1)), 0.9, evidence_for(doc, block, block.text.strip()))
                )
        for _, sentence in sentences(block.text):
            kind = _TYPE_IN_PROSE.search(sentence)
            if kind:
                out.append(
                    Candidate(
                        "school_type", kind.group(1) or kind.group(2), 0.8, evidence_for(doc, block, sentence.strip())
                    )
                )
    return out


def _colon_pairs(doc: Document, block: Block, dictionary: dict[str, Indicator]) -> Iterator[Candidate]:
    """'填报单位：东莞市某某技工学校' and '报告年度：2025年' lines outside tables."""
    for match in re.finditer(r"([\u4e00-\u9fff（）]{2,14})[：:]\s*([^：:，,；;。\s]{1,40})", block.text):
        label, raw = match.group(1), match.group(2)
        for code in ("school_name", "school_type", "report_year"):
            ind = dictionary[code]
            if label not in ind.all_labels:
                continue
            if code == "school_name":
                names = school_names(raw)
                parsed: tuple[object, bool] | None = (names[0], False) if names else None
            else:
                parsed = parse_cell(raw, ind)
            if parsed is not None:
                yield Candidate(code, parsed[0], 0.9, evidence_for(doc, block, match.group(0)))
