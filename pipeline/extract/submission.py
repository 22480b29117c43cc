"""One file or one school's folder read and extracted, for `jigong extract`: values, evidence and the words."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from jigong.pipeline.dictionary import Indicator, load_dictionary
from jigong.pipeline.errors import JigongError
from jigong.pipeline.extract import REVIEW_THRESHOLD, Extractor
from jigong.pipeline.extract.school import extract_school
from jigong.pipeline.model import FileRecord, Value
from jigong.pipeline.readers import read_record


@dataclass
class Extraction:
    """What one submission states: the files read (or not) and one value per indicator found."""

    files: list[FileRecord] = field(default_factory=list)
    values: dict[str, Value] = field(default_factory=dict)
    ignored: list[str] = field(default_factory=list)  # lock files, thumbnail caches: not material

    def to_json(self) -> dict[str, Any]:
        dictionary = load_dictionary()
        return {
            "files": [f.to_json() for f in self.files],
            "indicators": {
                code: {"name": dictionary[code].name, **v.to_json(), "review": needs_review(v)}
                for code, v in self.values.items()
            },
            "not_stated": [code for code in dictionary if code not in self.values],
            "ignored_files": self.ignored,
        }

    def lines(self) -> list[str]:
        """For the terminal: the files, then each value with its confidence, its sources and their words, then
        the indicators not stated."""
        dictionary = load_dictionary()
        read = sum(f.status == "ok" for f in self.files)
        lines = [f"材料：{len(self.files)}份，已读取{read}份"]
        if self.ignored:
            lines.append(f"已忽略、不作为报送材料的文件{len(self.ignored)}个：{'、'.join(self.ignored)}")
        lines += [f"  未读取：{r.path}：{r.error}" for r in self.files if r.status != "ok"]
        lines.append(f"载明的指标：{len(self.values)}项（数据字典共{len(dictionary)}项）")
        for code, value in self.values.items():
            indicator = dictionary[code]
            note = flags(value)
            status = f"，待核实：{'、'.join(note)}" if note else ""
            lines += [
                "",
                f"{indicator.name}（{code}）：{describe(value, indicator)}（置信度{value.confidence:.2f}{status}）",
            ]
            for ev in value.evidence:
                where = f" {ev.locator}" if ev.locator else ""
                lines += [f"  出处：{ev.file}{where}", f"  原文：{ev.quote}"]
        missing = [ind.name for code, ind in dictionary.items() if code not in self.values]
        if missing:
            lines += ["", f"未载明的指标（{len(missing)}项）：{'、'.join(missing)}"]
        return lines


def needs_review(value: Value) -> bool:
    """Rules that use this value say 待核实: sources disagree, an approximation, or low confidence."""
    return value.conflict or value.approximate or value.confidence < REVIEW_THRESHOLD


def extract_path(target: Path, year: int | None = None, extractor: Extractor | None = None) -> Extraction:
    """Read a file, or every file below a folder (one school's submission), and extract every indicator — the
    files taken as a batch takes them: stray files set aside, archives opened (members named 材料.zip/报告.docx)."""
    from jigong.pipeline.run.intake import is_stray
    from jigong.pipeline.run.unpack import archive_kind, open_archive

    if target.is_dir():
        paths = sorted(p for p in target.rglob("*") if p.is_file() and not p.is_symlink())
        root = target.parent  # the school's folder is part of each file's path, as in a batch
    elif target.is_file():
        paths, root = [target], target.parent
    else:
        raise JigongError(f"{target}：文件或目录不存在，请检查路径。")
    out = Extraction()
    documents = []
    with tempfile.TemporaryDirectory(prefix="jigong-extract-") as work:
        for path in paths:
            rel = path.relative_to(root).as_posix()
            if is_stray(rel):
                out.ignored.append(rel)
                continue
            members = [(path, rel, "")]
            if archive_kind(path) is not None:
                opened = open_archive(path, rel, Path(work), is_stray)
                out.ignored += opened.strays
                members = [(m.path or path, m.label, m.problem) for m in opened.members]
                if opened.problem or not members:
                    problem = opened.problem or "压缩包中没有可审查的文件，请学校重新报送。"
                    out.files.append(FileRecord(path=rel, status="error", error=problem, kind="archive"))
            for member_path, label, problem in members:
                if problem:
                    out.files.append(FileRecord(path=label, status="error", error=problem))
                    continue
                record, document = read_record(member_path, label)
                out.files.append(record)
                if document is not None:
                    documents.append(document)
    out.values = extract_school(extractor or Extractor(), documents, year)
    return out


def describe(value: Value, indicator: Indicator) -> str:
    """3,210人 / 98.1% / 126.5万元（1,265,000元） / 是 / 教职工管理、教学管理."""
    v = value.value
    if value.undecided:
        shown = [describe(replace(value, value=r, readings=[]), indicator) for r in value.readings]
        return "说法不一：" + " / ".join(shown)
    if indicator.type == "bool":
        return "是" if v else "否"
    if indicator.type == "set":
        return "、".join(v) if v else "（无）"
    if indicator.type == "pct":
        return f"{float(v):.1f}%"
    if indicator.type == "money":
        return f"{int(v):,}元（{int(v) / 10000:g}万元）"
    if indicator.type == "int":
        return f"{int(v):,}{indicator.unit}"
    if indicator.type == "year":
        return f"{v}年"
    return str(v)


def flags(value: Value) -> list[str]:
    """Why a value cannot carry a pass, in the inspector's words."""
    out = []
    if value.conflict:
        out.append("不同材料说法不一")
    if value.approximate:
        out.append("约数")
    if value.confidence < REVIEW_THRESHOLD and not value.conflict:
        out.append("识别把握不足")
    return out
