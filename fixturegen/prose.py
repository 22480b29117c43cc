"""Report model shared by the .docx and PDF writers: blocks of text plus what they state."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field

from fixturegen.numfmt import fmt_int
from fixturegen.profiles import SchoolProfile

# Marks the label/figure boundary the PDF writer forces onto a line end.
WRAP = "\x1f"

SUBJECTS: tuple[tuple[str, str], ...] = (
    ("textbook_politics", "思想政治"),
    ("textbook_chinese", "语文"),
    ("textbook_history", "历史"),
)
_COUNT_WORDS = {2: "两", 3: "三"}


@dataclass
class Block:
    """One paragraph of a report: kind is title, h1, h2, p, or table (``rows`` then holds its cells)."""

    kind: str
    text: str
    rows: list[list[str]] = field(default_factory=list)


@dataclass
class Stated:
    """A sentence together with the indicator values it states (``approximate``: those it states as 约/余/多)."""

    text: str
    values: dict[str, object] = field(default_factory=dict)
    approximate: frozenset[str] = frozenset()


def s(text: str, **values: object) -> Stated:
    """Shorthand for a Stated sentence."""
    return Stated(text, values)


def sa(text: str, approximate: tuple[str, ...], **values: object) -> Stated:
    """A sentence stating some of its values as approximations (约3,200人, 3,000余人)."""
    return Stated(text, values, frozenset(approximate))


@dataclass
class Report:
    """A report as blocks, with the values it states and their evidence sentences."""

    blocks: list[Block] = field(default_factory=list)
    values: dict[str, object] = field(default_factory=dict)
    evidence: dict[str, str] = field(default_factory=dict)
    approximate: set[str] = field(default_factory=set)

    def _record(self, stated: Stated) -> None:
        for code, value in stated.values.items():
            if code in self.values and self.values[code] != value:
                raise ValueError(f"{code} stated twice with different values")
            self.values.setdefault(code, value)
            self.evidence.setdefault(code, stated.text.replace(WRAP, ""))
        self.approximate |= stated.approximate

    def add(self, kind: str, *parts: str | Stated) -> None:
        """Append a block made of plain strings and Stated sentences."""
        texts = []
        for part in parts:
            if isinstance(part, Stated):
                self._record(part)
                texts.append(part.text)
            else:
                texts.append(part)
        self.blocks.append(Block(kind, "".join(texts)))

    def title(self, *parts: str | Stated) -> None:
        """Append the document title."""
        self.add("title", *parts)

    def h1(self, text: str) -> None:
        """Append a level-1 heading."""
        self.add("h1", text)

    def h2(self, text: str) -> None:
        """Append a level-2 heading."""
        self.add("h2", text)

    def p(self, *parts: str | Stated) -> None:
        """Append a body paragraph."""
        self.add("p", *parts)

    def table(self, header: list[str], rows: list[tuple[list[str], dict[str, object]]]) -> None:
        """Append a ruled table; each row states the values given with it (its cells joined are the evidence)."""
        for cells, values in rows:
            self._record(Stated(" | ".join(cells), values))
        self.blocks.append(Block("table", "", [header, *[cells for cells, _ in rows]]))


def change(delta: float, up: str = "增加", down: str = "减少") -> str:
    """Word for the direction of a change."""
    return up if delta >= 0 else down


def _subject_list(names: list[str], unit: str) -> str:
    joined = "、".join(names)
    if len(names) > 1:
        return f"{joined}{_COUNT_WORDS[len(names)]}{'门' if unit == '课程' else ''}{unit}"
    return f"{joined}{'科目' if unit == '科' else unit}"


# Per-variant wording: (all-true sentence, true clause, false clause).
_TEXTBOOK_WORDING: dict[int, tuple[str, str, str]] = {
    0: ("思想政治、语文、历史三科均使用国家统编教材", "{subj}使用国家统编教材", "{subj}仍使用校本教材"),
    1: ("思想政治、语文、历史课程全部选用国家统编教材", "{subj}选用国家统编教材", "{subj}暂使用学校自编教材"),
    2: ("思想政治、语文、历史三科统一使用国家统编教材", "{subj}统一使用国家统编教材", "{subj}目前仍使用校本教材"),
}


def textbook_sentence(p: SchoolProfile, variant: int, lead: str = "") -> Stated:
    """Sentence stating which of the three subjects use the national unified textbooks."""
    flags = {code: bool(getattr(p, code)) for code, _ in SUBJECTS}
    all_true, true_tpl, false_tpl = _TEXTBOOK_WORDING[variant % 3]
    unit = "科" if variant != 1 else "课程"
    yes = [name for code, name in SUBJECTS if flags[code]]
    no = [name for code, name in SUBJECTS if not flags[code]]
    if not no:
        body = all_true
    else:
        clauses = []
        if yes:
            clauses.append(true_tpl.format(subj=_subject_list(yes, unit)))
        clauses.append(false_tpl.format(subj=_subject_list(no, unit)))
        body = "，".join(clauses)
    return s(f"{lead}{body}。", **flags)


def party_sentence(p: SchoolProfile, variant: int) -> Stated:
    """Sentence stating whether the school has set up its own Party organisation."""
    yes = p.party_org_established
    sup = p.party_supervisor
    if variant == 0:
        text = (
            f"学校党委于{p.party_org_year}年成立，下设党支部{2 + p.seed % 4}个，"
            if yes
            else f"学校尚未建立独立党组织，党建工作由{sup}代管，"
        )
        text += "认真落实“三会一课”制度，党建与业务工作深度融合。"
    elif variant == 1:
        text = (
            "学校已建立党组织，设党总支1个，党组织书记由校长兼任。"
            if yes
            else f"学校目前尚未建立独立党组织，党建工作由{sup}代管，已向上级党组织提交组建申请。"
        )
    elif variant == 2:
        text = (
            "学校坚持党建引领，已实现党组织全覆盖，各党支部按期换届。"
            if yes
            else f"学校党建工作由{sup}代管，尚未单独组建党组织。"
        )
    else:
        text = (
            f"中共{p.name}委员会于{p.party_org_year}年成立，学校党委认真履行管党治党、办学治校主体责任。"
            if yes
            else f"学校暂未建立党组织，由{sup}选派党建指导员，党建工作由其代管。"
        )
    return s(text, party_org_established=yes)


_GOVERNANCE: dict[int, tuple[str, str, str, str]] = {
    0: (
        "学校实行党组织领导的校长负责制",
        "学校尚未实行党组织领导的校长负责制",
        "开齐开足开好思想政治理论课",
        "思想政治理论课课时不足，尚未开齐开足",
    ),
    1: (
        "学校全面落实党组织领导的校长负责制",
        "学校目前仍未实行党组织领导的校长负责制",
        "按规定开齐开足思想政治理论课",
        "思想政治理论课未开足规定课时",
    ),
    2: (
        "学校已实行党组织领导的校长负责制，重大事项由党委会研究决定",
        "学校尚未实行党组织领导的校长负责制",
        "思想政治理论课开齐开足开好",
        "思想政治理论课课时不足",
    ),
}


def governance_sentence(p: SchoolProfile, variant: int) -> Stated:
    """Sentence stating the principal-responsibility system and the ideology course hours."""
    yes_pr, no_pr, yes_ic, no_ic = _GOVERNANCE[variant % 3]
    text = f"{yes_pr if p.principal_responsibility else no_pr}；{yes_ic if p.ideology_course_full else no_ic}。"
    return s(text, principal_responsibility=p.principal_responsibility, ideology_course_full=p.ideology_course_full)


Fmt = Callable[[int], str]


def fillers(p: SchoolProfile, n: Fmt, count: int, salt: int, skip: int = 0) -> list[str | Stated]:
    """Paragraphs about teaching, training, safety …: only the teachers' one states an indicator."""
    rng = random.Random(f"{p.seed}:{p.name}:{salt}")
    y = p.year
    pool: list[str | Stated] = [
        s(
            f"学校现有专任教师{n(p.teachers)}人，其中高级讲师{n(round(p.teachers * 0.28))}人，"
            f"一体化教师占比{rng.randint(62, 88)}%，“双师型”教师队伍建设成效明显。"
            "学校持续推进一体化课程教学改革，"
            f"全年开展校级公开课{n(rng.randint(40, 120))}节，组织教师赴企业实践{n(rng.randint(30, 90))}人次。",
            full_time_teachers=p.teachers,
        ),
        f"学校积极组织学生参加各级职业技能竞赛，全年获得省级以上奖项{n(rng.randint(8, 40))}项，"
        f"其中在广东省技工院校技能大赛中获一等奖{n(rng.randint(1, 6))}项，"
        "以赛促教、以赛促学的氛围日益浓厚。",
        f"学校大力开展职业技能培训，面向企业职工和社会人员举办各类培训班{n(rng.randint(20, 90))}期，"
        f"完成职业技能等级认定{n(rng.randint(1500, 6000))}人次，服务地方产业发展能力进一步增强。",
        f"学校严格落实安全生产责任制，全年组织消防应急演练{n(rng.randint(4, 12))}次、安全专题教育"
        f"{n(rng.randint(10, 30))}场，校园安全形势总体稳定，未发生安全责任事故。",
        f"学校坚持“校中厂、厂中校”的办学模式，与{n(rng.randint(30, 160))}家企业共建校外实训基地，"
        f"校内实训工位数达{n(rng.randint(1200, 4800))}个，基本满足一体化教学需要。",
        f"学校持续改善办学条件，{y}年完成实训楼改造工程，新增实训设备{n(rng.randint(200, 900))}台（套），"
        f"图书馆藏书{n(rng.randint(8, 30) * 10000)}册，数字化校园建设稳步推进。",
        "学校落实立德树人根本任务，深入开展“技能成才、技能报国”主题教育，"
        "推进劳动教育和心理健康教育，学生综合素质明显提升。",
    ]
    rng.shuffle(pool)
    return pool[skip : skip + count]


def majors_sentence(p: SchoolProfile) -> str:
    """Sentence naming a few majors and their partner enterprises (no in-scope figures)."""
    pairs = [(m, e) for m, e in p.majors if e != "—"][:2]
    if len(pairs) < 2:
        return ""
    (m1, e1), (m2, e2) = pairs
    return f"其中，{m1}专业与{e1}共建产业学院，{m2}专业与{e2}开展订单式培养。"


def city_students(p: SchoolProfile) -> str:
    """City-wide student figure (a distractor), e.g. 4.8万."""
    return f"{4.5 + (p.seed % 7) / 10:.1f}万"


def ints(mode: str) -> Fmt:
    """Int formatter bound to a mode."""
    return lambda v: fmt_int(v, mode)
