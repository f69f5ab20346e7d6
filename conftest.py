"""Every code block of the documentation runs as a test: README.md and docs/**/*.md.

One test per page (``README.md::page``): the blocks of a page run in order, in one namespace
and one fresh folder, so a block may use what an earlier one made — and the page's blocks can
never be split across pytest-xdist's workers. The conventions (docs/contributing.md):

- ```` ```python ```` and ```` ```pycon ````: run; ``>>>`` blocks as doctests, others as code.
- ```` ```console ````: each ``$ eventprogram …`` line runs the command line (in this process,
  for speed), and what it prints — standard output and error, in order — must be the lines
  below it; ``…`` stands for any text. ``$ cp -r FROM TO`` copies a folder.
- ```` ```toml file=PATH ```` (any language): the block becomes the file PATH;
  ``file=PATH after=OTHER`` puts the file OTHER before it; ``append=PATH`` adds it at PATH's end.
- ```` ```diff apply=PATH ````: the block's ``-`` and context lines are replaced in PATH by its
  ``+`` and context lines; they must stand there exactly once.
- ``<!-- apply: PATH`` … ``-->`` (or ``file:``, ``append:``): the same, hidden from the reader,
  for a step the text describes in words ("correct it again").
- ``<!-- skip: next "reason" -->`` before a block: it is shown, not run (sybil's skip);
  ``skip: start if("new" not in commands, "reason")`` … ``skip: end`` for a range, under a
  condition (``commands``: the names of the command line's commands).
- Anything else (```` ```text ````, ```` ```toml ```` without ``file=``, …) is only shown.

Each page runs in a folder of its own, a copy of ``examples/`` in it, so ``examples/…`` means
what it means from the repository's root, and nothing a page writes lands in the checkout.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import re
import shlex
import shutil
import tempfile
import unittest
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sybil import Document
from sybil.parsers.markdown.lexers import DirectiveInHTMLCommentLexer, RawFencedCodeBlockLexer
from sybil.parsers.myst import PythonCodeBlockParser, SkipParser
from sybil.parsers.myst.codeblock import CodeBlockParser

ROOT = Path(__file__).resolve().parent
# The pages whose blocks run: README.md and every page under these folders. Other Markdown
# (CHANGELOG, golden files in tests/) holds no examples.
PAGES = ("docs", "examples")
ELLIPSIS = "…"
PROMPT = "$ "


# The example plug-in's own tests need it installed: tests/test_example_plugin.py runs them so.
collect_ignore_glob = ["examples/*/tests/*"]


def _is_page(path: Path) -> bool:
    try:
        relative = path.resolve().relative_to(ROOT)
    except ValueError:
        return False
    return relative == Path("README.md") or relative.parts[0] in PAGES


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    """Collect each documentation page as one file holding one test."""
    if file_path.suffix == ".md" and _is_page(file_path):
        return MarkdownPage.from_parent(parent, path=file_path)
    return None


class MarkdownPage(pytest.File):
    """A Markdown page; its one item runs all its blocks."""

    def collect(self) -> Iterator[pytest.Item]:
        """The page's single test."""
        yield PageExamples.from_parent(self, name="page")


class PageExamples(pytest.Item):
    """All runnable blocks of one page, in order."""

    def runtest(self) -> None:
        """Run every block; fail at the first that does not do what the page says."""
        document = _parse(self.path)
        skipped = []
        with tempfile.TemporaryDirectory(prefix="docs-") as folder, _inside(Path(folder)):
            document.namespace["__name__"] = "__docs__"
            # For `<!-- skip: start if("new" not in commands, "…") -->`: blocks of a command
            # that another branch brings run once it is there.
            document.namespace["commands"] = _commands()
            for example in document.examples():
                try:
                    example.evaluate()
                except unittest.SkipTest as skip:
                    skipped.append(f"line {example.line}: {skip}")
        self.user_properties.append(("skipped blocks", skipped))

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException]) -> str:  # type: ignore[override]
        """The failing block's line and the difference, not this runner's traceback."""
        return str(excinfo.value)

    def reportinfo(self) -> tuple[Path, int, str]:
        """Where the page is."""
        return self.path, 0, f"code blocks of {self.path.relative_to(ROOT)}"


@contextlib.contextmanager
def _inside(folder: Path) -> Iterator[None]:
    """Work in *folder*, which holds a copy of examples/; restore the directory after."""
    shutil.copytree(
        ROOT / "examples",
        folder / "examples",
        ignore=shutil.ignore_patterns("__pycache__", "*.egg-info", "build", "dist"),
    )
    before = Path.cwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(before)


