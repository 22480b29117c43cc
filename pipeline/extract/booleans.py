"""Yes/no facts as events, their words in facts.yaml: topics said to hold or not, the school's party organisation
created or acting, textbooks per subject; quotations are no statements, and 该制度 refers back."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from jigong.pipeline.dictionary import check_keys, load_yaml
from jigong.pipeline.errors import CatalogueError
from jigong.pipeline.extract import slots
from jigong.pipeline.extract.candidates import Candidate, evidence_for
from jigong.pipeline.extract.context import Context
from jigong.pipeline.extract.sentences import Sentence, clauses, document_sentences, is_form_line
from jigong.pipeline.extract.tables import cells_by_column, label_pairs, normalise_label
from jigong.pipeline.extract.values import SCHOOL_NAME, answer_columns, boxed, marked_answer, parse_mark
from jigong.pipeline.model import Block, Document

FACTS_PATH = Path(__file__).with_name("facts.yaml")
_WORD_LISTS = ("negation", "hedge", "partial", "harmless", "quotation", "past", "normative", "others")
BOOL_CONFIDENCE = 0.85
FORM_CONFIDENCE = 0.9  # a form's row answered with a mark
HEDGED_CONFIDENCE = 0.75  # "正在筹备", "计划": not done yet, so no — said less plainly
PARTIAL_CONFIDENCE = 0.55  # "部分专业执行", "基本开齐": neither yes nor a plain no: a person must look
PARTY = "party_org_established"
PRINCIPAL = "principal_responsibility"


@dataclass(frozen=True)
class Topic:
    """A fact said in words: what a clause must be about, the words saying it holds, the words saying it does not."""

    about: re.Pattern[str]
    yes: re.Pattern[str]
    no: re.Pattern[str] | None = None
    sentence_needs: re.Pattern[str] | None = None  # the sentence must also name this (备案 of what?)
    refer: re.Pattern[str] | None = None  # "该制度": the topic named last, even in a quotation
    refer_no: re.Pattern[str] | None = None  # after a quoted mention: "…征求意见稿，尚未正式施行" says no
    # a clause naming these is about another thing ("思想政治、语文、历史三科均使用统编教材" is about textbooks)
    not_about: re.Pattern[str] | None = None


@dataclass(frozen=True)
class Facts:
    topics: dict[str, Topic]
    negation: re.Pattern[str]
    hedge: re.Pattern[str]
    partial: re.Pattern[str]
    harmless: re.Pattern[str]
    quotation: re.Pattern[str]
    past: re.Pattern[str]
    normative: re.Pattern[str]
    others: re.Pattern[str]
    org: re.Pattern[str]
    foreign: re.Pattern[str]
    party_no: re.Pattern[str]


def _compile(value: object, path: Path, where: str) -> re.Pattern[str]:
    try:
        return re.compile(str(value))
    except re.error as exc:
        raise CatalogueError(f"{path}：{where} 不是有效的正则表达式（{exc}）。") from exc


@cache
def load_facts(path: Path = FACTS_PATH) -> Facts:
    data = load_yaml(path)
    keys = {"negation", "hedge", "partial", "harmless", "quotation", "past", "normative", "others", "facts", "party"}
    check_keys(data, keys, keys, path, "事实词表")
    topics = {}
    for code, entry in data["facts"].items():
        keys = {"about", "yes", "no", "sentence_needs", "refer", "refer_no", "not_about"}
        check_keys(entry, keys, {"about", "yes"}, path, f"事实“{code}”")
        topics[code] = Topic(
            about=_compile(entry["about"], path, f"{code}.about"),
            yes=_compile(entry["yes"], path, f"{code}.yes"),
            no=_compile(entry["no"], path, f"{code}.no") if "no" in entry else None,
            sentence_needs=_compile(entry["sentence_needs"], path, f"{code}.sentence_needs")
            if "sentence_needs" in entry else None,
            refer=_compile(entry["refer"], path, f"{code}.refer") if "refer" in entry else None,
            refer_no=_compile(entry["refer_no"], path, f"{code}.refer_no") if "refer_no" in entry else None,
            not_about=_compile(entry["not_about"], path, f"{code}.not_about") if "not_about" in entry else None,
        )  # fmt: skip
    party = data["party"]
    check_keys(party, {"org", "foreign", "no"}, {"org", "foreign", "no"}, path, "party")
    return Facts(
        topics=topics,
        **{k: _compile(data[k], path, k) for k in _WORD_LISTS},
        org=_compile(party["org"], path, "party.org"),
        foreign=_compile(party["foreign"], path, "party.foreign"),
        party_no=_compile(party["no"], path, "party.no"),
    )


def _mask(pattern: re.Pattern[str], text: str) -> str:
    return pattern.sub(lambda m: "□" * len(m.group(0)), text)


def polarity(clause: str, topic: Topic, facts: Facts | None = None) -> tuple[bool, float] | None:
    """Yes or no, and how plainly, for a clause that names the topic; None when it says neither."""
    facts = facts or load_facts()
    text = facts.harmless.sub("", clause)
    if topic.no is not None and topic.no.search(text):
        return False, BOOL_CONFIDENCE
    if facts.negation.search(text):
        return False, BOOL_CONFIDENCE
    if facts.hedge.search(text):
        return False, HEDGED_CONFIDENCE
    if topic.yes.search(text):
        if facts.partial.search(text):
            return False, PARTIAL_CONFIDENCE
        return True, BOOL_CONFIDENCE
    return None


def statements(doc: Document, ctx: Context | None = None) -> Iterator[Candidate]:
    """Yes/no facts said in so many words ("已建成创业孵化基地", "职业技能等级认定备案正在办理中"). A clause that names
    a later year than the report's ("确保自2026年秋季学期起…开齐开足") is a plan: it says nothing of the report year,
    unless it plans the very thing ("拟于2026年春季试行…校长负责制": not yet, said less plainly)."""
    facts = load_facts()
    named: dict[str, bool] = {}  # topics named so far, quoted or not: what 该制度 refers to
    for sentence in document_sentences(doc):
        if is_form_line(sentence.text) or _QUESTION.search(sentence.text):
            continue  # a form's question ("专业课程是否执行部颁教学标准？") is no statement
        plain = _mask(facts.quotation, sentence.text)
        # each clause, masked and as written, and whether it names a later year (a plan): once per sentence
        pairs = list(zip(clauses(plain), clauses(sentence.text), strict=False))
        planned = [
            ctx is not None and any(m.slot == "future" for m in slots.year_markers(c, ctx)) for (_, c), _ in pairs
        ]
        for code, topic in facts.topics.items():
            referred = topic.refer is not None and named.get(code) and topic.refer.search(plain)
            if topic.about.search(sentence.text):
                named[code] = True
            if not (topic.about.search(plain) or referred):
                continue
            # what the topic needs named, in the sentence or in its paragraph before it ("…职业技能等级认定机构备案
            # 申请材料收悉。经审核，……决定暂缓备案。")
            if topic.sentence_needs is not None and not topic.sentence_needs.search(_up_to(sentence)):
                continue
            said = []
            open_topic = False  # "…开设四门思想政治必修课程，课时按方案开齐开足": the next clause goes on about it
            quoted = False  # the topic named in a quotation: a later clause may say it is not in force
            aside = False  # a norm, the past or other schools, and the clauses going on from it with 并
            for ((_, c), (_, raw_clause)), later in zip(pairs, planned, strict=True):
                if later:
                    named_later = topic.about.search(c) or (referred and topic.refer and topic.refer.search(c))
                    if named_later and facts.hedge.search(c):  # "拟于2026年春季试行…": not yet
                        said.append((False, HEDGED_CONFIDENCE))
                    continue
                if topic.refer_no is not None and quoted and topic.refer_no.search(c):
                    said.append((False, BOOL_CONFIDENCE))
                    break
                if topic.not_about is not None and topic.not_about.search(c):
                    open_topic = False  # this clause, and the one it would open, speak of another thing
                    continue
                quoted = quoted or (bool(topic.about.search(raw_clause)) and not topic.about.search(c))
                named_here = bool(topic.about.search(c) or (referred and topic.refer and topic.refer.search(c)))
                aside = _not_the_schools_now(c, facts) or (aside and bool(_GOES_ON.match(c)))
                if (named_here or open_topic) and not aside:
                    p = polarity(c, topic, facts)
                    if p is not None:
                        said.append(p)
                        open_topic = False
                        continue
                open_topic = named_here
            if not said:
                continue
            values = {v for v, _ in said}
            evidence = evidence_for(doc, sentence.block, sentence.text)
            if len(values) == 1:
                yield Candidate(code, said[0][0], min(c for _, c in said), evidence)
            else:  # said both ways in one sentence: a person must read it
                yield Candidate(code, False, PARTIAL_CONFIDENCE, evidence)


def form_rows(doc: Document, known: Collection[str] = ()) -> Iterator[Candidate]:
    """A form's yes/no rows whose label asks of a topic in other words than the dictionary's labels (`known`, read by
    the tables): "职业技能等级认定是否已在人社部门备案 | ☑是 □否", "项目 | 是 | 否" with the mark in one column.
    The label must name the topic and what it asks of it (思想政治课使用国家统编教材 names the course, but asks of
    textbooks)."""
    facts = load_facts()
    for rows in doc.tables().values():
        if not rows:
            continue
        answers = answer_columns(cells_by_column(rows[0]))
        # "学校类别 | 技工学校 | 党组织 | ☑已建立 □未建立": pairs whose values hold figures or marks (a checklist's
        # "检查方式" and "备注" columns hold neither)
        pairs = (
            not answers
            and label_pairs(rows)
            and any(re.search(r"\d", c.text) or parse_mark(c.text) is not None for cells in rows for c in cells[1::2])
        )
        units = [cells[k : k + 2] for cells in rows for k in range(0, len(cells), 2)] if pairs else rows
        for row in units[1:] if answers else units:
            label = row[0].text if row else ""
            if len(row) < 2 or (normalise_label(label) in known and (answers or parse_mark(row[1].text) is not None)):
                continue  # a label the tables know, answered with a mark they read
            if facts.negation.search(facts.harmless.sub("", label)):
                continue  # "思政课未开足 | ☑是": the answer and the label's own negation — a person should read it
            topics = _asked(facts, label)
            answer = None
            if topics:
                answer = marked_answer(cells_by_column(row), answers) if answers else _answer_cell(row[1:])
            if not answers and (answer is None or not topics):  # the options may name the topic ("已备案☑ 未备案□")
                option = _ticked_option(facts, label, row[1].text)
                if option is not None:
                    topics, answer = [option[0]], option[1]
            if len(topics) != 1 or answer is None:
                continue
            where = next((c for c in row[1:] if parse_mark(c.text) is not None), row[1])
            quote = f"{label.strip()}：{where.text.strip()}"
            yield Candidate(topics[0], answer, FORM_CONFIDENCE, evidence_for(doc, where, quote))


def form_lines(doc: Document, known: Collection[str] = ()) -> Iterator[Candidate]:
    """A form's yes/no line outside a table whose label asks of a topic in other words than the dictionary's labels
    (`known`, read by basics.py): "经人社部门备案开展职业技能等级认定：☑是 □否"."""
    facts = load_facts()
    for sentence in document_sentences(doc):
        if not is_form_line(sentence.text):
            continue
        label, _, answered = re.split(r"([：:])", sentence.text.strip(), maxsplit=1)
        answer = parse_mark(answered)
        if answer is None or normalise_label(label) in known or facts.negation.search(facts.harmless.sub("", label)):
            continue
        topics = _asked(facts, label)
        if len(topics) == 1:
            quote = f"{label.strip()}：{answered.strip()}"
            yield Candidate(topics[0], answer, FORM_CONFIDENCE, evidence_for(doc, sentence.block, quote))


def _asked(facts: Facts, label: str) -> list[str]:
    """The topics a form's label asks of: it names the topic and what it asks of it; a course's textbook, as a
    question states it ("思想政治课是否使用国家统编教材")."""
    topics = [
        code
        for code, topic in facts.topics.items()
        if topic.about.search(label)
        and (topic.yes.search(label) or (topic.no is not None and topic.no.search(label)))
        and (topic.sentence_needs is None or topic.sentence_needs.search(label))
    ]
    if not topics and _ASKS.search(label):
        topics = [code for code, said in subject_polarity(_ASKS.sub("", label)).items() if said]
    return topics


# A row label that asks ("…是否已开放…", "…是否使用…"); the question's words without it state the fact asked of.
_ASKS = re.compile(r"是否(?:已经|已)?")


def _answer_cell(cells: list[Block]) -> bool | None:
    """The answer of a form row without 是/否 columns: the cells after its label that hold one ("检查方式 | 自查情况 |
    说明" rows answer in whichever column); None when none does or two disagree."""
    said = {mark for mark in (parse_mark(c.text) for c in cells) if mark is not None}
    return said.pop() if len(said) == 1 else None


def _ticked_option(facts: Facts, label: str, cell: str) -> tuple[str, bool] | None:
    """A row of boxed options, one ticked ("思想政治课 | 按方案开齐开足☑ 未开足□", "…备案 | 已备案□ 申请中☑"): the
    one topic the label and options are about; yes when the ticked option says it holds, no when another option says
    so and this one was ticked instead."""
    options = boxed(cell)
    ticked = [name for name, mark in options if mark]
    if len(options) < 2 or len(ticked) != 1:
        return None
    words = label + "，" + "，".join(name for name, _ in options)
    found: list[tuple[str, bool]] = []
    for code, topic in facts.topics.items():
        needs = topic.sentence_needs
        if not topic.about.search(words) or (needs is not None and not needs.search(words)):
            continue
        says_yes = [name for name, _ in options if (polarity(name, topic, facts) or (False,))[0]]
        if says_yes:
            found.append((code, ticked[0] in says_yes))
    return found[0] if len(found) == 1 else None


def party_org(doc: Document) -> Iterator[Candidate]:
    """The school's own party organisation: "成立中共…委员会", "党总支于…召开", "学校党支部现有党员9名" say it exists;
    "尚未建立党组织", "党员由镇街联合党委代管", "组织关系挂靠…" say it does not."""
    facts = load_facts()
    principal = facts.topics.get(PRINCIPAL)
    for sentence in document_sentences(doc):
        text = sentence.text
        if "党" not in text or is_form_line(text) or _QUESTION.search(text):
            continue
        plain = _mask(facts.quotation, text)
        if principal is not None:  # "党组织领导的校长负责制尚未建立" speaks of the system, not of the organisation
            plain = _mask(principal.about, plain)
        said: list[tuple[bool, float]] = []
        for _, clause in clauses(plain):
            if facts.past.search(clause) or facts.normative.search(clause) or facts.others.search(clause):
                continue
            if facts.party_no.search(clause):
                said.append((False, BOOL_CONFIDENCE))
                continue
            for org in facts.org.finditer(clause):
                if facts.foreign.search(clause[: org.start()]):
                    continue
                before = facts.harmless.sub("", clause[: org.start()])
                # Plans to create one are in `no`; a hedge before an acting organisation ("拟由党组织会议讨论决定")
                # is about the matter, not about the organisation.
                said.append((not facts.negation.search(before), BOOL_CONFIDENCE))
                break
        if said:
            values = {v for v, _ in said}
            value = values.pop() if len(values) == 1 else False
            confidence = min(c for _, c in said) if len({v for v, _ in said}) == 1 else PARTIAL_CONFIDENCE
            yield Candidate(PARTY, value, confidence, evidence_for(doc, sentence.block, text))


_QUESTION = re.compile(r"[？?]\s*$|是否[^，。；]*$")
_SUBJECTS = {"textbook_politics": ("思想政治", "思政"), "textbook_chinese": ("语文",), "textbook_history": ("历史",)}
_ALL_THREE = re.compile(r"三科|三门|三个科目|上述科目|以上科目|上述三科")
_UNIFIED = re.compile(r"统编|国家统一编写|部编")
_OWN = re.compile(r"校本|自编|自行编写|自主编写|其他版本|地方教材|非统编|原有教材|旧版教材")
_NOT_TAUGHT = re.compile(r"(?:尚未|暂未|未|没有)开设")
_BOOKS = re.compile(r"教材|讲义|统编|课本|教科书")
_SWITCH = re.compile(r"改用|改为|换用|更换为|替换为|调整为|转为使用")
_GOES_ON = re.compile(r"\s*(?:并且|并|同时|以及|且)")


def _up_to(sentence: Sentence) -> str:
    """A sentence's paragraph up to and including it."""
    block = sentence.block.text
    found = block.find(sentence.text[:12])
    return block[: found + len(sentence.text)] if found >= 0 else sentence.text


def _not_the_schools_now(clause: str, facts: Facts) -> bool:
    """A norm ("要按规定选用"), the past, or other schools: no statement of the school now."""
    return bool(facts.past.search(clause) or facts.normative.search(clause) or facts.others.search(clause))


def _textbook_tables(doc: Document, own_names: tuple[str, ...] = ()) -> Iterator[Candidate]:
    """Tables of courses and their textbooks: the subject named in any cell of a row (a first column may number the
    rows); the answer in a column whose head asks 统编 ("是否国家统编"), or else said in the row itself
    ("思想政治（国家统编）", "历史（校本讲义）") when the table's head speaks of textbooks."""
    facts = load_facts()
    for rows in doc.tables().values():
        if len(rows) < 2:
            continue
        asks = [c.position.col for c in rows[0] if _UNIFIED.search(c.text) and c.position.col is not None]
        about_books = bool(_BOOKS.search(" ".join(c.text for c in rows[0])))
        if len(asks) > 1 or not (asks or about_books):
            continue
        for row in rows[1:]:
            named = {
                code
                for c in row
                if c.position.col not in asks
                for code, words in _SUBJECTS.items()
                if any(w in c.text for w in words)
            }
            schools = [m.group(0) for c in row for m in SCHOOL_NAME.finditer(c.text)]
            if len(named) != 1 or (schools and not any(n in schools for n in own_names)):
                continue  # a row of a table of many schools speaks for those it names
            subject = next(iter(named))
            if asks:
                answer = next((c for c in row if c.position.col == asks[0]), None)
                value = parse_mark(answer.text) if answer is not None else None
            else:
                answer = next((c for c in row if _UNIFIED.search(c.text) or _OWN.search(c.text)), None)
                value = _clause_polarity(answer.text, facts) if answer is not None else None
            if value is not None and answer is not None:
                label = next(c for c in row if any(w in c.text for w in _SUBJECTS[subject]))
                head = next((c.text.strip() for c in rows[0] if c.position.col == answer.position.col), "")
                quote = f"{head}：{answer.text.strip()}"
                if label is not answer:
                    quote = f"{label.text.strip()} / {quote}"
                yield Candidate(subject, value, BOOL_CONFIDENCE, evidence_for(doc, answer, quote))


def textbooks(doc: Document, ctx: Context | None = None) -> Iterator[Candidate]:
    """Per subject: a clause saying 统编 (not negated) is yes; 校本/自编, a negated 统编, or a subject not taught is no;
    and tables of courses with a column asking 统编 or not."""
    yield from _textbook_tables(doc, ctx.own_names if ctx is not None else ())
    for sentence in document_sentences(doc):
        if not _BOOKS.search(sentence.text) or is_form_line(sentence.text):
            continue
        evidence = evidence_for(doc, sentence.block, sentence.text)
        blanket = bool(_ALL_THREE.search(sentence.text))
        for code, value in subject_polarity(sentence.text).items():
            yield Candidate(code, value, BOOL_CONFIDENCE, evidence, specific=not blanket)


def subject_polarity(sentence: str) -> dict[str, bool]:
    """思想政治、语文两科使用国家统编教材，历史仍使用校本教材 → politics and Chinese yes, history no."""
    facts = load_facts()
    found: dict[str, bool] = {}
    pending: list[str] = []
    dropped: set[str] = set()
    said_of_others = False  # a norm, the past or other schools, and the clauses that go on with 并 ("…要求…，并…")
    for _, clause in clauses(sentence):
        if _not_the_schools_now(clause, facts) or (said_of_others and _GOES_ON.match(clause)):
            said_of_others = True
            pending = []
            continue
        said_of_others = False
        switched = _SWITCH.search(clause)
        if switched:  # "由校本教材改用统编教材": what holds is what it changed to, not what it changed from
            before = _UNIFIED.sub("", _OWN.sub("", clause[: switched.start()]))
            clause = before + clause[switched.end() :]
        named = re.sub(r"《[^》]*》", "", clause)  # 《中国历史》 is a book's title, not the subject
        subjects = [code for code, words in _SUBJECTS.items() if any(w in named for w in words)]
        if _ALL_THREE.search(named):
            subjects = list(_SUBJECTS)
        # 思想政治理论课 is the course, not the textbook subject, unless 教材 is named in the clause.
        if "理论课" in clause and "教材" not in clause:
            subjects = [s for s in subjects if s != "textbook_politics"]
        value = _clause_polarity(clause, facts)
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


def _clause_polarity(clause: str, facts: Facts) -> bool | None:
    if _OWN.search(clause) or _NOT_TAUGHT.search(clause):
        return False
    unified = _UNIFIED.search(clause)
    if not unified:
        return None
    before = facts.harmless.sub("", clause[: unified.start()])
    return not (facts.negation.search(before) or facts.hedge.search(clause) or "不" in before)
