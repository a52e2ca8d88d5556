"""Why a run stops: one exception type per kind of refusal, each with a message a user can act on.

A source problem names what a user needs to find and fix it: the dataset, the column or row, the value as
printed and the 1-based line of the raw file (and, for a PDF, its page). A config or output problem names
the file and the key or path. The runner prints any Refusal as one `ERROR tip-gms:` message, without a
traceback.
"""

from __future__ import annotations

_SHOWN = 120  # characters of a value a message shows: enough to find it, not a flood on the console


class Refusal(Exception):
    """The run cannot go on; the message says why and what to do."""


class ConfigError(Refusal):
    """The workflow config cannot be run: names the config file and the key."""


class OutputError(Refusal):
    """An output cannot be written (the disk is full, say): names the path."""


class SourceError(Refusal):
    """A structural problem in the source: a cell that does not parse, a missing column, an unknown name..."""

    def __init__(
        self,
        problem: str,
        *,
        line: int | None = None,
        column: str | None = None,
        value: object = None,
        dataset: str | None = None,
        page: int | None = None,
        file: str | None = None,
        hint: str | None = None,
    ) -> None:
        self.problem = problem
        self.line = line
        self.column = column
        self.value = value
        self.dataset = dataset
        self.page = page
        self.file = file
        self.hint = hint  # what to look at to find the cause (for a PDF: the reading step and a command)
        super().__init__(str(self))

    def where(self, *, dataset: str | None = None, page: int | None = None, file: str | None = None,
              hint: str | None = None) -> SourceError:
        """The same problem, labelled with what is not known where it is met: the dataset whose builder met it,
        the page of its line (PDF sources), the source file, what to look at."""
        if file and file in self.problem:  # "source file raw/x.txt is empty" names it already
            file = None
        return SourceError(self.problem, line=self.line, column=self.column, value=self.value,
                           dataset=self.dataset or dataset, page=self.page or page, file=self.file or file,
                           hint=self.hint or hint)

    def __str__(self) -> str:
        where = [f"dataset {self.dataset}"] if self.dataset else []
        if self.column:
            where.append(f"column {self.column}")
        if self.value is not None:
            value = repr(self.value)
            where.append(f"value {value[:_SHOWN - 1] + '…' if len(value) > _SHOWN else value}")
        if self.line is not None:
            where.append(f"source line {self.line}" + (f" (page {self.page})" if self.page else ""))
        located = f"{', '.join(where)}: {self.problem}" if where else self.problem
        located = f"{located} ({self.hint})" if self.hint else located
        return f"{self.file}: {located}" if self.file else located


class SourceErrors(Refusal):
    """Several SourceErrors found in one run, reported together so that one run shows every problem."""

    def __init__(self, errors: list[SourceError]) -> None:
        self.errors = errors
        super().__init__(str(self))

    def __str__(self) -> str:
        lines = [f"{len(self.errors)} problem(s) in the source:"]
        lines += [f"  - {error}" for error in self.errors]
        return "\n".join(lines)
