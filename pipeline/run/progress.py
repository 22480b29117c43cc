"""Progress of a batch: a bar on a terminal, one plain line per file otherwise."""

from __future__ import annotations

from typing import Any, TextIO

from jigong.pipeline.render.output import visible
from jigong.pipeline.run.gather import Received

SOURCE_WORDS = {"read": "已读取", "extracted": "已提取", "store": "未变化", "none": "未读取"}


class Progress:
    """Follows `gather`: told the number of files, then called once per file as it is done."""

    def __init__(self, stream: TextIO, bar: bool | None = None) -> None:
        self.stream = stream
        self.bar = stream.isatty() if bar is None else bar
        self.total = 0
        self.done = 0
        self._bar: Any = None

    def begin(self, total: int) -> None:
        self.total, self.done = total, 0
        if self.bar:
            from tqdm import tqdm

            self._bar = tqdm(total=total, file=self.stream, unit="份", desc="审查材料", dynamic_ncols=True, leave=False)

    def __call__(self, item: Received) -> None:
        self.done += 1
        if self._bar is not None:
            self._bar.set_postfix_str(visible(item.record.path[-30:]), refresh=False)
            self._bar.update(1)
            return
        if item.source == "store" and item.record.status == "ok":
            return  # an unchanged file is no news: the closing summary counts them
        word = {"ok": SOURCE_WORDS[item.source], "error": "无法读取", "skipped": "未读取"}[item.record.status]
        seconds = f"（{item.seconds:.1f}秒）" if item.seconds >= 0.05 else ""
        width = len(str(self.total))
        print(f"[{self.done:>{width}}/{self.total}] {word}：{visible(item.record.path)}{seconds}", file=self.stream)
        self.stream.flush()

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None
