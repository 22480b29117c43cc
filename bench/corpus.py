"""A synthetic province-sized batch for the benchmark, written once into a cache folder and reused.

Every school gets the bureau's form (.docx), a prose report (.docx) and a quality report of about 30 text pages
(PDF: fixturegen's report followed by appendix pages of prose, numbered headings and ruled tables, with a running
header and page numbers). Every fifth school adds an .xlsx, every tenth a legacy .doc (made by LibreOffice) and,
another tenth, a scanned one-page notice (150 dpi, noise, skew and a red seal). Schools are written one folder
each into a pool under the cache folder; a batch of N schools is a folder of hard links to the first N of them,
so N = 20 reuses what N = 200 wrote.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import tempfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

VERSION = 1  # bump when what a school's files hold changes: the cache is then written again
YEAR = 2025
APPENDIX_PAGES = 27  # with the 2–3 pages of fixturegen's report, about 30 pages per PDF
_CITIES = ("广州市", "深圳市", "珠海市", "汕头市", "佛山市", "韶关市", "河源市", "梅州市", "惠州市", "汕尾市")
_CITIES += ("东莞市", "中山市", "江门市", "阳江市", "湛江市", "茂名市", "肇庆市", "清远市", "潮州市", "揭阳市")
_PLACES = ("城南", "东湖", "西江", "北岭", "新华", "南山", "金沙", "长青", "海丰", "云岭")
_PLACES += ("桥头", "松山", "华侨", "明德", "鹏程", "立信", "兴业", "博雅", "致远", "凤凰")
_KINDS = ("技工学校", "高级技工学校", "技师学院")


def default_cache() -> Path:
    """Where generated batches live: $JIGONG_BENCH_CACHE, else ~/.cache/jigong-bench."""
    return Path(os.environ.get("JIGONG_BENCH_CACHE") or Path.home() / ".cache" / "jigong-bench")


def school_name(i: int) -> str:
    """A distinct, plausible school name for index i (0-based), across the province's cities."""
    city = _CITIES[i % len(_CITIES)]
    place = _PLACES[(i // len(_CITIES)) % len(_PLACES)]
    kind = _KINDS[(i // (len(_CITIES) * len(_PLACES))) % len(_KINDS)]
    if i >= len(_CITIES) * len(_PLACES) * len(_KINDS):
        place += "第" + "一二三四五六七八九十"[(i // 600) % 10]
    return f"{city}{place}{kind}"


@dataclass(frozen=True)
class SchoolFiles:
    """What one school sends, by kind: the batch's mix is fixed by the index."""

    index: int

    @property
    def name(self) -> str:
        return school_name(self.index)

    @property
    def xlsx(self) -> bool:
        return self.index % 5 == 0

    @property
    def legacy(self) -> bool:
        return self.index % 10 == 1

    @property
    def scanned(self) -> bool:
        return self.index % 10 == 3


# ---------------------------------------------------------------- appendix pages (neutral prose and tables)

_TOPICS = (
    ("教学改革", "一体化课程", "工学一体化教学模式", "课程标准", "教学质量监控"),
    ("师资队伍建设", "青年教师培养", "企业实践锻炼", "教学能力比赛", "骨干教师"),
    ("实训基地建设", "实训设备更新", "生产性实训", "实训室管理制度", "安全操作规程"),
    ("社会服务", "职工技能提升", "社区教育", "乡村振兴帮扶", "对口支援"),
    ("校园文化建设", "工匠精神进校园", "社团活动", "志愿服务", "心理健康教育"),
    ("信息化建设", "智慧校园平台", "在线课程资源", "数字化教学", "网络安全管理"),
    ("安全与后勤管理", "消防演练", "食品安全", "校园安保", "宿舍管理"),
    ("质量保障", "内部质量诊断", "教学督导", "学生评教", "毕业生跟踪调查"),
)
_VERBS = ("深入推进", "持续完善", "扎实开展", "全面加强", "稳步推进", "积极探索", "不断健全", "认真落实")
_RESULTS = (
    "取得了明显成效",
    "形成了可复制、可推广的经验",
    "得到了上级部门和社会各界的充分肯定",
    "有效提升了人才培养质量",
    "为区域产业发展提供了有力支撑",
)


def _sentence(rng: random.Random, topic: tuple[str, ...]) -> str:
    head, *items = topic
    a, b = rng.sample(items, 2)
    n1, n2 = rng.randint(3, 90), rng.randint(2, 40)
    forms = (
        f"学校{rng.choice(_VERBS)}{a}工作，全年组织专题活动{n1}场，参与师生{n1 * rng.randint(20, 60)}人次，"
        f"{rng.choice(_RESULTS)}。",
        f"围绕{head}，学校{rng.choice(_VERBS)}{b}，修订相关制度{n2}项，{rng.choice(_RESULTS)}。",
        f"在{a}方面，学校与合作单位共同制定实施方案，分{n2 % 5 + 2}个阶段推进，{rng.choice(_RESULTS)}。",
        f"{b}覆盖全部教学系部，累计投入资金{rng.randint(20, 900)}万元，建成项目{n2}个。",
        f"下一步，学校将继续{rng.choice(_VERBS)}{a}和{b}，进一步提高管理的规范化、精细化水平。",
    )
    return rng.choice(forms)


def _appendix_story(rng: random.Random, styles: dict, first_section: int) -> list:
    from reportlab.platypus import Paragraph, Spacer

    from fixturegen.writers_pdf import ruled_table

    numerals = "一二三四五六七八九十"
    story: list = [Paragraph("附件：学校年度工作详细情况", styles["title"])]
    section = first_section
    # A section of 4–6 paragraphs of 3–5 sentences fills about three quarters of a page; a table every fifth.
    for chapter in range(APPENDIX_PAGES * 4 // 3):
        topic = _TOPICS[(chapter + first_section) % len(_TOPICS)]
        story.append(Paragraph(f"{numerals[section % 10]}、{topic[0]}（{chapter + 1}）", styles["h1"]))
        section += 1
        for _ in range(rng.randint(4, 6)):
            text = "".join(_sentence(rng, topic) for _ in range(rng.randint(3, 5)))
            story.append(Paragraph(escape(text), styles["p"]))
        if chapter % 5 == 2:
            rows = [["实训室", "工位（个）", "设备（台套）", "建成年份"]]
            for k in range(rng.randint(6, 14)):
                place = f"{rng.choice(topic[1:])}实训室{k + 1}"
                figures = [str(rng.randint(20, 80)), str(rng.randint(10, 120)), str(rng.randint(2008, YEAR))]
                rows.append([place, *figures])
            story += [Spacer(1, 6), ruled_table(rows), Spacer(1, 6)]
    return story


def _write_appendix(path: Path, name: str, seed: int, first_page: int) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm
    from reportlab.platypus import SimpleDocTemplate

    from fixturegen.writers_pdf import _STYLES, FONT, MARGIN, register_font

    register_font()
    header = f"{name}{YEAR}年度办学质量报告"

    def decorate(canvas, doc) -> None:  # running header and the page number, as in the report before it
        canvas.saveState()
        canvas.setFont(FONT, 9)
        canvas.drawCentredString(A4[0] / 2, A4[1] - 1.5 * cm, header)
        canvas.drawCentredString(A4[0] / 2, 1.4 * cm, f"— {doc.page + first_page - 1} —")
        canvas.restoreState()

    doc = SimpleDocTemplate(
        str(path), pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN, bottomMargin=MARGIN,
        invariant=1, title=header, author="", subject="", creator="", producer="",
    )  # fmt: skip
    rng = random.Random(f"appendix:{seed}")
    doc.build(_appendix_story(rng, _STYLES, 4 + seed % 3), onFirstPage=decorate, onLaterPages=decorate)


def _page_count(path: Path) -> int:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(path))
    try:
        return len(pdf)
    finally:
        pdf.close()


def write_school(spec: SchoolFiles, folder: Path) -> dict:
    """Write one school's files (except the legacy .doc, made for all schools in one LibreOffice call)."""
    from fixturegen.profiles import make_profile
    from fixturegen.scans import join_pdfs, save_scanned_pdf, scan_pdf, write_notice_pdf
    from fixturegen.writers_docx import write_form_docx, write_report_docx
    from fixturegen.writers_pdf import write_report_pdf
    from fixturegen.xlsx import write_stats_xlsx

    i, name = spec.index, spec.name
    profile = make_profile(5000 + i, name, year=YEAR)
    folder.mkdir(parents=True, exist_ok=True)
    write_form_docx(profile, folder / f"{name}{YEAR}年度报送统计表.docx", i % 3)
    write_report_docx(profile, folder / f"{YEAR}年度工作总结.docx", i % 4)
    with tempfile.TemporaryDirectory(prefix="jigong-bench-") as tmp:
        head, tail = Path(tmp) / "head.pdf", Path(tmp) / "tail.pdf"
        write_report_pdf(profile, head, i % 4)
        _write_appendix(tail, name, i, _page_count(head) + 1)
        join_pdfs([head, tail], folder / f"{YEAR}年度办学质量报告.pdf")
        if spec.scanned:
            notice = Path(tmp) / "notice.pdf"
            write_notice_pdf(notice, name, YEAR, f"{profile.employment_rate}%")
            pages = scan_pdf(notice, name, dpi=150, seed=i)
            save_scanned_pdf([p.image for p in pages], folder / "就业情况说明（扫描件）.pdf", 150)
        if spec.legacy:  # the source of the .doc, converted later with the others
            write_form_docx(profile, Path(tmp) / "src.docx", (i + 1) % 3)
            shutil.copyfile(Path(tmp) / "src.docx", folder.parent / f".legacy-src-{i:04d}.docx")
    if spec.xlsx:
        write_stats_xlsx(folder / "报送统计表.xlsx", school=name, year=YEAR)
    return {"index": i, "name": name, "pdf_pages": _page_count(folder / f"{YEAR}年度办学质量报告.pdf")}


def _write_one(args: tuple[int, str]) -> dict:
    index, pool = args
    spec = SchoolFiles(index)
    return write_school(spec, Path(pool) / f"{index:04d}")


def ensure_pool(n: int, cache: Path, jobs: int = 2, log=print) -> Path:
    """The first n schools written under cache/pool-v{VERSION} (only the missing ones are written)."""
    pool = cache / f"pool-v{VERSION}"
    pool.mkdir(parents=True, exist_ok=True)
    missing = [i for i in range(n) if not (pool / f"{i:04d}" / "done.json").exists()]
    if not missing:
        return pool
    log(f"generating {len(missing)} schools into {pool} (once; later runs reuse them) …")
    for i in missing:  # a school half written by an interrupted run is written again from scratch
        shutil.rmtree(pool / f"{i:04d}", ignore_errors=True)
    with ProcessPoolExecutor(max_workers=jobs) as ex:
        infos = list(ex.map(_write_one, [(i, str(pool)) for i in missing], chunksize=4))
    legacy = [i for i in missing if SchoolFiles(i).legacy]
    if legacy:
        from fixturegen.legacy import write_legacy

        write_legacy(
            [(pool / f".legacy-src-{i:04d}.docx", pool / f"{i:04d}" / "附件-专业设置一览表.doc") for i in legacy]
        )
    for info in infos:
        (pool / f"{info['index']:04d}" / "done.json").write_text(json.dumps(info, ensure_ascii=False))
    return pool


def batch(n: int, cache: Path | None = None, jobs: int = 2, log=print) -> Path:
    """A batch folder of n schools (one sub-folder each, files hard-linked from the pool); made once."""
    cache = cache or default_cache()
    folder = cache / f"batch-{n}-v{VERSION}"
    marker = cache / f"batch-{n}-v{VERSION}.complete"  # outside the batch: the batch holds only schools
    if marker.exists():
        return folder
    pool = ensure_pool(n, cache, jobs, log)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for i in range(n):
        spec = SchoolFiles(i)
        dest = folder / spec.name
        dest.mkdir()
        for src in sorted((pool / f"{i:04d}").iterdir()):
            if src.name != "done.json":
                os.link(src, dest / src.name)
    marker.write_text("")
    return folder


def describe(folder: Path) -> dict:
    """Counts of what a batch holds: schools, files by kind, PDF pages (text and scanned)."""
    import pypdfium2

    kinds: dict[str, int] = {}
    text_pages = scanned_pages = 0
    schools = [d for d in sorted(folder.iterdir()) if d.is_dir()]
    for school in schools:
        for path in sorted(school.iterdir()):
            kinds[path.suffix.lstrip(".")] = kinds.get(path.suffix.lstrip("."), 0) + 1
            if path.suffix == ".pdf":
                pdf = pypdfium2.PdfDocument(str(path))
                if "扫描" in path.name:
                    scanned_pages += len(pdf)
                else:
                    text_pages += len(pdf)
                pdf.close()
    return {"schools": len(schools), "files": kinds, "text_pdf_pages": text_pages, "scanned_pages": scanned_pages}
