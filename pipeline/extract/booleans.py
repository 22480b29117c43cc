"""Yes/no facts stated in prose: the party organisation, and the unified textbooks subject by subject."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Document
from .candidates import Candidate, evidence_for
from .prose import sentences

BOOL_CONFIDENCE = 0.85
_NEGATION = re.compile(r"尚未|暂未|未能|没有|未|无|缺少|正在筹备|筹建中|计划|拟")

_PARTY_NO = re.compile(
    r"(?:尚未|暂未|未|没有)(?:单独|独立)?(?:成立|建立|组建)[^，。；]{0,8}(?:党委|党总支|党支部|党组织)"
    r"|(?:党委|党总支|党支部|党组织|党建工作)[^，。；]{0,6}(?:尚未|暂未|未|没有)(?:单独|独立)?(?:成立|建立|组建)"
    r"|由[^，。；]{1,20}代管|正在筹(?:备|建)[^，。；]{0,6}(?:党委|党总支|党支部|党组织)"
)
_PARTY_YES = re.compile(
    r"党组织(?:建设)?(?:已)?(?:实现)?全覆盖"
    r"|(?:已|均已)?(?:成立|建立|组建)(?:了)?(?:学校)?(?:中共[^，。；]{0,20})?(?:党委|党总支|党支部|党组织)"
    r"|(?:党委|党总支|党支部)(?:于\d{4}年(?:\d{1,2}月)?)?(?:正式)?(?:成立|建立|组建)"
    r"|(?:中共|中国共产党)[^，。；]{2,30}?(?:委员会|总支部|支部)(?:于\d{4}年(?:\d{1,2}月)?)?(?:正式)?(?:成立|建立|组建)"
)

_SUBJECTS = {"textbook_politics": ("思想政治", "思政"), "textbook_chinese": ("语文",), "textbook_history": ("历史",)}
_ALL_THREE = re.compile(r"三科|三门|三个科目|上述科目|以上科目")
_UNIFIED = re.compile(r"统编")
_OWN = re.compile(r"校本|自编|自行编写|自主编写|其他版本|地方教材")


# Facts stated as a phrase: (topic the sentence must be about, the phrase saying yes, phrases saying no).
_STATEMENTS = {
    "principal_responsibility": (
        re.compile(r"校长负责制"),
        re.compile(r"党组织领导(?:下)?的校长负责制"),
        re.compile(r"(?:尚未|未|没有|暂未)(?:全面)?(?:实行|落实|推行)[^，。；]{0,4}党组织领导的校长负责制"),
    ),
    "ideology_course_full": (
        re.compile(r"思想政治理论课|思政课"),
        re.compile(r"开齐开足|开足开齐|开齐、开足|开齐、开足、开好"),
        re.compile(r"未开足|未开齐|未能开齐|未能开足|没有开足|课时不足|课时未达到|尚未开齐"),
    ),
}
_HEDGE = re.compile(r"正在|逐步|拟|计划|争取|力争|将")


def statements(doc: Document) -> Iterator[Candidate]:
    """Yes/no facts said in so many words ("实行党组织领导的校长负责制", "思想政治理论课课时不足")."""
    for block in doc.text_blocks():
        for _, sentence in sentences(block.text):
            for code, (topic, yes, no) in _STATEMENTS.items():
                if not topic.search(sentence):
                    continue
                evidence = evidence_for(doc, block, sentence.strip())
                said = yes.search(sentence)
                if no.search(sentence):
                    yield Candidate(code, False, BOOL_CONFIDENCE, evidence)
                elif said:
                    before = sentence[max(0, said.start() - 8) : said.start()]
                    if _NEGATION.search(before):
                        yield Candidate(code, False, BOOL_CONFIDENCE, evidence)
                    elif not _HEDGE.search(before):
                        yield Candidate(code, True, BOOL_CONFIDENCE, evidence)


def party_org(doc: Document) -> Iterator[Candidate]:
    for block in doc.text_blocks():
        for _, sentence in sentences(block.text):
            if "党" not in sentence:
                continue
            no, yes = _PARTY_NO.search(sentence), _PARTY_YES.search(sentence)
            if no:
                yield Candidate(
                    "party_org_established", False, BOOL_CONFIDENCE, evidence_for(doc, block, sentence.strip())
                )
            elif yes and not _NEGATION.search(sentence[max(0, yes.start() - 4) : yes.start()]):
                yield Candidate(
                    "party_org_established", True, BOOL_CONFIDENCE, evidence_for(doc, block, sentence.strip())
                )


def textbooks(doc: Document) -> Iterator[Candidate]:
    """Per subject: a clause saying 统编 (not negated) is yes; 校本/自编 or a negated 统编 is no."""
    for block in doc.text_blocks():
        for _, sentence in sentences(block.text):
            if "教材" not in sentence:
                continue
            evidence = evidence_for(doc, block, sentence.strip())
            for code, value in _subject_polarity(sentence).items():
                yield Candidate(code, value, BOOL_CONFIDENCE, evidence)


def _subject_polarity(sentence: str) -> dict[str, bool]:
    found: dict[str, bool] = {}
    pending: list[str] = []
    for clause in re.split(r"[，,；;。]", sentence):
        subjects = [code for code, words in _SUBJECTS.items() if any(w in clause for w in words)]
        if _ALL_THREE.search(clause):
            subjects = list(_SUBJECTS)
        # 思想政治理论课 is the course, not the textbook subject, unless 教材 is named in the clause.
        if "理论课" in clause and "教材" not in clause:
            subjects = [s for s in subjects if s != "textbook_politics"]
        polarity = _clause_polarity(clause)
        if polarity is None:
            if subjects:
                pending = subjects
            continue
        for code in subjects or pending:
            if code in found and found[code] != polarity:
                found.pop(code)  # said both ways in one sentence: leave it to the other sources or to review
                continue
            found[code] = polarity
        pending = []
    return found


def _clause_polarity(clause: str) -> bool | None:
    if _OWN.search(clause):
        return False
    unified = _UNIFIED.search(clause)
    if not unified:
        return None
    return not _NEGATION.search(clause[: unified.start()])
