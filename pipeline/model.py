"""Plain dataclasses passed between the stages: read → extract → check → render."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

# header/footer blocks are kept apart from the body: readers report them, extraction ignores them.
BlockKind = Literal["heading", "paragraph", "cell", "header", "footer"]
FileStatus = Literal["ok", "error", "skipped"]
Status = Literal["pass", "fail", "below_target", "review", "missing", "not_applicable", "computed"]

# Below this a value is shown but the rules that use it say 待核实 (review), never pass.
REVIEW_THRESHOLD = 0.7

STATUS_LABELS: dict[str, str] = {
    "pass": "符合",
    "fail": "不符合",
    "below_target": "低于目标",
    "review": "待核实",
    "missing": "未提供",
    "not_applicable": "不适用",
    "computed": "核算",
}


@dataclass(frozen=True)
class Position:
    """Where a block stands in its file; only the fields that apply to its format are set."""

    page: int | None = None  # 1-based, PDFs
    paragraph: int | None = None  # 1-based index among body paragraphs, Word files
    table: int | None = None  # 1-based table number in the file
    row: int | None = None  # 1-based
    col: int | None = None  # 1-based
    sheet: str | None = None  # spreadsheets: the sheet's name
    part: str | None = None  # a part outside the body's flow, in the inspector's words: 页眉, 页脚, 文本框
    # PDFs and scans: where on the page, in points from the page's top-left corner (x0, top, x1, bottom)
    box: tuple[float, float, float, float] | None = None

    def to_json(self) -> dict[str, Any]:
        """The fields that are set (a box rounded to a tenth of a point)."""
        out = {f: getattr(self, f) for f in ("page", "paragraph", "table", "row", "col", "sheet", "part")}
        data: dict[str, Any] = {k: v for k, v in out.items() if v is not None}
        if self.box is not None:
            data["box"] = [round(v, 1) for v in self.box]
        return data

    def locator(self) -> str:
        """The position in the words an inspector uses (第2页 表1 第3行第2列)."""
        parts = []
        if self.part is not None and self.part != "文本框":
            parts.append(self.part)
        if self.sheet is not None:
            parts.append(f"工作表“{self.sheet}”")
        if self.page is not None:
            parts.append(f"第{self.page}页")
        if self.table is not None or self.sheet is not None:
            if self.sheet is None:  # a sheet is its own table: 工作表“统计” 第3行第2列
                parts.append(f"表{self.table}")
            if self.row is not None:
                parts.append(f"第{self.row}行" + (f"第{self.col}列" if self.col is not None else ""))
        elif self.paragraph is not None:
            parts.append(f"第{self.paragraph}段")
        text = " ".join(parts)
        return text + "（文本框）" if self.part == "文本框" else text


@dataclass(frozen=True)
class Block:
    """One unit of text in the neutral document model: a heading, a paragraph or a table cell."""

    text: str
    kind: BlockKind
    position: Position
    level: int = 0  # heading level, 1 = top
    confidence: float = 1.0  # below 1 where the text was recognised (OCR) rather than read

    def to_json(self) -> dict[str, Any]:
        """As `jigong read --json` shows it: the position's fields that are set, the confidence when below 1."""
        pos = self.position
        out: dict[str, Any] = {"kind": self.kind, "level": self.level, "locator": pos.locator(), "text": self.text}
        out.update(pos.to_json())
        if self.confidence < 1:
            out["confidence"] = round(self.confidence, 3)
        return out

    def line(self) -> str:
        """As `jigong read` shows it: [第2页 页眉 识别把握0.83] text."""
        where = self.position.locator()
        label = {"header": "页眉", "footer": "页脚"}.get(self.kind)
        if label is not None and not where.startswith(label):
            where = f"{label} {where}".strip()
        sure = f" 识别把握{self.confidence:.2f}" if self.confidence < 1 else ""
        return f"[{where}{sure}] {self.text}"


@dataclass
class Document:
    """A file turned into blocks, whatever its format; `path` is relative to the batch."""

    path: str
    blocks: list[Block] = field(default_factory=list)

    def tables(self) -> dict[int, list[list[Block]]]:
        """Cells grouped by table then row, in reading order."""
        grouped: dict[int, dict[int, list[Block]]] = {}
        for block in self.blocks:
            pos = block.position
            if block.kind == "cell" and pos.table is not None and pos.row is not None:
                grouped.setdefault(pos.table, {}).setdefault(pos.row, []).append(block)
        return {t: [rows[r] for r in sorted(rows)] for t, rows in grouped.items()}

    def text_blocks(self) -> list[Block]:
        """Headings and paragraphs of the body (no table cells, no running headers or footers)."""
        return [b for b in self.blocks if b.kind in ("heading", "paragraph")]