def _parse(path: Path) -> Document:
    """The page's runnable blocks, each with its evaluator."""

    class PyconParser(PythonCodeBlockParser):
        """```pycon blocks: doctests, like ```python blocks that begin with >>>."""

        @staticmethod
        def codeblock_parser_class(_language: str, evaluator: Any) -> Any:
            return CodeBlockParser("pycon", evaluator)

    fences = RawFencedCodeBlockLexer(
        info_pattern=re.compile(r"(?P<info>[^\n]*)$\n", re.MULTILINE),
        mapping={"info": "info", "source": "source"},
    )

    hidden = DirectiveInHTMLCommentLexer(directive="file|append|apply", arguments=r"\S+")

    def blocks(document: Any) -> Iterator[Any]:
        shown = [(r.start, r.end) for r in fences(document)]
        comments = [r for r in hidden(document) if not _within(r, shown)]
        for region in sorted([*fences(document), *comments], key=lambda r: r.start):
            if "directive" in region.lexemes:  # <!-- apply: PATH … -->
                words = ["text", f"{region.lexemes['directive']}={region.lexemes['arguments']}"]
            else:
                words = region.lexemes["info"].split()
            language = words[0] if words else ""
            options = dict(word.split("=", 1) for word in words[1:] if "=" in word)
            source = str(region.lexemes["source"])
            if "file" in options:
                region.parsed = (options["file"], options.get("after"), source)
                region.evaluator = _write_file
            elif "append" in options:
                region.parsed = (options["append"], options["append"], "\n" + source)
                region.evaluator = _write_file
            elif "apply" in options:
                region.parsed = (options["apply"], source)
                region.evaluator = _apply_diff
            elif language == "console":
                region.parsed = source
                region.evaluator = _run_console
            else:
                continue
            yield region

    skip = SkipParser()

    def skips(document: Any) -> Iterator[Any]:
        """Sybil's skip comments, but not those shown inside a code block."""
        shown = [(r.start, r.end) for r in fences(document)]
        yield from (r for r in skip(document) if not _within(r, shown))

    parsers = [
        PythonCodeBlockParser(doctest_optionflags=0),
        PyconParser(doctest_optionflags=0),
        skips,
        blocks,
    ]
    return Document.parse(str(path), *parsers)


def _within(region: Any, spans: list[tuple[int, int]]) -> bool:
    """Whether *region* lies inside one of *spans* (a code block that shows it)."""
    return any(start < region.start < end for start, end in spans)


def _commands() -> set[str]:
    """The names of the command line's commands: ``build``, ``validate``, …."""
    from eventprogram._cli import _parser  # noqa: PLC0415 -- see _run

    return {
        name
        for action in _parser()._actions  # noqa: SLF001 -- argparse names its commands nowhere else
        if isinstance(action, argparse._SubParsersAction)  # noqa: SLF001
        for name in action.choices
    }


def _write_file(example: Any) -> None:
    name, after, source = example.parsed
    target = Path(name)
    text = Path(after).read_text(encoding="utf-8") + source if after else source
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")


def _apply_diff(example: Any) -> str | None:
    name, source = example.parsed
    old, new = [], []
    for line in source.splitlines(keepends=True):
        mark, text = line[:1], line[1:]
        if mark in {" ", "-"}:
            old.append(text)
        if mark in {" ", "+"}:
            new.append(text)
        if mark not in {" ", "-", "+"}:
            return f"a diff line must begin with ' ', '-' or '+': {line!r}"
    target = Path(name)
    text = target.read_text(encoding="utf-8")
    before = "".join(old)
    if text.count(before) != 1:
        return f"{name} holds these lines {text.count(before)} times, not once:\n{before}"
    target.write_text(text.replace(before, "".join(new)), encoding="utf-8")
    return None


def _run_console(example: Any) -> str | None:
    source: str = example.parsed
    if not source.startswith(PROMPT):
        return "a console block begins with '$ ' (mark it <!-- skip: next \"why\" --> otherwise)"
    for part in re.split(r"^\$ ", source, flags=re.MULTILINE)[1:]:
        command, _, expected = part.partition("\n")
        printed = _run(command)
        if not _matches(expected, printed):
            return f"$ {command}\nexpected:\n{expected}got:\n{printed}"
    return None


def _run(command: str) -> str:
    args = shlex.split(command)
    if len(args) > 2 and args[-2] == ">":  # `… > FILE`: the output into FILE
        Path(args[-1]).write_text(_run(shlex.join(args[:-2])), encoding="utf-8")
        return ""
    if args[:2] == ["cp", "-r"] and len(args) == 4:
        shutil.copytree(args[2], args[3])
        return ""
    if Path(args[0]).name != "eventprogram":
        raise AssertionError(
            f"only '$ eventprogram …' and '$ cp -r' run: {command!r};"
            ' mark the block <!-- skip: next "why" --> to show it without running it'
        )
    # Imported when a page runs a command: the tests of what loading imports stay true.
    from eventprogram._cli import main  # noqa: PLC0415

    buffer = io.BytesIO()
    stream = io.TextIOWrapper(buffer, encoding="utf-8", write_through=True)
    with (
        contextlib.redirect_stdout(stream),
        contextlib.redirect_stderr(stream),
        contextlib.suppress(SystemExit),  # a usage error: argparse has printed it
    ):
        main(args[1:])
    stream.flush()
    return buffer.getvalue().decode("utf-8")


def _matches(expected: str, printed: str) -> bool:
    if ELLIPSIS not in expected:
        return expected == printed
    # A line of its own "…" stands for any lines, none included; "…" in a line for any text.
    lines = [
        "(?:.*\n)?" if line == ELLIPSIS + "\n" else ".*".join(map(re.escape, line.split(ELLIPSIS)))
        for line in expected.splitlines(keepends=True)
    ]
    return re.fullmatch("".join(lines), printed, flags=re.DOTALL) is not None
