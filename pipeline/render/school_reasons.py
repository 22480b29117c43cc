"""A file's reason as the school reads it in its memo: no option names, no inspector's tasks, no paths."""

from __future__ import annotations

import re

# Clauses meant for the inspector (what to run, whom to ask, what the batch did): never in a school's memo.
# What the file is (too large, over a limit, suspect) stays: the school can act on it.
_FOR_INSPECTOR = ("人工", "--", "技术支持", "jigong", "bootstrap", "进程", "口令", "批次", "已跳过", "其余材料", "反馈",
                  "审查数据库", "确属")  # fmt: skip
_CLAUSE = re.compile(r"[^，；。,;]+[，；。,;]?")
_ASIDE = re.compile(r"（[^（）]*）")
_PATH = re.compile(r"(?<![\w.”])(?:[A-Za-z]:\\|/)[^\s，；。（）“”]*")
RESEND = "请核实该文件能否正常打开后重新报送。"


def for_school(reason: str) -> str:
    """The school's version of a reason written for the inspector (the console and results.json keep it)."""
    if not reason:
        return ""
    if "密码" in reason or "加密" in reason:
        what = "压缩包" if "压缩包" in reason else "文件"
        return f"{what}设置了打开密码，无法读取，请重新报送未加密的版本。"
    if reason.startswith("处理该文件时") and "处理进程" in reason:  # a worker crashed or was stopped on it
        return "处理该文件时出现异常，未能读取（可能已损坏或含异常内容），" + RESEND
    text = _ASIDE.sub(lambda m: "" if _inspector(m.group()) or "/" in m.group() else m.group(), reason)
    text = _PATH.sub("", text)
    kept = [c for c in _CLAUSE.findall(text) if not _inspector(c) and c.strip("，；。,; ")]
    body = "".join(kept).rstrip("，；。,; ").replace("请学校", "请")
    if not body:
        return "文件未能读取，" + RESEND
    if "报送" not in body:
        body += "，" + RESEND.removesuffix("。")
    return body + "。"


def _inspector(text: str) -> bool:
    return any(word in text for word in _FOR_INSPECTOR)