@dataclass(frozen=True)
class Evidence:
    """Where a value was read: file, page or locator, and the words quoted."""

    file: str
    quote: str
    page: int | None = None
    locator: str = ""
    ocr_confidence: float = 1.0  # below 1 where the quoted text was recognised from an image
    position: Position | None = None  # the block quoted, for showing it as it looks in the file

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"file": self.file}
        if self.page is not None:
            out["page"] = self.page
        out["locator"] = self.locator
        out["quote"] = self.quote
        if self.ocr_confidence < 1:
            out["ocr_confidence"] = round(self.ocr_confidence, 3)
        if self.position is not None:
            out["position"] = self.position.to_json()
        return out

    def cite(self) -> str:
        """Short citation for a memo: 《file》第3页 表1 第2行."""
        where = f" {self.locator}" if self.locator else ""
        return f"《{self.file}》{where}"


@dataclass
class Value:
    """An indicator's value for one school, with its evidence and how sure the reading is."""

    code: str
    value: Any
    unit: str = ""
    confidence: float = 1.0
    evidence: list[Evidence] = field(default_factory=list)
    approximate: bool = False
    conflict: bool = False  # sources disagree; the evidence holds each of them
    derived: bool = False  # computed from other indicators, not stated
    inferred: str = ""  # the indicator whose stated value implies this one (relations.yaml), when not stated
    # a tie: readings that disagree and none ranks above the others; value is then None (undecided)
    readings: list[Any] = field(default_factory=list)

    @property
    def undecided(self) -> bool:
        return self.value is None and bool(self.readings)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "value": self.value,
            "unit": self.unit,
            "confidence": round(self.confidence, 3),
            "evidence": [e.to_json() for e in self.evidence],
        }
        if self.approximate:
            out["approximate"] = True
        if self.conflict:
            out["conflict"] = True
        if self.inferred:
            out["inferred_from"] = self.inferred
        if self.readings:
            out["readings"] = list(self.readings)
        return out


@dataclass
class FileRecord:
    """A file received from a school and what became of it."""

    path: str
    status: FileStatus
    error: str = ""
    kind: str = ""  # docx, pdf, … as sniffed from the content
    size: int = 0
    sha256: str = ""

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"path": self.path, "status": self.status}
        if self.error:
            out["error"] = self.error
        return out


@dataclass
class Finding:
    """The outcome of one rule for one school (or for the city)."""

    rule: str
    clause: str
    status: Status
    message: str
    value: Any = None
    # The rule's 重点 / 一般 / 提示 / 核算, set once by the review (pipeline/review/grade.py); outputs read it.
    severity: str = ""
    evidence: list[Evidence] = field(default_factory=list)
    schools_counted: int | None = None
    schools_missing: list[str] | None = None
    schools_contradicted: list[str] | None = None

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "rule": self.rule,
            "clause": self.clause,
            "status": self.status,
            **({"severity": self.severity} if self.severity else {}),
            "value": self.value,
            "message": self.message,
            "evidence": [e.to_json() for e in self.evidence],
        }
        if self.schools_counted is not None:
            out["schools_counted"] = self.schools_counted
            out["schools_missing"] = list(self.schools_missing or [])
            out["schools_contradicted"] = list(self.schools_contradicted or [])
        return out


@dataclass
class ReviewNote:
    """An inspector's decision (人工复核意见) as it stands in this run: applied, or waiting for a new look."""

    decision_id: int
    kind: Literal["rule", "indicator"]
    target: str  # a rule id (R03) or an indicator code (employment_rate)
    label: str  # the rule's title or the indicator's name
    decided: str  # what the inspector decided, in words: 符合 / 更正为98.2%
    reason: str
    taken_on: str  # ISO date
    applied: bool  # False: the figure it was taken on has changed since; the finding is 待核实
    note: str  # one sentence for the memo

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.decision_id,
            "kind": self.kind,
            "target": self.target,
            "decided": self.decided,
            "reason": self.reason,
            "taken_on": self.taken_on,
            "applied": self.applied,
            "note": self.note,
        }


@dataclass
class Change:
    """One indicator against an earlier year: 全日制在校生人数 3,210人 → 3,530人（+320人）."""

    code: str
    label: str
    previous_year: int
    previous: float
    current: float
    delta: float
    text: str  # the change in the bureau's words: +320人, −0.4个百分点


