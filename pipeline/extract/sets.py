"""mgmt_rules: which of the five named management systems a submission says exist (not those still being drafted)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from jigong.pipeline.extract.candidates import Candidate, evidence_for
from jigong.pipeline.extract.sentences import clauses, document_sentences
from jigong.pipeline.extract.tables import normalise_label
from jigong.pipeline.extract.values import boxed, parse_mark
from jigong.pipeline.model import Block, Document

CODE = "mgmt_rules"
SET_CONFIDENCE = 0.85
TABLE_CONFIDENCE = 0.95
MEMBERS: dict[str, re.Pattern[str]] = {
    "教职工管理": re.compile(r"教职(?:员)?工管理"),
    "教学管理": re.compile(r"(?<![职工])教学管理(?!标准)"),
    "学生管理": re.compile(r"学生(?:日常)?管理"),
    "招生管理与就业服务": re.compile(r"招生(?:管理)?(?:与|和|及|、)?就业(?:服务|管理)"),
    "资产及后勤管理": re.compile(
        r"资产(?:管理)?(?:及|与|和|、)?后勤(?:保障)?管理|后勤(?:保障)?(?:与|及|和|、)资产管理"
    ),
}
ORDER = tuple(MEMBERS)
_SYSTEM = re.compile(r"制度|办法|细则|规定|规章")
_DRAFTING = re.compile(
    r"起草|草拟|拟定|制定中|修订中|正在(?!执行|实行|施行|落实)|正(?=[^，；。]{0,10}(?:修订|制定|起草|编制))|研究制定|尚未|暂未|尚无|暂无|未建立|未出台|未制定|有待|计划|拟|"
    r"筹备|征求意见|待完善|待建立|尚在|不健全|不完善|不规范|不齐全"
)
_EXISTS = re.compile(r"建立|健全|制定|出台|印发|完善|形成|修订|已有|实行|执行|施行|汇编|落实|审议通过|颁布")
_EXCEPT = re.compile(r"除(?P<inner>[^，；。]{2,60}?)(?:以)?外")
_ISSUING = re.compile(r"印发|出台|颁布|发布|建立|制定")
_REST = re.compile(r"其余|其他|其它|另外")


def members_in(text: str) -> list[str]:
    """The named systems a text mentions, in the dictionary's order."""
    return [name for name, pattern in MEMBERS.items() if pattern.search(text)]


def _systems_in(clause: str) -> set[str]:
    """The named systems a clause speaks of as systems: the name and, after it, 制度/办法/细则 ("学生管理、教学管理等
    制度"); "推动党务工作与教育教学管理同步" names the work, not a system."""
    found = set()
    for name, pattern in MEMBERS.items():
        match = pattern.search(clause)
        if match and _SYSTEM.search(clause, match.end()):
            found.add(name)
    return found


def ordered(names: set[str]) -> list[str]:
    return [n for n in ORDER if n in names]


def _drafting(text: str) -> bool:
    return bool(_DRAFTING.search(text.replace("未来", "")))


def read_sentence(sentence: str) -> tuple[set[str], set[str]] | None:
    """(said to exist, said not to exist yet) for one sentence; None when it names no system as a system."""
    if not _SYSTEM.search(sentence) or not members_in(sentence):
        return None
    yes: set[str] = set()
    no: set[str] = set()
    rest_text = sentence
    exception = _EXCEPT.search(sentence)
    if exception:
        # "除资产及后勤管理制度正在修订外，其余制度均已建立": the rest is the complement of what is excepted.
        inner = exception.group("inner")
        rest_text = sentence[: exception.start()] + sentence[exception.end() :]
        inside = set(members_in(inner))
        if _REST.search(rest_text) and not members_in(rest_text):
            rest_exists = not _drafting(rest_text) and bool(_EXISTS.search(rest_text))
            rest_drafting = _drafting(rest_text)
            others = set(ORDER) - inside
            if rest_exists:
                yes |= others
                no |= inside  # excepted from what exists
            elif rest_drafting:
                no |= others
                yes |= inside if not _drafting(inner) else set()
            return (yes - no, no) if yes or no else None
    pending: set[str] = set()
    last: set[str] = set()  # the systems the clause before named
    for _, clause in clauses(rest_text):
        found = _systems_in(clause)
        if _drafting(clause):
            # "资产和后勤管理制度正重新修订，计划于2026年印发": a plan to issue speaks of the systems named before it
            issuing = not found and not pending and _ISSUING.search(clause)
            no |= found or pending or (last if issuing else set())
            pending = set()
        elif _EXISTS.search(clause):
            yes |= found or pending
            pending = set()
        elif found:
            pending = found
        last = found
    if not yes and not no:
        return None
    return yes - no, no


def from_prose(doc: Document) -> Iterator[Candidate]:
    for sentence in document_sentences(doc):
        said = read_sentence(sentence.text)
        if said is None:
            continue
        yes, no = said
        if not yes:
            continue  # only what is not yet there: it says nothing of what exists
        evidence = evidence_for(doc, sentence.block, sentence.text)
        yield Candidate(CODE, ordered(yes), SET_CONFIDENCE, evidence, excluded=tuple(ordered(no)))


def from_tables(doc: Document, labels: set[str]) -> Iterator[Candidate]:
    """A row 'label | the systems' (a list, or marks per system), or one row per system with a yes/no mark."""
    for rows in doc.tables().values():
        per_row_yes: set[str] = set()
        per_row_no: set[str] = set()
        cells: list[Block] = []
        for row in rows:
            for c, cell in enumerate(row[:-1]):
                head = normalise_label(cell.text)
                value = row[c + 1]
                if head in labels:
                    said = _value_cell(value.text)
                    if said is not None:
                        yes, no = said
                        quote = f"{cell.text.strip()}：{value.text.strip()}"
                        yield Candidate(
                            CODE, ordered(yes), TABLE_CONFIDENCE, evidence_for(doc, value, quote), excluded=tuple(no)
                        )
                    continue
                named = members_in(head)
                if len(named) == 1 and (_SYSTEM.search(head) or head == named[0]):
                    mark = parse_mark(value.text)
                    if mark is None:
                        continue
                    (per_row_yes if mark else per_row_no).add(named[0])
                    cells.append(value)
        if cells:
            quote = "；".join(f"{c.text.strip()}" for c in cells)
            yield Candidate(
                CODE,
                ordered(per_row_yes),
                TABLE_CONFIDENCE,
                evidence_for(doc, cells[0], f"管理制度逐项填报：{quote}"),
                excluded=tuple(ordered(per_row_no)),
            )


def _cut_short(text: str) -> bool:
    """A list that stops in the middle of a system's name ("…、学生管") was cut off (a wrapped cell, a scan):
    what follows is unknown, so the list says nothing of the systems it does not name."""
    tail = text.rstrip(" 　，,、；;。.")
    return any(tail.endswith(name[:k]) for name in ORDER for k in range(2, len(name)))


def _value_cell(text: str) -> tuple[set[str], set[str]] | None:
    marks = boxed(text)
    if marks:
        yes = {m for words, ticked in marks for m in members_in(words) if ticked}
        no = {m for words, ticked in marks for m in members_in(words) if not ticked}
        # Boxes with none ticked: a form not filled in, not a school with no rules at all.
        return (yes, no) if yes else None
    named = set(members_in(text))
    if not named or _cut_short(text):
        return None
    if _drafting(text):
        said = read_sentence(text + "制度")
        return said
    return named, set()
