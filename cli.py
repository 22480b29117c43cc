"""The `jigong` command: a thin click shell over the library; its words are the bureau's."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import json
import re
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import click

from jigong import cli_words
from jigong.pipeline.chinese import cn_date, moment, width
from jigong.pipeline.errors import ArgumentError, JigongError, ReadError

# The demo batch and the outputs are folders of the current directory (the project's own when run from it):
# an installed jigong has no project folder.
INPUTS, OUTPUTS = Path("inputs"), Path("outputs")
CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}

_CJK_BREAK = re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef])[ \t]*\n[ \t]*(?=[\u3000-\u9fff\uff00-\uffef])")
EXAMPLE = "示例："

cli_words.install()


class _ChineseFormatter(click.HelpFormatter):
    """click's help layout with the bureau's punctuation: full-width colons, no spaces inside Chinese text, no line
    starting with punctuation, and an example always on one line (it can be copied as it stands)."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, "用法：" if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{heading}：\n")

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        limit = max(self.width - self.current_indent, 20)
        for n, paragraph in enumerate(p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()):
            if n:
                self.write("\n")
            # A docstring line break between two Chinese characters is not a word break.
            paragraph = _CJK_BREAK.sub("", paragraph.strip())
            if paragraph.startswith(EXAMPLE):
                lines = [" ".join(paragraph.split())]
            else:
                lines = cli_words.wrap(" ".join(paragraph.split()), limit)
            for line in lines:
                self.write(f"{indent}{line}\n")

    def write_dl(self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        # click pads by len(); Chinese metavars (目录) need padding by display width.
        rows = list(rows)
        first_col = min(max((width(term) for term, _ in rows), default=0), col_max) + col_spacing
        for term, text in rows:
            self.write(" " * self.current_indent + term)
            if not text:
                self.write("\n")
                continue
            if width(term) <= first_col - col_spacing:
                self.write(" " * (first_col - width(term)))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            lines = cli_words.wrap(" ".join(text.split()), max(self.width - first_col - self.current_indent, 10))
            lines = lines or [""]
            self.write(lines[0] + "\n")
            for line in lines[1:]:
                self.write(" " * (first_col + self.current_indent) + line + "\n")


click.Context.formatter_class = _ChineseFormatter


INTERRUPTED = 130  # the shell's code for a command ended by Ctrl-C (128 + SIGINT)


def _interrupted_line() -> str:
    return (
        "已中断（Ctrl-C），本次审查未完成。已读取的材料保存在审查数据库中，下次运行时不再重新读取；"
        "已生成的输出文件均完整可用（尚未更新的仍为上次运行的结果）。"
    )


class _ChineseGroup(click.Group):
    def main(self, *args: Any, standalone_mode: bool = True, **kwargs: Any) -> Any:  # type: ignore[override]
        """click's main, its messages in Chinese: usage errors, "Aborted!", and Ctrl-C (exit code 130)."""
        if not standalone_mode:
            return super().main(*args, standalone_mode=False, **kwargs)  # type: ignore[call-overload]
        try:
            code = super().main(*args, standalone_mode=False, **kwargs)  # type: ignore[call-overload]
        except click.exceptions.Abort as exc:
            if isinstance(exc.__cause__, KeyboardInterrupt):
                click.echo(_interrupted_line(), err=True)
                sys.exit(INTERRUPTED)
            click.echo(cli_words.gettext("Aborted!"), err=True)
            sys.exit(1)
        except Failure as exc:
            exc.show()
            sys.exit(exc.exit_code)
        except click.UsageError as exc:
            if exc.ctx is not None:
                click.echo(exc.ctx.get_usage(), err=True)
                click.echo(f"请运行“{exc.ctx.command_path} --help”查看用法。", err=True)
            click.echo(f"错误：{cli_words.tidy(exc.format_message())}", err=True)
            sys.exit(exc.exit_code)
        except click.ClickException as exc:
            click.echo(f"错误：{cli_words.tidy(exc.format_message())}", err=True)
            sys.exit(exc.exit_code)
        except KeyboardInterrupt:  # between click's parsing and the command (it converts the rest to Abort)
            click.echo(_interrupted_line(), err=True)
            sys.exit(INTERRUPTED)
        sys.exit(code if isinstance(code, int) else 0)

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
    """A tool error shown to the inspector in Chinese, without a traceback (exit code 3)."""

    exit_code = 3

    def show(self, file=None) -> None:  # type: ignore[no-untyped-def]
        click.echo(f"错误：{self.format_message()}", err=True, file=file)


class Unreadable(Failure):
    """The one input file asked for could not be read (exit code 1, as for a batch with unreadable files)."""

    exit_code = 1


class WrongArgument(Failure):
    """An argument names something that does not exist (exit code 2, as click's usage errors)."""

    exit_code = 2


def _failure(exc: JigongError) -> Failure:
    """The tool's own error as the inspector sees it, with the exit code its kind calls for."""
    if isinstance(exc, ReadError):
        return Unreadable(str(exc))
    if isinstance(exc, ArgumentError):
        return WrongArgument(str(exc))
    return Failure(str(exc))


def command(fn: Callable[..., None]) -> click.Command:
    """A jigong command: Chinese help (-h/--help), --debug, and the tool's errors each shown as one Chinese line
    with its exit code (a traceback only with --debug)."""

    @functools.wraps(fn)
    def guarded(*args: Any, debug: bool, **kwargs: Any) -> None:
        try:
            fn(*args, **kwargs)
        except JigongError as exc:
            if debug:
                raise
            raise _failure(exc) from exc

    debug = click.Option(["--debug"], is_flag=True, help="出错时显示程序内部的详细信息。")
    guarded.__click_params__ = [debug, *getattr(fn, "__click_params__", [])]  # type: ignore[attr-defined]
    helped = click.help_option("-h", "--help", help="显示本帮助并退出。")(guarded)
    return main.command(cls=_ChineseCommand, context_settings=CONTEXT)(helped)


def year_option(help: str) -> Callable[[Any], Any]:
    return click.option("--year", type=click.IntRange(2000, 2100), metavar="YYYY", help=help)


def json_option(help: str = "以 JSON 输出。") -> Callable[[Any], Any]:
    return click.option("--json", "as_json", is_flag=True, help=help)


_STORE_HELP = "审查数据库文件；缺省为输出目录中的 jigong.sqlite。各年度共用一个数据库才能逐年比较。"
store_option = click.option(
    "--store", type=click.Path(dir_okay=False, path_type=Path), metavar="文件", help=_STORE_HELP
)


def _say(text: str) -> None:
    """A line for the terminal: names and text from the schools' files may hold control characters (an escape
    sequence would recolour or clear the inspector's terminal); they are shown as symbols instead."""
    from jigong.pipeline.render.output import visible

    click.echo(visible(text))


def _store_path(out: Path, store: Path | None) -> Path:
    from jigong.pipeline.store import STORE_NAME

    return store or out / STORE_NAME


def _open_store(out: Path, store: Path | None):  # type: ignore[no-untyped-def]
    from jigong.pipeline.store import Store

    path = _store_path(out, store)
    if not path.is_file():
        raise Failure(f"{path}：审查数据库不存在，请先运行 jigong run（或用 --out、--store 指明数据库所在位置）。")
    return Store(path)


_RANGE = re.compile(r"\s*\[(?:([\d.]+)<=x<=([\d.]+)|x>=([\d.]+))\]$")


def _range(match: re.Match[str]) -> str:
    """click's "  [1<=x<=256]" after an option's help, in words: "（1至256）"."""
    low, high, least = match.groups()
    return f"（可用{low}至{high}）" if least is None else f"（不小于{least}）"


def _options(cmd: click.Command, ctx: click.Context, formatter: click.HelpFormatter) -> None:
    rows = [
        (term, _RANGE.sub(_range, text))
        for p in cmd.get_params(ctx)
        if isinstance(p, click.Option) and (rv := p.get_help_record(ctx)) is not None
        for term, text in [rv]
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


@command
@click.argument(
    "batch",
    required=False,
    type=click.Path(file_okay=False, path_type=Path),
    default=INPUTS,
    metavar="[报送材料目录]",
)
@year_option("审查年度；缺省时取报送材料载明的报告年度。")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=OUTPUTS,
    metavar="目录",
    help="输出目录；缺省为 outputs/。",
)
@click.option(
    "--date", "issue_date", type=click.DateTime(["%Y-%m-%d"]), metavar="YYYY-MM-DD", help="成文日期；缺省为今天。"
)
@click.option(
    "--plan",
    metavar="方案",
    help="审查依据的方案：方案编号（见 jigong rules）或审查要点目录文件（.yaml）；缺省按审查年度选用有效的方案。",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 256),
    metavar="N",
    help="同时读取材料的进程数；缺省为本机处理器核数。",
)
@click.option(
    "--scheduler",
    metavar="地址",
    help="改由 Dask 集群读取材料，如 tcp://10.1.2.3:8786（集群各节点须能以相同路径访问报送材料目录）。",
)
@click.option(
    "--time-limit",
    type=click.FloatRange(1, 86400),
    default=180,
    metavar="秒",
    help="每份材料的处理时限，缺省180秒；超时的材料列为无法读取，批次照常进行。",
)
@click.option(
    "--memory-limit",
    type=click.IntRange(256, 1_048_576),
    metavar="MB",
    help="每个处理进程可用的内存上限（MB），缺省4096（处理器多于2核时每核另加72）；超出的材料列为无法读取，批次照常进行。",
)
@click.option(
    "--max-pages",
    type=click.IntRange(1, 100_000),
    default=500,
    metavar="页",
    help="每份 PDF 的页数上限，缺省500；超出的材料列为无法读取，批次照常进行。",
)
@click.option(
    "--max-pixels",
    type=click.IntRange(1, 10_000),
    default=100,
    metavar="百万像素",
    help="每张图片或每个扫描页的像素上限（百万像素），缺省100；超出的不做文字识别，列为无法读取。",
)
@store_option
@json_option("以 JSON 输出本次审查的概要（供其他程序读取）。")
@click.option(
    "--password",
    "passwords",
    multiple=True,
    metavar="文件名=口令",
    help="加密文件（PDF、Word、Excel）的打开口令，可多次给出；文件名可带学校文件夹，如 某校/年度报告.pdf=123456。",
)
@click.option("--pdf", is_flag=True, help="另将每份 .docx 文书转换为 PDF（LibreOffice，字体按公文要求替换）。")
@click.option(
    "--roster",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="文件",
    help="学校名册（.xlsx 或 .csv，可用 jigong form --roster 生成）；缺省取报送材料目录顶层的“学校名册.xlsx”（如有）。",
)
def run(
    batch: Path,
    year: int | None,
    out: Path,
    issue_date: dt.datetime | None,
    plan: str | None,
    workers: int | None,
    scheduler: str | None,
    time_limit: float,
    memory_limit: int | None,
    max_pages: int,
    max_pixels: int,
    store: Path | None,
    as_json: bool,
    passwords: tuple[str, ...],
    pdf: bool,
    roster: Path | None,
) -> None:
    """审查一批报送材料并生成审查意见书、汇总表和 results.json。

    报送材料目录中每个子文件夹为一所学校的材料；目录顶层的零散文件按文件名或内容中载明的
    学校名称归入相应学校。缺省审查内置的演示材料（inputs/）。再次运行时只读取内容有变化的
    材料，其余取自审查数据库；人工复核意见（jigong decide）每次运行都会采用。

    退出码：0 全部材料均已读取；1 有材料无法读取（其余输出照常生成）；2 命令用法有误；3 程序无法
    完成（目录、方案、模板或数据库有误）。

    示例：jigong run 报送材料/2025 --year 2025 --out 审查结果
    """
    from jigong.pipeline.job import run as run_job
    from jigong.pipeline.readers.options import ReadOptions, parse_passwords
    from jigong.pipeline.run.progress import Progress
    from jigong.pipeline.settings import MEMORY_MB, Limits, Settings

    today = issue_date.date() if issue_date else None
    options = ReadOptions(passwords=parse_passwords(passwords), max_pages=max_pages, max_pixels=max_pixels * 1_000_000)
    if year is not None:
        _warn_outside_plan(year, plan)
    progress = Progress(sys.stderr)
    try:
        settings = Settings(
            batch, out, year=year, today=today, plan=plan, workers=workers, scheduler=scheduler, store=store,
            limits=Limits(seconds=time_limit, memory_mb=memory_limit or MEMORY_MB), pdf=pdf, read=options,
            roster=roster,
        )  # fmt: skip
        report = run_job(settings, report=progress)
    finally:
        progress.close()
    if report.store is not None:
        _remember_run(report.store, out)
    if year is None:
        _warn_outside_plan(report.result.year, plan, after=True)
    if as_json:
        click.echo(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
        sys.exit(report.exit_code)
    for line in report.lines(out):
        _say(line)
    if report.pdf is not None and report.pdf.failed:
        lines = "\n".join(f"  {path.name}：{reason}" for path, reason in report.pdf.failed)
        raise Failure(f"{len(report.pdf.failed)}份文书未能转换为 PDF（.docx 已写入）：\n{lines}")
    sys.exit(report.exit_code)


def _warn_outside_plan(year: int, plan: str | None, after: bool = False) -> None:
    """A report year outside the plan's years: said on the console (stderr) before the run, or after it when the
    year came from the files."""
    from jigong.checks.plans import resolve

    try:
        catalogue = resolve(plan, year)
    except JigongError:
        return  # the run itself reports a plan that cannot be found
    if catalogue.in_force(year):
        return
    start, end = catalogue.start, catalogue.end
    when = "材料载明的报告年度" if after else "审查年度"
    click.echo(
        f"注意：{when}{year}年不在《{catalogue.plan.title}》的有效期（{cn_date(start)}至{cn_date(end)}）内；"
        "仍依据该方案审查，各审查意见书将注明结论仅供参考。"
        "如年度有误，请用 --year 指明；如有新方案，请用 --plan 指明。",
        err=True,
    )


def _remember_run(store: Path, out: Path) -> None:
    """Note the store of this run for decide and status typed later in the same folder."""
    from jigong.pipeline.run.recent import remember

    remember(Path.cwd().resolve(), Path(store), out)


@command
@year_option("报告年度；缺省为上一年（如今年为2026年，则为2025年度）。")
@click.option(
    "-o",
    "--out",
    "target",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("报送模板.docx"),
    show_default=False,
    metavar="文件",
    help="输出文件；缺省为当前目录下的“报送模板.docx”。",
)
@click.option(
    "--date", "issue_date", type=click.DateTime(["%Y-%m-%d"]), metavar="YYYY-MM-DD", help="文件日期；缺省为今天。"
)
@click.option(
    "--roster", "blank_roster", is_flag=True, help="改为生成空白学校名册（.xlsx），缺省文件名为“学校名册.xlsx”。"
)
def form(year: int | None, target: Path, issue_date: dt.datetime | None, blank_roster: bool) -> None:
    """生成空白报送模板（统计表），供局里发给各技工院校填写；或生成空白学校名册。

    模板由数据字典逐项生成：每个指标一行并注明单位，是否类事项为“☐是”“☐否”两个选项，管理制度逐项勾选。
    学校填好后随年度材料报送，jigong run 可直接读取。学校名册首行为表头（学校名称、办学性质、学校类别、
    统一社会信用代码、所在镇街、曾用名/简称），其下每行一所应报送的学校，供 jigong run --roster 使用。

    示例：jigong form --year 2025 -o 报送模板.docx

    示例：jigong form --roster -o 名册.xlsx
    """
    from jigong.pipeline.render.form import write_form

    if blank_roster:
        from jigong.pipeline.run.roster import write_blank

        target = Path("学校名册.xlsx") if target == Path("报送模板.docx") else target
        if target.suffix.lower() != ".xlsx":
            raise Failure(f"{target}：学校名册须保存为 .xlsx 文件。")
        click.echo(f"已生成空白学校名册：{write_blank(target)}")
        return

    today = issue_date.date() if issue_date else dt.date.today()
    year = year or today.year - 1
    if target.suffix.lower() != ".docx":
        raise Failure(f"{target}：报送模板须保存为 .docx 文件。")
    written = write_form(target, year, today)
    click.echo(f"已生成{year}年度报送模板：{written}")


@command
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path), metavar="文件")
@json_option()
@click.option("--password", metavar="口令", help="加密文件的打开口令。")
def read(file: Path, as_json: bool, password: str | None) -> None:
    """显示一份材料读取出的文字块及其位置（页码、段落、表格单元格、工作表）。

    页眉、页脚单独标出；扫描件和图片经文字识别（OCR），每块附识别把握（0–1）。
    旧版 .doc、.xls、WPS 文件先经 LibreOffice 转换。

    示例：jigong read inputs/东莞市鸿图技师学院/东莞市鸿图技师学院2025年度报送统计表.docx --json
    """
    from jigong.pipeline.readers import read_file
    from jigong.pipeline.readers.options import ReadOptions

    options = ReadOptions(passwords={file.name: password} if password is not None else {})
    document = read_file(file, file.name, options)
    if as_json:
        click.echo(
            json.dumps(
                {"file": document.path, "blocks": [b.to_json() for b in document.blocks]},
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    for block in document.blocks:
        _say(block.line())


@command
@click.argument("rule_id", required=False, metavar="[规则编号]")
@click.option("--plan", metavar="方案", help="方案编号或审查要点目录文件（.yaml）；缺省按审查年度选用。")
@year_option("审查年度；缺省为上一年度。")
def rules(rule_id: str | None, plan: str | None, year: int | None) -> None:
    """列出审查要点目录，或显示一条规则的方案原文和检查方式。

    不带规则编号时逐条列出编号、条款、审查要求、严重程度和施行期间；带编号时显示该条的依据条款、
    方案原文、适用范围和检查方式（按生效日期分列）。

    示例：jigong rules R03
    """
    from jigong.checks.explain import explain, rows, table
    from jigong.checks.plans import resolve

    catalogue = resolve(plan, year or dt.date.today().year - 1)
    if rule_id:
        lines = explain(catalogue, rule_id)
        if not lines:
            known = "、".join(r[0] for r in rows(catalogue))
            raise WrongArgument(f"方案中没有规则“{rule_id}”。可用的编号：{known}。")
        click.echo("\n".join(lines))
        return
    click.echo("\n".join(table(catalogue)))


@command
@click.argument("target", type=click.Path(exists=True, path_type=Path), metavar="文件或目录")
@year_option("报告年度；缺省时取材料载明的报告年度。")
@json_option()
def extract(target: Path, year: int | None, as_json: bool) -> None:
    """提取材料中的各项指标，逐项显示数值、置信度、出处（页码、段落或单元格）和原文。

    文件或目录：一份材料，或一所学校的材料文件夹（逐层读取其中全部文件，合并为该校的报送材料）。
    几份材料说法不一、约数或识别把握不足的指标标明“待核实”；材料未载明的指标列在最后。

    示例：jigong extract inputs/东莞市鸿图技师学院
    """
    from jigong.pipeline.extract.submission import extract_path

    result = extract_path(target, year)
    if as_json:
        click.echo(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
        return
    for line in result.lines():
        _say(line)


_OUT_HELP = (
    "输出目录（审查数据库 jigong.sqlite 在其中）；缺省为在当前目录最近一次运行 jigong run 所用的数据库，"
    "没有时为 outputs/。"
)


season_out_option = click.option(
    "--out", type=click.Path(file_okay=False, path_type=Path), metavar="目录", help=_OUT_HELP
)


def _season_store(out: Path | None, store: Path | None) -> tuple[Path, str]:
    """The store decide and status use, and how it was chosen: --store, --out, the latest run from the current
    folder (pipeline/run/recent.py), else the default output folder."""
    from jigong.pipeline.run.recent import recall

    if store is not None:
        return store, "--store 指定"
    if out is not None:
        return _store_path(out, None), "--out 指定的输出目录"
    recent = recall(Path.cwd())
    if recent is not None:
        return recent.store, f"当前目录最近一次运行 jigong run 所用，{moment(recent.at)}"
    return _store_path(OUTPUTS, None), "缺省输出目录 outputs/，当前目录尚未运行过 jigong run"


@command
@click.argument("school", required=False, metavar="[学校]")
@click.argument("rule", required=False, metavar="[规则编号]")
@click.option("--status", metavar="结论", help="对规则的复核结论：符合（pass）、不符合（fail）、待核实（review）等。")
@click.option("--indicator", metavar="指标代码", help="要更正数值的指标，如 employment_rate（见数据字典）。")
@click.option("--value", metavar="数值", help="更正后的数值，如 98.2、3,210、是。")
@click.option("--reason", default="", metavar="理由", help="复核理由（必填），写入审查意见书。")
@click.option("--list", "listing", is_flag=True, help="列出已记录的复核意见（含已撤回、已被取代的），不记录新意见。")
@click.option(
    "--withdraw", type=click.IntRange(1), metavar="N", help="撤回第 N 条复核意见（保留在记录中，此后运行不再采用）。"
)
@year_option("审查年度；缺省为最近审查的年度。")
@season_out_option
@store_option
@json_option("与 --list 合用：以 JSON 输出。")
def decide(
    school: str | None,
    rule: str | None,
    status: str | None,
    indicator: str | None,
    value: str | None,
    reason: str,
    listing: bool,
    withdraw: int | None,
    year: int | None,
    out: Path | None,
    store: Path | None,
    as_json: bool,
) -> None:
    """记录人工复核意见：确认或改变一条规则的审查结论，或更正一项指标的数值；列出或撤回已记录的意见。

    复核意见按年度保存在审查数据库中，此后每次运行 jigong run 都会采用，并写入审查意见书（人工复核意见）
    和汇总表；学校重新报送的材料改变了意见所依据的数值时，该意见暂不采用，相应审查要点列为待核实，提请重新
    核实。同一事项再次复核时，以最新的意见为准。学校名称可写简称（须能唯一确定一所学校）。

    未给出 --out 或 --store 时，使用在当前目录最近一次运行 jigong run 所用的审查数据库（没有时为 outputs/
    中的数据库），并显示所用数据库的位置。--list 列出全部复核意见及其状态；--withdraw N 撤回第 N 条意见：
    该意见保留在记录中并标明已撤回，下次运行 jigong run 起不再采用。

    示例：jigong decide 东莞市松湖高级技工学校 R03 --status pass --reason "已补交就业证明材料"

    示例：jigong decide 松湖 --indicator employment_rate --value 98.2 --reason "按就业台账核实"

    示例：jigong decide --list

    示例：jigong decide --withdraw 2
    """
    from jigong.pipeline.review.decision_log import history
    from jigong.pipeline.review.decision_log import withdraw as take_back
    from jigong.pipeline.review.decisions import take

    path, how = _season_store(out, store)
    if listing and withdraw is not None:
        raise click.UsageError("--list 和 --withdraw 不能同时使用。")
    if (listing or withdraw is not None) and (school or rule or status or indicator or value or reason):
        raise click.UsageError("列出（--list）或撤回（--withdraw）复核意见时，不能同时记录新的意见。")
    if not (listing or withdraw is not None) and not school:
        raise click.UsageError("缺少参数“学校”（或用 --list 列出、--withdraw N 撤回复核意见）。")
    with _open_store(path.parent, path) as db:
        if listing:
            entries = history(db, year)
            if as_json:
                data = {"store": str(path), "decisions": [e.to_json() for e in entries]}
                click.echo(json.dumps(data, ensure_ascii=False, indent=2))
                return
            _say(f"审查数据库：{path}（{how}）")
            _say(f"复核意见：{len(entries)}条，有效{sum(e.in_force for e in entries)}条")
            for entry in entries:
                _say(f"  {entry.line()}")
            return
        if withdraw is not None:
            entry = take_back(db, withdraw)
            _say(f"审查数据库：{path}（{how}）")
            what = f"{entry.year}年度 {entry.school} {entry.target} → {entry.decided}"
            _say(f"已撤回第{entry.id}条复核意见：{what}。")
            click.echo("该意见保留在记录中（jigong decide --list 可见）；重新运行 jigong run 起不再采用。")
            return
        decision = take(db, school or "", reason, year=year, rule=rule, status=status, indicator=indicator, value=value)
    from jigong.pipeline.model import STATUS_LABELS

    what = STATUS_LABELS[decision.status] if decision.status else f"更正为{decision.value}"
    _say(f"审查数据库：{path}（{how}）")
    _say(f"已记录第{decision.id}条复核意见：{decision.year}年度 {decision.school} {decision.target} → {what}。")
    click.echo("重新运行 jigong run 即写入审查意见书和汇总表（未变化的材料不会重新读取）。")


@command
@year_option("审查年度；缺省为最近审查的年度。")
@season_out_option
@store_option
@json_option()
def status(year: int | None, out: Path | None, store: Path | None, as_json: bool) -> None:
    """显示本年度审查进展：收到材料的学校、无法读取的材料、待处理事项和人工复核意见。

    未给出 --out 或 --store 时，使用在当前目录最近一次运行 jigong run 所用的审查数据库（没有时为 outputs/
    中的数据库）。

    示例：jigong status --year 2025 --out 审查结果
    """
    from jigong.pipeline.run.season import season_status, status_lines

    path, how = _season_store(out, store)
    with _open_store(path.parent, path) as db:
        data = season_status(db, year)
    if as_json:
        click.echo(json.dumps({**data, "store": str(path)}, ensure_ascii=False, indent=2))
        return
    _say(f"审查数据库：{path}（{how}）")
    for line in status_lines(data):
        click.echo(line)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())


@command
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), metavar="目录", help=_OUT_HELP)
@store_option
@year_option("审查年度；缺省为最近审查的年度。")
@click.option(
    "--port", type=click.IntRange(0, 65535), default=8620, metavar="N", help="端口；缺省8620，0为任一空闲端口。"
)
@click.option("--no-browser", is_flag=True, help="不自动打开浏览器（只显示地址）。")
def review(out: Path | None, store: Path | None, year: int | None, port: int, no_browser: bool) -> None:
    """在浏览器中复核：逐校查看各审查要点及其在学校材料中的原样（PDF、扫描件截取页面并标出引文，Word、Excel
    显示所在段落或表格行），就地确认或改变结论、更正数值并写明理由，撤回意见，重新生成并下载审查意见书。

    只在本机（127.0.0.1）监听；第一行显示的地址带有本次启动的访问口令，没有口令的请求一律拒绝。复核意见与
    jigong decide 记录的相同，jigong decide --list 可见。按 Ctrl-C 结束。

    示例：jigong review --out 审查结果 --no-browser
    """
    import webbrowser

    from jigong.pipeline.job import run as run_job
    from jigong.pipeline.review.browser import Access, create_app, serve
    from jigong.pipeline.settings import TEMPLATES_DIR, Settings

    path, how = _season_store(out, store)
    folder = out or path.parent
    _open_store(path.parent, path).close()  # it must exist (and open) before the pages are offered

    def rerun(batch: Path, run_year: int, plan: str | None) -> None:
        run_job(Settings(batch, folder, year=run_year, plan=plan, store=path))

    access = Access.new()
    app = create_app(path, folder, TEMPLATES_DIR, access, rerun, year)

    def ready(base: str) -> None:
        address = f"{base}/?t={access.token}"
        click.echo(address)
        _say(f"审查数据库：{path}（{how}）；按 Ctrl-C 结束。")
        if not no_browser:
            webbrowser.open(address)

    with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C is the way to end it, not an interrupted review
        serve(app, port, ready)  # (waitress itself ends its loop on Ctrl-C)
    click.echo("复核网页已关闭。记录的复核意见均已保存在审查数据库中。")
