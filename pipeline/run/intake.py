"""What a batch folder holds: each school's files (archives opened), stray files set aside, folders with nothing."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from jigong.pipeline.render.output import escape_bytes
from jigong.pipeline.run.gather import Entry, list_entries
from jigong.pipeline.run.unpack import archive_kind, open_archive

# Left by Windows Explorer, macOS Finder and by Office, WPS or LibreOffice while a document is open: never material.
STRAY_NAMES = frozenset({"thumbs.db", ".ds_store", "desktop.ini"})
STRAY_PREFIXES = ("~$", "._", ".~lock.")
STRAY_FOLDERS = frozenset({"__macosx"})


def is_stray(rel: str) -> bool:
    """A lock file, a thumbnail cache or a folder's view settings: ~$报告.docx, Thumbs.db, __MACOSX/…, ._x."""
    parts = rel.replace("\\", "/").split("/")
    name = parts[-1]
    return (
        any(p.lower() in STRAY_FOLDERS for p in parts[:-1])
        or name.lower() in STRAY_NAMES
        or name.startswith(STRAY_PREFIXES)
    )


@dataclass
class Intake:
    """The files to review (archive members among them), the stray files left aside, the folders holding nothing."""

    entries: list[Entry] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    empty: list[str] = field(default_factory=list)  # school folders with no material: 未报送


def take_in(batch: Path, work: Path, skip: frozenset[Path] = frozenset()) -> Intake:
    """List the batch: strays aside, each archive's members in its place (copied under `work`, which lies in the
    output folder), the files in `skip` (the roster) left out."""
    intake = Intake()
    folders = [e.name for e in sorted(batch.iterdir()) if e.is_dir() and not e.is_symlink()] if batch.is_dir() else []
    for entry in list_entries(batch):
        if entry.path.resolve() in skip:
            continue
        if is_stray(entry.rel):
            intake.ignored.append(entry.rel)
            continue
        if entry.path.is_symlink() or archive_kind(entry.path) is None:
            intake.entries.append(entry)
            continue
        opened = open_archive(entry.path, entry.rel, work, is_stray)
        intake.ignored += opened.strays
        if not opened.problem and not opened.members:
            opened.problem = "压缩包中没有可审查的文件，请学校重新报送。"
        if opened.problem:
            intake.entries.append(Entry(entry.path, entry.rel, entry.folder, problem=opened.problem))
        for member in opened.members:
            intake.entries.append(Entry(member.path or entry.path, member.label, entry.folder, problem=member.problem))
    held = {e.folder for e in intake.entries}
    intake.empty = [escape_bytes(name) for name in folders if escape_bytes(name) not in held]
    return intake