@dataclass
class SchoolResult:
    """Everything known about one school's submission after the checks."""

    school_name: str
    folder: str
    files: list[FileRecord] = field(default_factory=list)
    indicators: dict[str, Value] = field(default_factory=dict)
    # codes whose readings tie (Value.undecided): kept out of indicators, so nothing counts or shows a figure for them
    undecided: dict[str, Value] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    review: list[ReviewNote] = field(default_factory=list)  # the inspectors' decisions on this school
    changes: list[Change] = field(default_factory=list)  # against the latest earlier year in the store
    # 合格 / 暂缓通过 / 不合格, given once by the review (pipeline/review/grade.py); every output reads it.
    grade: str = ""
    doc_number: str = ""  # 发文字号 of its memo: assigned once a year, kept in the store (pipeline/store/numbers.py)

    def finding(self, rule: str) -> Finding | None:
        return next((f for f in self.findings if f.rule == rule), None)

    def to_json(self) -> dict[str, Any]:
        return {
            "school_name": self.school_name,
            **({"grade": self.grade} if self.grade else {}),
            **({"doc_number": self.doc_number} if self.doc_number else {}),
            "folder": self.folder,
            "files": [f.to_json() for f in self.files],
            "indicators": {
                code: v.to_json() for code, v in (self.indicators | self.undecided).items() if not v.derived
            },
            "findings": [f.to_json() for f in self.findings],
        } | ({"decisions": [n.to_json() for n in self.review]} if self.review else {})


@dataclass
class PlanInfo:
    """The policy document a catalogue belongs to."""

    id: str
    title: str
    issuer: str
    issued: str
    in_force: tuple[str, str]

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "in_force": list(self.in_force)}


@dataclass
class BatchResult:
    """A whole batch: every school and the city-wide findings."""

    year: int
    generated_at: str
    plan: PlanInfo
    schools: list[SchoolResult] = field(default_factory=list)
    city: list[Finding] = field(default_factory=list)
    city_changes: list[Change] = field(default_factory=list)  # city-wide figures against an earlier year
    # Every year in the store, for trend charts: {"years": [...], "schools": {name: {code: [[year, value]]}},
    # "city": {code: [[year, value]]}} (pipeline/review/history.py); empty without a store.
    history: dict[str, Any] = field(default_factory=dict)
    not_submitted: list[str] = field(default_factory=list)  # schools that sent nothing (roster, empty folders)
    ignored_files: list[str] = field(default_factory=list)  # lock files, Thumbs.db, __MACOSX/…: never material
    # For the inspector: roster matches that were not exact, schools outside the roster.
    intake_notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "generated_at": self.generated_at,
            "plan": self.plan.to_json(),
            "schools": [s.to_json() for s in self.schools],
            "not_submitted": list(self.not_submitted),
            "ignored_files": list(self.ignored_files),
            "city": {"findings": [f.to_json() for f in self.city]},
        }


# The roster (学校名册): pipeline/run/roster.py loads it and matches submissions to it.


@dataclass(frozen=True)
class School:
    """One row of the roster."""

    name: str
    nature: str  # 办学性质: 公办 / 民办
    category: str  # 学校类别: 技师学院 / 高级技工学校 / 技工学校
    credit_code: str = ""
    town: str = ""
    aliases: tuple[str, ...] = ()
    row: int = 0  # the roster's row, for evidence


@dataclass
class Roster:
    """The schools of the roster and the file it came from."""

    source: str  # the file's name, as evidence cites it
    schools: list[School] = field(default_factory=list)
    path: Path | None = None

    @property
    def skip(self) -> frozenset[Path]:
        """The roster's own file, when it lies in the batch folder: not a school's material."""
        return frozenset({self.path.resolve()}) if self.path is not None else frozenset()


@dataclass(frozen=True)
class Match:
    """How a submission was found on the roster: exact, by a former name or short name, or tolerantly."""

    school: School
    how: str  # exact | alias | tolerant
    said: str  # the name the submission goes by

    def describe(self) -> str:
        """For the inspector: “松湖高级技工学校”按名册中的简称对应“东莞市松湖高级技工学校”."""
        ways = {"alias": "按名册中的曾用名或简称", "tolerant": "忽略全角半角、空格和“东莞市”后"}
        return f"“{self.said}”{ways[self.how]}对应名册中的“{self.school.name}”"
