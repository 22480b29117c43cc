"""Yes/no facts stated in prose, with negation and hedging: 已建立 / 尚未建立 / 正在筹备 / 计划 …"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..model import Document
from .candidates import Candidate, evidence_for
from .sentences import clauses, document_sentences, is_form_line

BOOL_CONFIDENCE = 0.85
HEDGED_CONFIDENCE = 0.75  # "正在筹备", "计划": not done yet, so no — said less plainly
PARTIAL_CONFIDENCE = 0.55  # "部分专业执行", "基本开齐": neither yes nor a plain no: a person must look

_NEGATION = re.compile(r"尚未|暂未|未能|没有|未|缺少|缺乏|不具备|无法")
_HEDGE = re.compile(
    r"正在筹备|筹备中|正在筹建|筹建中|正在|拟|计划|准备|争取|力争|有待|办理中|审核中|申请中|进行中|将于|下一步"
)
_PARTIAL = re.compile(r"部分|个别|基本(?:建成|建立|落实|开齐|执行|完成|实现)|多数")
_HARMLESS = re.compile(r"未来|无论|无缝|不断|不仅|不少")

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
_ALL_THREE = re.compile(r"三科|三门|三个科目|上述科目|以上科目|上述三科|三类")
_UNIFIED = re.compile(r"统编|国家统一编写|部编")
_OWN = re.compile(r"校本|自编|自行编写|自主编写|其他版本|地方教材|非统编|原有教材|旧版教材")


@dataclass(frozen=True)
class Topic:
    """A fact said in words: what a clause must be about, the words saying it holds, the words saying it does not."""

    about: re.Pattern[str]
    yes: re.Pattern[str]
    no: re.Pattern[str] | None = None
    sentence_needs: re.Pattern[str] | None = None  # the sentence must also name this (备案 of what?)


TOPICS: dict[str, Topic] = {
    "principal_responsibility": Topic(
        re.compile(r"校长负责制"),
        re.compile(
            r"(?:实行|落实|推行|执行|坚持|建立|健全)[^，；]{0,6}党组织领导(?:下)?的校长负责制|党组织领导的校长负责制"
        ),
    ),
    "ideology_course_full": Topic(
        re.compile(r"思想政治理论课|思政课"),
        re.compile(r"开齐开足|开足开齐|开齐、开足|开齐并开足|开齐、开足、开好|开齐开好开足"),
        re.compile(r"未开足|未开齐|未能开齐|未能开足|没有开足|课时不足|课时未达到|尚未开齐|未达到规定课时|课时偏少"),
    ),
    "training_income_fully_returned": Topic(
        re.compile(r"返还"),
        re.compile(r"(?:全额|全部)返还"),
        re.compile(r"未全额|部分返还|未返还|尚未返还|按比例返还|上缴"),
        re.compile(r"培训"),
    ),
    "ministry_teaching_standards": Topic(
        re.compile(
            r"部颁(?:教学|专业教学)?标准|人力资源社会保障部颁布的(?:专业)?教学标准|人社部颁布的(?:专业)?教学标准"
        ),
        re.compile(r"执行|落实|按照|依据|实施|对照|严格"),
        re.compile(r"参照[^，；]{0,8}自行|自行制定|未执行|尚未执行"),
    ),
    "part_time_registration_open": Topic(
        re.compile(r"非全日制学籍注册|非全日制学籍通道|非全日制注册通道"),
        re.compile(r"开放|开通|设立|畅通|打通"),
    ),
    "skill_rating_filed": Topic(
        re.compile(r"备案"),
        re.compile(
            r"已[^，；]{0,12}备案|经[^，；]{0,16}备案|完成[^，；]{0,8}备案|通过[^，；]{0,8}备案|备案(?:工作)?已完成|备案后"
        ),
        re.compile(
            r"未备案|尚未[^，；]{0,10}备案|正在[^，；]{0,10}备案|备案[^，；]{0,6}(?:办理中|审核中|进行中)|申请备案"
        ),
        re.compile(r"职业技能等级认定|等级认定"),
    ),
    "incubator": Topic(
        re.compile(r"创业孵化基地|创业服务载体|创业孵化中心|众创空间|创客空间|创业园"),
        re.compile(r"建有|建成|设有|建立|成立|拥有|打造|挂牌|设立|运营"),
    ),
}


def polarity(clause: str, topic: Topic) -> tuple[bool, float] | None:
    """Yes or no, and how plainly, for a clause that names the topic; None when it says neither."""
    text = _HARMLESS.sub("", clause)
    if topic.no is not None and topic.no.search(text):
        return False, BOOL_CONFIDENCE
    if _NEGATION.search(text):
        return False, BOOL_CONFIDENCE
    if _HEDGE.search(text):
        return False, HEDGED_CONFIDENCE
    if topic.yes.search(text):
        if _PARTIAL.search(text):
            return False, PARTIAL_CONFIDENCE
        return True, BOOL_CONFIDENCE
    return None


def statements(doc: Document) -> Iterator[Candidate]:
    """Yes/no facts said in so many words ("已建成创业孵化基地", "职业技能等级认定备案正在办理中")."""
    for sentence in document_sentences(doc):
        if is_form_line(sentence.text):
            continue
        for code, topic in TOPICS.items():
            if not topic.about.search(sentence.text):
                continue
            if topic.sentence_needs is not None and not topic.sentence_needs.search(sentence.text):
                continue
            said = [p for _, c in clauses(sentence.text) if topic.about.search(c) and (p := polarity(c, topic))]
            if not said:
                continue
            values = {v for v, _ in said}
            evidence = evidence_for(doc, sentence.block, sentence.text)
            if len(values) == 1:
                yield Candidate(code, said[0][0], min(c for _, c in said), evidence)
            else:  # said both ways in one sentence: a person must read it
                yield Candidate(code, False, PARTIAL_CONFIDENCE, evidence)


def party_org(doc: Document) -> Iterator[Candidate]:
    for sentence in document_sentences(doc):
        text = sentence.text
        if "党" not in text or is_form_line(text):
            continue
        no, yes = _PARTY_NO.search(text), _PARTY_YES.search(text)
        evidence = evidence_for(doc, sentence.block, text)
        if no:
            yield Candidate("party_org_established", False, BOOL_CONFIDENCE, evidence)
        elif yes and not _NEGATION.search(text[max(0, yes.start() - 4) : yes.start()]):
            hedged = _HEDGE.search(text[max(0, yes.start() - 6) : yes.start()])
            yield Candidate(
                "party_org_established", not hedged, HEDGED_CONFIDENCE if hedged else BOOL_CONFIDENCE, evidence
            )


def textbooks(doc: Document) -> Iterator[Candidate]:
    """Per subject: a clause saying 统编 (not negated) is yes; 校本/自编 or a negated 统编 is no."""
    for sentence in document_sentences(doc):
        if "教材" not in sentence.text or is_form_line(sentence.text):
            continue
        evidence = evidence_for(doc, sentence.block, sentence.text)
        for code, value in subject_polarity(sentence.text).items():
            yield Candidate(code, value, BOOL_CONFIDENCE, evidence)


def subject_polarity(sentence: str) -> dict[str, bool]:
    """思想政治、语文两科使用国家统编教材，历史仍使用校本教材 → politics and Chinese yes, history no."""
    found: dict[str, bool] = {}
    pending: list[str] = []
    dropped: set[str] = set()
    for _, clause in clauses(sentence):
        subjects = [code for code, words in _SUBJECTS.items() if any(w in clause for w in words)]
        if _ALL_THREE.search(clause):
            subjects = list(_SUBJECTS)
        # 思想政治理论课 is the course, not the textbook subject, unless 教材 is named in the clause.
        if "理论课" in clause and "教材" not in clause:
            subjects = [s for s in subjects if s != "textbook_politics"]
        value = _clause_polarity(clause)
        if value is None:
            if subjects:
                pending = subjects
            continue
        for code in subjects or pending:
            if code in dropped:
                continue
            if code in found and found[code] != value:
                found.pop(code)  # said both ways in one sentence: leave it to the other sources or to review
                dropped.add(code)
                continue
            found[code] = value
        pending = []
    return found


def _clause_polarity(clause: str) -> bool | None:
    if _OWN.search(clause):
        return False
    unified = _UNIFIED.search(clause)
    if not unified:
        return None
    before = _HARMLESS.sub("", clause[: unified.start()])
    return not (_NEGATION.search(before) or _HEDGE.search(before) or "不" in before)
