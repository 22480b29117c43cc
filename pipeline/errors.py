"""The tool's own failures: one base class; each message names the file and what to do."""

from __future__ import annotations


class JigongError(Exception):
    """Base of every error the tool raises on purpose; the CLI shows its message in Chinese."""


class ReadError(JigongError):
    """A submitted file could not be read; the message is the reason shown to the inspector."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}：{reason}")
        self.path = path
        self.reason = reason


class UnsupportedFile(ReadError):
    """A file this version cannot read yet; it is listed as skipped, never ignored."""


class ArgumentError(JigongError):
    """What the inspector asked for names something that is not there or cannot be understood (a school, a rule,
    a value, a decision's number); the command line treats it as a usage error."""


class CatalogueError(JigongError):
    """The rule catalogue or the data dictionary is malformed."""


class TemplateError(JigongError):
    """A document template is malformed or asks for data that is not there."""


class RosterError(JigongError):
    """The roster (学校名册) cannot be read or has a row that must be corrected."""


class OutputError(JigongError):
    """An output could not be written."""


class StoreError(JigongError):
    """The season's database cannot be opened, is newer than this version, or was asked something it lacks."""
