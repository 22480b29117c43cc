"""The fonts of the official layout and the free fonts they map to on Linux (fontconfig), for PDF output."""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from jigong.pipeline.errors import OutputError
from jigong.pipeline.render.officedoc import Layout

FONTS_CONF = Path(__file__).with_name("fontconfig") / "fonts.conf"
DEFAULT_LAYOUT = Layout()
_FIELDS = "%{family[0]}\t%{style[0]}\t%{file}\t%{lang}\n"


@dataclass(frozen=True)
class Substitution:
    """What fontconfig gives for one font name of the documents."""

    name: str  # as written in the .docx (仿宋_GB2312)
    family: str  # the free font used instead (Noto Serif CJK SC)
    style: str
    file: str
    chinese: bool  # the font has Chinese glyphs
    needs_chinese: bool  # the documents set Chinese text in it (without such glyphs: boxes)

    def describe(self) -> str:
        return f"{self.name} → {self.family} {self.style}".rstrip()


def document_fonts(layout: Layout = DEFAULT_LAYOUT) -> dict[str, bool]:
    """Every font name the documents use → whether it sets Chinese text."""
    chinese = [layout.body_font, layout.title_font, layout.mark_font, layout.h1_font, layout.h2_font]
    chinese += [layout.h3_font, layout.table_header_font, layout.page_number_font]
    return {**dict.fromkeys(chinese, True), layout.latin_font: False}


def fontconfig_env(base: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of a process that should see the project's font aliases (the system stays as it is)."""
    env = dict(os.environ if base is None else base)
    env["FONTCONFIG_FILE"] = str(FONTS_CONF)
    return env


def substitutions(layout: Layout = DEFAULT_LAYOUT) -> list[Substitution]:
    """fc-match of every document font under the project's fontconfig file."""
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        raise OutputError("未找到 fc-match（fontconfig），无法确定 PDF 所用字体，请先运行 bash bootstrap.sh。")
    env = fontconfig_env()
    out = []
    for name, sets_chinese in document_fonts(layout).items():
        result = subprocess.run(
            [fc_match, "-f", _FIELDS, name], capture_output=True, text=True, env=env, timeout=30, check=False
        )
        family, style, file, langs = ([*result.stdout.rstrip("\n").split("\t"), "", "", "", ""])[:4]
        chinese = "zh-cn" in langs.split("|")
        out.append(Substitution(name, family, style, file, chinese, sets_chinese))
    return out


def check_chinese(found: list[Substitution]) -> None:
    """Refuse to make PDFs in which Chinese text would fall back to boxes."""
    bad = [s for s in found if s.needs_chinese and not s.chinese]
    if bad:
        names = "、".join(f"{s.name}（→{s.family or '无'}）" for s in bad)
        raise OutputError(
            f"以下字体没有可用的中文替代字体：{names}；PDF 中的中文将无法显示。"
            "请运行 bash bootstrap.sh 安装 fonts-noto-cjk 和 fonts-arphic-ukai。"
        )
