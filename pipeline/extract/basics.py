"""Basic facts stated in words: school name, type, category and report year (titles, 'label：value' lines)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from jigong.pipeline.dictionary import Indicator
from jigong.pipeline.extract.candidates import Candidate, evidence_for
from jigong.pipeline.extract.numbers import find_numbers, fold
from jigong.pipeline.extract.sentences import split_sentences
from jigong.pipeline.extract.tables import normalise_label
from jigong.pipeline.extract.values import SCHOOL_NAME, parse_cell
from jigong.pipeline.model import Block, Document

# Only a statement about the school itself ("学校是一所公办…", "作为民办技工院校"): a phrase like "公办院校填写"
# or a quotation of the plan ("公办技工院校面向社会开展…") says nothing of this school's type.
_TYPE_IN_PROSE = re.compile(
    r"(?:一所|是|为|系|属于?)(?:一所)?(公办|民办)"
    # "是经省人民政府批准设立、以培养高级技工为主的公办技工院校", "是市人社局直属的公办技工院校"
    r"|(?:是|系|属于?)[^，。；]{0,40}?(公办|民办)(?:的)?(?:全日制)?(?:技工院校|技工学校|技师学院|高级技工学校|学校|院校)"
)
_CATEGORY_IN_PROSE = re.compile(
    r"(?:一所|是|为|系|属)(?:一所)?(?:公办|民办)?(?:的)?(?:全日制)?(技师学院|高级技工学校|技工学校)"
)
_YEAR_IN_TITLE = re.compile(r"(20\d\d)\s*年度")
_BASIC = ("school_name", "school_type", "school_category", "report_year")


def school_names(text: str) -> list[str]:
    """Full school names in a text, in order, each once."""
    out: list[str] = []
    for match in SCHOOL_NAME.finditer(text):
        name = match.group(0)
        if name not in out:
            out.append(name)
    return out


def title_facts(
    doc: Document, dictionary: dict[str, Indicator], index: dict[str, str] | None = None
) -> list[Candidate]:
    """School name and report year from the title area; type and category from sentences and 'label：value'."""
    out: list[Candidate] = []
    text_blocks = doc.text_blocks()
    title_area = {id(b) for b in text_blocks[:3]}
    for block in text_blocks:
        # A title names the school and the year; it holds no figures ("在校生3,210人" is a sentence).
        in_title = (block.kind == "heading" or id(block) in title_area) and not any(
            n.unit and n.unit != "年" for n in find_numbers(block.text)
        )
        out.extend(_colon_pairs(doc, block, dictionary, index or {}))
        if in_title and len(block.text) <= 60:
            for name in school_names(block.text)[:1]:
                out.append(Candidate("school_name", name, 0.85, evidence_for(doc, block, block.text.strip())))
            year = _YEAR_IN_TITLE.search(fold(block.text))
            if year:
                out.append(
                    Candidate("report_year", int(year.group(1)), 0.9, evidence_for(doc, block, block.text.strip()))
                )
        if block.kind == "heading":
            continue  # "四、投入机制（公办院校填写）" is a form's instruction, not a statement
        for sentence in split_sentences(block.text):
            if SCHOOL_NAME.search(sentence) and not sentence.startswith(tuple(school_names(sentence)[:1])):
                continue  # another school's type is not this one's
            kind = _TYPE_IN_PROSE.search(sentence)
            if kind:
                value = kind.group(1) or kind.group(2)
                out.append(Candidate("school_type", value, 0.8, evidence_for(doc, block, sentence)))
            category = _CATEGORY_IN_PROSE.search(sentence)
            if category:
                out.append(Candidate("school_category", category.group(1), 0.8, evidence_for(doc, block, sentence)))
    return out


_VALUE = re.compile(r"\s*([^：:，,；;。\s]{1,40})")
# a yes/no answer, whose boxes may stand apart ("☑是　□否")
_ANSWER = re.compile(r"\s*([^：:，,；;。]{1,40}?)\s*(?:$|[，,；;。])")


def _colon_pairs(
    doc: Document, block: Block, dictionary: dict[str, Indicator], index: dict[str, str]
) -> Iterator[Candidate]:
    """'填报单位：东莞市某某技工学校', '报告年度：2025年', '学校已建立党组织：否' lines outside tables.

    Figures in such lines are the prose reader's; here are names, types, years and yes/no marks. Several pairs may
    share a line, and a reader may lose the spaces between them ("办学性质：民办学校类别：技工学校" from a PDF whose
    ideographic spaces were dropped): a value ends where the next known label begins.
    """
    pairs = list(re.finditer(r"([\u4e00-\u9fff（）、]{2,30})[：:]", block.text))
    for i, match in enumerate(pairs):
        label = _known_tail(match.group(1), dictionary, index)
        if label is None:
            continue
        code, label_start = label
        value_end = len(block.text)
        if i + 1 < len(pairs):
            following = _known_tail(pairs[i + 1].group(1), dictionary, index)
            value_end = pairs[i + 1].start(1) + following[1] if following else value_end
        ind = dictionary[code]
        if ind.type not in {"text", "enum", "year", "bool"}:
            continue
        raw_match = re.match(_ANSWER if ind.type == "bool" else _VALUE, block.text[match.end() : value_end])
        if raw_match is None:
            continue
        raw = raw_match.group(1)
        if code == "school_name":
            names = school_names(raw)
            parsed: tuple[object, bool] | None = (names[0], False) if names else None
        else:
            parsed = parse_cell(raw, ind)
        if parsed is not None:
            quote = block.text[match.start(1) + label_start : match.end() + raw_match.end()]
            yield Candidate(code, parsed[0], 0.9, evidence_for(doc, block, quote))


def _known_tail(text: str, dictionary: dict[str, Indicator], index: dict[str, str]) -> tuple[str, int] | None:
    """The indicator a label before a colon names, and where that label starts in the text: the whole text, or
    its end ("民办学校类别" ends in the label 学校类别)."""
    for start in range(len(text) - 1):
        label = text[start:]
        code = index.get(normalise_label(label)) or next(
            (c for c in _BASIC if c in dictionary and label in dictionary[c].all_labels), None
        )
        if code is not None and code in dictionary:
            return code, start
    return None
