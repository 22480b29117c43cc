"""The `jigong` command: a thin click shell over the library; its words are the bureau's."""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
import unicodedata
from collections.abc import Iterable
from pathlib import Path

import click

from pipeline.errors import JigongError
from pipeline.model import Block

PROJECT_DIR = Path(__file__).resolve().parent
CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}

_CJK_BREAK = re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef])[ \t]*\n[ \t]*(?=[\u3000-\u9fff\uff00-\uffef])")


def _width(text: str) -> int:
    """Columns a text takes in a terminal: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


class _ChineseFormatter(click.HelpFormatter):
    """click's help layout with the bureau's punctuation: full-width colons, no spaces inside Chinese text."""

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{heading}：\n")

    def write_text(self, text: str) -> None:
        # A docstring line break between two Chinese characters is not a word break.
        text = _CJK_BREAK.sub("", text)
        # click wraps by characters; a Chinese character takes two columns.
        saved = self.width
        self.width = max(20, saved * len(text) // max(_width(text), 1))
        try:
            super().write_text(text)
        finally:
            self.width = saved

    def write_dl(self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        # click pads by len(); Chinese metavars (目录) need padding by display width.
        rows = list(rows)
        first_col = min(max((_width(term) for term, _ in rows), default=0), col_max) + col_spacing
        for term, text in rows:
            self.write(" " * self.current_indent + term)
            if not text:
                self.write("\n")
                continue
            if _width(term) <= first_col - col_spacing:
                self.write(" " * (first_col - _width(term)))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            wrapped = click.formatting.wrap_text(text, max(self.width - first_col - 2, 10), preserve_paragraphs=True)
            lines = wrapped.splitlines() or [""]
            self.write(lines[0] + "\n")
            for line in lines[1:]:
                self.write(" " * (first_col + self.current_indent) + line + "\n")


click.Context.formatter_class = _ChineseFormatter


class _ChineseGroup(click.Group):
    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        formatter.write_usage(ctx.command_path, "[选项] 命令 [参数]...", prefix="用法：")

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        _options(self, ctx, formatter)
        commands = [(name, self.get_command(ctx, name)) for name in self.list_commands(ctx)]
        with formatter.section("命令"):
            formatter.write_dl([(name, cmd.get_short_help_str(60)) for name, cmd in commands if cmd])


class _ChineseCommand(click.Command):
    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        pieces = " ".join(self.collect_usage_pieces(ctx)).replace("[OPTIONS]", "[选项]")
        formatter.write_usage(ctx.command_path, pieces, prefix="用法：")

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        _options(self, ctx, formatter)


class Failure(click.ClickException):
    """A tool error shown to the inspector in Chinese, without a traceback."""

    def show(self, file=None) -> None:  # type: ignore[no-untyped-def]
        click.echo(f"错误：{self.format_message()}", err=True, file=file)


def _options(cmd: click.Command, ctx: click.Context, formatter: click.HelpFormatter) -> None:
    rows = [
        rv for p in cmd.get_params(ctx) if isinstance(p, click.Option) and (rv := p.get_help_record(ctx)) is not None
    ]
    if rows:
        with formatter.section("选项"):
            formatter.write_dl(rows)


@click.group(cls=_ChineseGroup, context_settings=CONTEXT)
@click.help_option("-h", "--help", help="显示本帮助并退出。")
@click.version_option(
    "0.1.0", "-V", "--version", prog_name="jigong", message="%(prog)s %(version)s", help="显示版本号并退出。"
)
def main() -> None:
    """技工院校年度报送材料审查工具（东莞市人力资源和社会保障局）。

    读取各技工院校报送的年度材料，逐项提取指标及出处，对照《东莞市深化产教融合推动技工教育
    高质量发展实施方案》审查，生成审查意见书、汇总表和 results.json。

    示例：jigong run
    """


@main.command(cls=_ChineseCommand, context_settings=CONTEXT)
@click.help_option("-h", "--help", help="显示本帮助并退出。")
@click.argument(
    "batch",
    required=False,
    type=click.Path(file_okay=False, path_type=Path),
    default=PROJECT_DIR / "inputs",
    metavar="[报送材料目录]",
)
@click.option(
    "--year", type=click.IntRange(2000, 2100), metavar="YYYY", help="审查年度；缺省时取报送材料载明的报告年度。"
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=PROJECT_DIR / "outputs",
    metavar="目录",
    help="输出目录；缺省为 outputs/。",
)
@click.option(
    "--date", "issue_date", type=click.DateTime(["%Y-%m-%d"]), metavar="YYYY-MM-DD", help="成文日期；缺省为今天。"
)
@click.option(
    "--password",
    "passwords",
    multiple=True,
    metavar="文件名=口令",
    help="加密文件（PDF、Word、Excel）的打开口令，可多次给出；文件名可带学校文件夹，如 某校/年度报告.pdf=123456。",
)
@click.option("--debug", is_flag=True, help="出错时显示程序内部的详细信息。")
def run(
    batch: Path, year: int | None, out: Path, issue_date: dt.datetime | None, passwords: tuple[str, ...], debug: bool
) -> None:
    """审查一批报送材料并生成审查意见书、汇总表和 results.json。

    报送材料目录中每个子文件夹为一所学校的材料；目录顶层的零散文件按文件名或内容中载明的
    学校名称归入相应学校。缺省审查内置的演示材料（inputs/）。

    示例：jigong run 报送材料/2025 --year 2025 --out 审查结果
    """
    from pipeline.job import run_job
    from pipeline.readers.options import ReadOptions, parse_passwords

    today = issue_date.date() if issue_date else None
    try:
        options = ReadOptions(passwords=parse_passwords(passwords))
        report = run_job(batch, out, year=year, today=today, options=options)
    except JigongError as exc:
        if debug:
            raise
        raise Failure(str(exc)) from exc
    result = report.result
    click.echo(f"审查年度：{result.year}年；依据：《{result.plan.title}》")
    click.echo(f"学校：{len(result.schools)}所；材料：{sum(len(s.files) for s in result.schools)}份")
    for school in result.schools:
        counts = {s: sum(f.status == s for f in school.findings) for s in ("fail", "review", "missing")}
        click.echo(
            f"  {school.school_name}：不符合{counts['fail']}项，待核实{counts['review']}项，未提供{counts['missing']}项"
        )
    if report.unreadable:
        click.echo(f"未能读取或未能归属的材料{len(report.unreadable)}份：")
        for line in report.unreadable:
            click.echo(f"  {line}")
    click.echo(f"已写入：{out}（results.json、{len(result.schools)}份审查意见书、汇总表）")


@main.command(cls=_ChineseCommand, context_settings=CONTEXT)
@click.help_option("-h", "--help", help="显示本帮助并退出。")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path), metavar="文件")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出。")
@click.option("--password", metavar="口令", help="加密文件的打开口令。")
def read(file: Path, as_json: bool, password: str | None) -> None:
    """显示一份材料读取出的文字块及其位置（页码、段落、表格单元格、工作表）。

    页眉、页脚单独标出；扫描件和图片经文字识别（OCR），每块附识别把握（0–1）。
    旧版 .doc、.xls、WPS 文件先经 LibreOffice 转换。

    示例：jigong read inputs/东莞市鸿图技师学院/统计表.docx --json
    """
    from pipeline.readers import read_file
    from pipeline.readers.options import ReadOptions

    options = ReadOptions(passwords={file.name: password} if password is not None else {})
    try:
        document = read_file(file, file.name, options)
    except JigongError as exc:
        raise Failure(str(exc)) from exc
    if as_json:
        click.echo(
            json.dumps(
                {"file": document.path, "blocks": [_block_json(b) for b in document.blocks]},
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    labels = {"header": "页眉", "footer": "页脚"}
    for block in document.blocks:
        where = block.position.locator()
        if block.kind in labels and not where.startswith(labels[block.kind]):
            where = f"{labels[block.kind]} {where}".strip()
        sure = f" 识别把握{block.confidence:.2f}" if block.confidence < 1 else ""
        click.echo(f"[{where}{sure}] {block.text}")


def _block_json(block: Block) -> dict[str, object]:
    pos = block.position
    out: dict[str, object] = {"kind": block.kind, "level": block.level, "locator": pos.locator(), "text": block.text}
    fields = {"page": pos.page, "paragraph": pos.paragraph, "table": pos.table, "row": pos.row, "col": pos.col}
    out.update({k: v for k, v in fields.items() if v is not None})
    if pos.sheet is not None:
        out["sheet"] = pos.sheet
    if pos.part is not None:
        out["part"] = pos.part
    if block.confidence < 1:
        out["confidence"] = round(block.confidence, 3)
    return out


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
