"""click's own words in the bureau's Chinese, and line wrapping that keeps Chinese punctuation off a line's start."""

from __future__ import annotations

import re
from collections.abc import Callable

import click

from jigong.pipeline.chinese import width

# click's messages (its gettext message ids, as in click 8.1–8.3) → the bureau's words. click formats the
# translated text, so "{name}" in a translation stands for a repr()'d "{name!r}" in the English one: the value
# is shown in Chinese quotation marks instead of Python's.
WORDS: dict[str, str] = {
    "Aborted!": "已中止。",
    "Error: {message}": "错误：{message}",
    "Try '{command} {option}' for help.": "请运行“{command} {option}”查看用法。",
    "Usage:": "用法：",
    "Options": "选项",
    "Commands": "命令",
    "Positional arguments": "参数",
    "Show this message and exit.": "显示本帮助并退出。",
    "Show the version and exit.": "显示版本号并退出。",
    "Invalid value for {param_hint}: {message}": "{param_hint}的值无效：{message}",
    "Invalid value: {message}": "值无效：{message}",
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing {param_type}": "缺少{param_type}",
    "Missing parameter: {param_name}": "缺少参数：{param_name}",
    "Missing command.": "缺少命令。",
    "No such command {name!r}.": "没有“{name}”这个命令。",
    "No such option {name!r}.": "没有“{name}”这个选项。",
    "No such option: {name}": "没有“{name}”这个选项。",
    "Option {name!r} does not take a value.": "选项“{name}”后不能带值。",
    "Option {name!r} requires an argument.": "选项“{name}”后须给出一个值。",
    "Option {name!r} requires {nargs} arguments.": "选项“{name}”后须给出{nargs}个值。",
    "Got unexpected extra argument ({args})": "多余的参数：{args}。",
    "Got unexpected extra arguments ({args})": "多余的参数：{args}。",
    "Did you mean {possibility}?": "是否要用 {possibility}？",
    "(Did you mean one of: {possibilities}?)": "（是否要用其中之一：{possibilities}？）",
    "file": "文件",
    "directory": "目录",
    "path": "路径",
    "{name} {filename!r} does not exist.": "{name}“{filename}”不存在。",
    "{name} {filename!r} is a file.": "“{filename}”是文件，这里应为{name}。",
    "{name} {filename!r} is a directory.": "“{filename}”是目录，这里应为{name}。",
    "{name} {filename!r} is not readable.": "{name}“{filename}”无法读取（没有读取权限）。",
    "{name} {filename!r} is not writable.": "{name}“{filename}”无法写入（没有写入权限）。",
    "{name} {filename!r} is not executable.": "{name}“{filename}”不可执行。",
    "Could not open file {filename!r}: {message}": "无法打开文件“{filename}”：{message}",
    "{value!r} is not a valid {number_type}.": "“{value}”不是有效的{number_type}。",
    "{value} is not in the range {range}.": "{value}超出允许的范围（{range}）。",
    "{value!r} does not match the format {format}.": "“{value}”不符合格式 {format}（如 2026-03-02）。",
    "{value!r} does not match the formats {formats}.": "“{value}”不符合格式 {formats}。",
    "{value!r} is not {choice}.": "“{value}”不是可用的值，应为 {choice}。",
    "{value!r} is not one of {choices}.": "“{value}”不是可用的值，应为 {choices} 之一。",
    "{value!r} is not a valid boolean. Recognized values: {states}": "“{value}”不是有效的是否值，可用：{states}",
    "{value!r} is not a valid UUID.": "“{value}”不是有效的 UUID。",
    "Value must be an iterable.": "应给出多个值。",
    "Takes {nargs} values but 1 was given.": "须给出{nargs}个值，只给出了1个。",
    "Takes {nargs} values but {len} were given.": "须给出{nargs}个值，给出了{len}个。",
    "Argument {name!r} takes {nargs} values.": "参数“{name}”须给出{nargs}个值。",
    "required": "必填",
    "default: {default}": "缺省：{default}",
    "env var: {var}": "环境变量：{var}",
    "(dynamic)": "（动态）",
    "unknown error": "未知错误",
    "Error: invalid input": "错误：输入无效",
    "Do you want to continue?": "是否继续？",
}
# The names click gives its number types in "… is not a valid {number_type}".
TYPE_NAMES = {
    click.types.IntParamType: "整数",
    click.types.IntRange: "整数",
    click.types.FloatParamType: "数",
    click.types.FloatRange: "数",
}
_CLICK_MODULES = ("core", "exceptions", "types", "parser", "decorators", "termui", "formatting", "utils")


def gettext(message: str) -> str:
    return WORDS.get(message, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return gettext(singular if n == 1 else plural)


def install() -> None:
    """Make click speak Chinese: its modules look their messages up through these functions."""
    import importlib

    for name in _CLICK_MODULES:
        try:
            module = importlib.import_module(f"click.{name}")
        except ImportError:  # pragma: no cover - a module a later click no longer has
            continue
        if hasattr(module, "_"):
            module._ = gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext  # type: ignore[attr-defined]
    for kind, word in TYPE_NAMES.items():
        kind.name = word  # type: ignore[attr-defined]


_QUOTED = re.compile(r" ?'([^'\n]+)'")


def tidy(message: str) -> str:
    """click's own sentences put names in '…' and end with "."; the bureau's use “…” and "。"."""
    message = _QUOTED.sub(r"“\1”", message)
    message = re.sub(r"(?<=[\u3000-\u9fff\uff00-\uffef”])\.(?= |$)", "。", message)
    return message.replace("。 ", "。")


# -- wrapping -----------------------------------------------------------------------------------------------------
# A line never starts with closing punctuation nor ends with opening punctuation (the rule of 避头尾).
NO_START = set("，。、；：？！）》」』】〕”’…—％%,.;:?!)]}")
NO_END = set("（《「『【〔“‘([{")
_WIDE = "\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef“”‘’…—"
_TOKEN = re.compile(rf"[ \t]+|[{_WIDE}]|[^\s{_WIDE}]+")  # a run of spaces, one wide character, or a Latin word


def wrap(text: str, limit: int, measure: Callable[[str], int] = width) -> list[str]:
    """Lines of at most limit columns (closing punctuation may hang two past it): breaks between Chinese characters
    or at spaces, never inside a Latin word or a path, never before closing or after opening punctuation."""
    lines: list[list[str]] = []
    line: list[str] = []  # tokens; " " for a space
    for token in _TOKEN.findall(text):
        if token.isspace():
            if line:
                line.append(" ")
            continue
        # Closing punctuation hangs past the limit rather than start a line (悬挂标点).
        if not line or measure("".join(line) + token) <= limit or (len(token) == 1 and token in NO_START):
            line.append(token)
            continue
        # Carry to the next line the opening punctuation that may not end this one.
        keep = list(line)
        while keep and keep[-1] == " ":
            keep.pop()
        carry: list[str] = []
        while len(keep) > 1 and keep[-1][-1] in NO_END:
            carry.insert(0, keep.pop())
        while keep and keep[-1] == " ":
            keep.pop()
        lines.append(keep)
        line = [t for t in carry if t != " " or carry.index(t) > 0] + [token]
    if line:
        lines.append(line)
    return ["".join(tokens).strip() for tokens in lines if "".join(tokens).strip()]
