#!/usr/bin/env python3
"""Compile and check the project's gettext catalogues (locale/*/LC_MESSAGES/*.po) with polib.

Both the .po files and their compiled .mo files are committed, so a machine without GNU gettext
(msgfmt) still serves translated pages. This script needs only polib (requirements-dev.txt):

    .venv/bin/python scripts/messages.py compile   # write each .mo beside its .po
    .venv/bin/python scripts/messages.py check     # what `make check` runs
    .venv/bin/python scripts/messages.py stats     # how far each catalogue is translated

`compile` is deterministic: the same .po gives the same .mo bytes, and an unchanged .mo is not
rewritten, so a committed .mo does not churn. Untranslated and fuzzy entries are left out of the
.mo, as msgfmt leaves them out.

`check` exits 1 with one line per problem (`file:line: what: msgid "..."`) when a .po has an
untranslated or fuzzy entry, a plural entry without all of its forms, a python-format placeholder
that the translation drops, adds or changes, a header whose Plural-Forms differs from Django's own
catalogue for that language, or when the .mo beside it is missing or says something else than the
.po. The .mo is compared by its parsed entries, not its bytes, so one written by GNU msgfmt passes
too. Obsolete (#~) entries are ignored. A missing locale folder, or one with no .po, is an error.
"""

from __future__ import annotations

import argparse
import gettext
import json
import os
import re
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

try:
    import polib
except ImportError:  # pragma: no cover - depends on the interpreter it is run with
    sys.exit(
        "messages.py: polib is not installed; run it with the project's venv "
        "(.venv/bin/python scripts/messages.py, after `make check` or `make test` installed it)."
    )

BASE_DIR = Path(__file__).resolve().parent.parent
DEFAULT_LOCALE_DIR = BASE_DIR / "locale"
PO_GLOB = "*/LC_MESSAGES/*.po"
VOLATILE_HEADER = "POT-Creation-Date"
COMPILE_HINT = "run `.venv/bin/python scripts/messages.py compile`"

# One printf-style conversion as Python's % operator reads it: %(name)s, %s, %5.2f, %% ...
_CONVERSION = re.compile(
    r"%(?:\((?P<key>[^)]*)\))?[#0\- +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?(?P<type>[diouxXeEfFgGcrsa%])"
)
_NAMED = re.compile(r"%\([^)]*\)")
_NPLURALS = re.compile(r"nplurals\s*=\s*(\d+)")
_PLURAL = re.compile(r"plural\s*=\s*(.+?)\s*;?\s*$", re.DOTALL)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a catalogue, printed as `path:line: message`."""

    path: Path
    line: int | None
    message: str

    def __str__(self) -> str:
        where = display_path(self.path) + (f":{self.line}" if self.line else "")
        return f"{where}: {self.message}"


def display_path(path: Path) -> str:
    """The path relative to the current folder when it lies under it, else as given."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def quote(text: str) -> str:
    """A msgid as one line, quoted and escaped as in a .po file."""
    return json.dumps(text, ensure_ascii=False)


def describe(entry: polib.POEntry | polib.MOEntry) -> str:
    """`msgid "..."`, with its msgctxt first when it has one."""
    ctx = f"msgctxt {quote(entry.msgctxt)} " if entry.msgctxt is not None else ""
    return f"{ctx}msgid {quote(entry.msgid)}"


def find_catalogues(locale_dir: Path) -> list[Path]:
    return sorted(Path(locale_dir).glob(PO_GLOB))


def mo_path_for(po_path: Path) -> Path:
    return Path(po_path).with_suffix(".mo")


def language_of(po_path: Path) -> str:
    """The language folder's name: locale/<lang>/LC_MESSAGES/django.po."""
    return Path(po_path).parent.parent.name


def load_po(po_path: Path) -> polib.POFile:
    return polib.pofile(str(po_path), wrapwidth=0)


_KEYWORD_LINE = re.compile(r"^(?:#~\s*)?(?:msgctxt|msgid)\b")


def point_at_msgids(po_path: Path, po: polib.POFile) -> int:
    """Move each entry's linenum from its first comment to its msgctxt/msgid line, as msgfmt reports
    lines; returns the header's (`msgid ""`) line."""
    lines = Path(po_path).read_text(encoding=po.encoding, errors="replace").splitlines()
    keyword_lines = [n for n, text in enumerate(lines, start=1) if _KEYWORD_LINE.match(text)]
    header_line = keyword_lines[0] if keyword_lines and po.metadata else 1
    position = 0
    for entry in po:
        start = entry.linenum or 0
        while position < len(keyword_lines) and keyword_lines[position] < start:
            position += 1
        if position < len(keyword_lines):
            entry.linenum = keyword_lines[position]
    return header_line


# --- compile ----------------------------------------------------------------------------------


def compile_catalogue(po_path: Path) -> tuple[Path, bool, polib.POFile]:
    """Write the .mo beside `po_path`; returns (mo path, whether its bytes changed, the parsed .po)."""
    po = load_po(po_path)
    # Left out as msgfmt leaves it out: makemessages rewrites it on every run, even with no change.
    po.metadata.pop(VOLATILE_HEADER, None)
    data = po.to_binary()
    mo_path = mo_path_for(po_path)
    if mo_path.is_file() and mo_path.read_bytes() == data:
        return mo_path, False, po
    tmp = mo_path.with_name(mo_path.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, mo_path)
    return mo_path, True, po


def compile_all(locale_dir: Path) -> int:
    catalogues = find_catalogues(locale_dir)
    if not catalogues:
        print(no_catalogue_problem(locale_dir), file=sys.stderr)
        return 1
    for po_path in catalogues:
        try:
            mo_path, changed, po = compile_catalogue(po_path)
        except (OSError, ValueError, UnicodeDecodeError) as exc:
            print(f"{display_path(po_path)}: cannot compile: {exc}", file=sys.stderr)
            return 1
        count = len(po.translated_entries())
        left_out = len(po.untranslated_entries()) + len(po.fuzzy_entries())
        note = f"; {left_out} untranslated or fuzzy left out (`check` lists them)" if left_out else ""
        state = "wrote" if changed else "unchanged"
        print(f"{state} {display_path(mo_path)} ({count} entries{note})")
    return 0


# --- check ------------------------------------------------------------------------------------


def no_catalogue_problem(locale_dir: Path) -> Problem:
    locale_dir = Path(locale_dir)
    if not locale_dir.is_dir():
        return Problem(locale_dir, None, "no locale folder (expected locale/<lang>/LC_MESSAGES/django.po)")
    return Problem(locale_dir, None, f"no catalogue matches {PO_GLOB}")


@cache
def django_plural_forms(language: str) -> str | None:
    """The Plural-Forms header of Django's own catalogue for `language`, if Django ships one."""
    try:
        import django
    except ImportError:
        return None
    mo = Path(django.__file__).parent / "conf" / "locale" / language / "LC_MESSAGES" / "django.mo"
    if not mo.is_file():
        return None
    with mo.open("rb") as fh:
        return gettext.GNUTranslations(fh).info().get("plural-forms")


def _squeeze(plural_forms: str) -> str:
    return re.sub(r"\s+", "", plural_forms).rstrip(";")


def check_header(po_path: Path, po: polib.POFile, line: int = 1) -> tuple[list[Problem], int | None]:
    """Problems with the header entry (at `line`), and the number of plural forms to expect."""
    problems = []

    def header_problem(message: str) -> None:
        problems.append(Problem(po_path, line, f"header: {message}"))

    if "fuzzy" in (po.metadata_is_fuzzy or []):
        header_problem("the header entry is marked fuzzy (makemessages marks a new catalogue so); remove the flag")
    content_type = po.metadata.get("Content-Type", "")
    if "charset=utf-8" not in content_type.lower().replace(" ", ""):
        header_problem(f'Content-Type is {quote(content_type)}; expected "text/plain; charset=UTF-8"')

    language = language_of(po_path)
    expected = django_plural_forms(language)
    plural_forms = po.metadata.get("Plural-Forms", "")
    nplurals = None
    if expected is not None:
        nplurals = int(_NPLURALS.search(expected).group(1))
        if _squeeze(plural_forms) != _squeeze(expected):
            header_problem(
                f"Plural-Forms is {quote(plural_forms)}; Django's own {language} catalogue has {quote(expected)}"
            )
    elif not plural_forms:
        header_problem("no Plural-Forms")
    else:
        found = _NPLURALS.search(plural_forms)
        rule = _PLURAL.search(plural_forms.split(";", 1)[1] if ";" in plural_forms else "")
        try:
            if not found or not rule:
                raise ValueError("expected `nplurals=N; plural=EXPRESSION;`")
            nplurals = int(found.group(1))
            plural = gettext.c2py(rule.group(1))
            stray = sorted({plural(n) for n in range(200)} - set(range(nplurals)))
            if stray:
                raise ValueError(f"plural gives form {stray[0]} but nplurals={nplurals}")
        except (ValueError, SyntaxError) as exc:
            nplurals = None
            header_problem(f"Plural-Forms {quote(plural_forms)} is not usable: {exc}")
    return problems, nplurals


def scan_format(text: str) -> tuple[list[str], list[str], int]:
    """Python %-format conversions in `text`: (named, positional, stray % signs)."""
    named, positional, stray = [], [], 0
    i = text.find("%")
    while i != -1:
        match = _CONVERSION.match(text, i)
        if match is None:
            stray += 1
            i = text.find("%", i + 1)
            continue
        if match["type"] != "%":
            if match["key"] is not None:
                named.append(f"%({match['key']}){match['type']}")
            else:
                positional.append(f"%{match['type']}")
        i = text.find("%", match.end())
    return named, positional, stray


def check_placeholders(entry: polib.POEntry, forms: dict[int, str]) -> list[str]:
    """What is wrong with the translations' placeholders, as short phrases."""
    python_format = "python-format" in entry.flags
    if not python_format and ("no-python-format" in entry.flags or not _NAMED.search(entry.msgid)):
        return []
    src_named, src_positional, _ = scan_format(entry.msgid)
    if entry.msgid_plural:
        plural_named, src_positional, _ = scan_format(entry.msgid_plural)
        src_named += plural_named
    wanted = set(src_named)
    issues = []
    for index, text in sorted(forms.items()):
        if not text:
            continue
        label = f"msgstr[{index}]" if entry.msgid_plural else "msgstr"
        named, positional, stray = scan_format(text)
        missing = sorted(wanted - set(named))
        extra = sorted(set(named) - wanted)
        if missing:
            issues.append(f"{label} lacks {', '.join(missing)}")
        if extra:
            issues.append(f"{label} has {', '.join(extra)}, which the msgid does not")
        if python_format and positional != src_positional:
            issues.append(
                f"{label} has {' '.join(positional) or 'no'} positional placeholders where the msgid has "
                f"{' '.join(src_positional) or 'none'}"
            )
        if python_format and stray:
            issues.append(f"{label} has a lone % (write %% for a percent sign)")
    return issues


def entry_key(entry: polib.POEntry | polib.MOEntry) -> tuple[str | None, str]:
    return (entry.msgctxt or None, entry.msgid)


def entry_value(entry: polib.POEntry | polib.MOEntry) -> tuple[str | None, tuple[str, ...]]:
    if entry.msgid_plural:
        return entry.msgid_plural, tuple(entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural))
    return None, (entry.msgstr,)


def check_entries(po_path: Path, po: polib.POFile, nplurals: int | None) -> list[Problem]:
    problems = []
    seen: dict[tuple[str | None, str], int] = {}
    for entry in po:
        if entry.obsolete:
            continue

        def problem(message: str, entry: polib.POEntry = entry) -> None:
            problems.append(Problem(po_path, entry.linenum, f"{message}: {describe(entry)}"))

        key = entry_key(entry)
        if key in seen:
            problem(f"duplicate entry (first at line {seen[key]})")
            continue
        seen[key] = entry.linenum
        if entry.fuzzy:
            problem("fuzzy (check the translation, then remove the fuzzy flag)")
            continue
        if entry.msgid_plural:
            forms = dict(entry.msgstr_plural)
            if not any(forms.values()):
                problem("untranslated")
                continue
            if nplurals is not None:
                absent = [f"msgstr[{i}]" for i in range(nplurals) if not forms.get(i)]
                if absent:
                    problem(f"plural form {', '.join(absent)} missing or empty (nplurals={nplurals})")
                extra = [f"msgstr[{i}]" for i in sorted(forms) if i >= nplurals]
                if extra:
                    problem(f"plural form {', '.join(extra)} beyond nplurals={nplurals}")
        else:
            if not entry.msgstr:
                problem("untranslated")
                continue
            forms = {0: entry.msgstr}
        issues = check_placeholders(entry, forms)
        if issues:
            problem(f"placeholder mismatch, {'; '.join(issues)}")
    return problems


def check_mo(po_path: Path, po: polib.POFile, header_line: int = 1) -> list[Problem]:
    """Whether the .mo beside the .po holds exactly the .po's translated entries and header."""
    mo_path = mo_path_for(po_path)
    if not mo_path.is_file():
        return [Problem(po_path, None, f"no compiled {mo_path.name} beside it; {COMPILE_HINT}")]
    try:
        mo = polib.mofile(str(mo_path))
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        return [Problem(mo_path, None, f"cannot read it ({exc}); {COMPILE_HINT}")]

    stale = f"{mo_path.name} is out of date ({COMPILE_HINT})"
    problems = []
    mo_header = {k: v.strip() for k, v in mo.metadata.items() if k != VOLATILE_HEADER}
    po_header = {k: v.strip() for k, v in po.metadata.items() if k != VOLATILE_HEADER}
    for name in sorted(set(mo_header) | set(po_header)):
        if mo_header.get(name) != po_header.get(name):
            problems.append(
                Problem(
                    po_path,
                    header_line,
                    f"{stale}: header {name} is {quote(po_header.get(name, ''))} in the .po, "
                    f"{quote(mo_header.get(name, ''))} in the .mo",
                )
            )

    compiled = {entry_key(e): e for e in mo}
    every = {}
    for entry in po:
        every.setdefault(entry_key(entry), entry)
    for entry in po.translated_entries():
        key = entry_key(entry)
        in_mo = compiled.pop(key, None)
        if in_mo is None:
            problems.append(Problem(po_path, entry.linenum, f"{stale}: missing from the .mo: {describe(entry)}"))
        elif entry_value(in_mo) != entry_value(entry):
            problems.append(
                Problem(po_path, entry.linenum, f"{stale}: the .mo has another translation: {describe(entry)}")
            )
    for key, in_mo in sorted(compiled.items(), key=lambda item: (item[0][0] or "", item[0][1])):
        in_po = every.get(key)
        if in_po is None:
            problems.append(Problem(mo_path, None, f"{stale}: the .po has no such entry: {describe(in_mo)}"))
        else:
            problems.append(
                Problem(po_path, in_po.linenum, f"{stale}: in the .mo but not translated in the .po: {describe(in_po)}")
            )
    return problems


def check_catalogue(po_path: Path) -> tuple[list[Problem], int]:
    """Problems with one .po and its .mo, and the number of (non-obsolete) entries in the .po."""
    try:
        po = load_po(po_path)
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        return [Problem(po_path, None, f"cannot parse it: {exc}")], 0
    header_line = point_at_msgids(po_path, po)
    problems, nplurals = check_header(po_path, po, header_line)
    problems += check_entries(po_path, po, nplurals)
    problems += check_mo(po_path, po, header_line)
    return problems, len([e for e in po if not e.obsolete])


def check_all(locale_dir: Path) -> tuple[list[Problem], int, int]:
    """(problems, catalogues checked, entries checked) for every catalogue under `locale_dir`."""
    catalogues = find_catalogues(locale_dir)
    if not catalogues:
        return [no_catalogue_problem(locale_dir)], 0, 0
    problems, entries = [], 0
    for po_path in catalogues:
        found, count = check_catalogue(po_path)
        problems += found
        entries += count
    return problems, len(catalogues), entries


def run_check(locale_dir: Path) -> int:
    problems, files, entries = check_all(locale_dir)
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        print(f"messages check: {len(problems)} problem(s) in {display_path(locale_dir)}", file=sys.stderr)
        return 1
    print(f"messages check: OK, {files} catalogue(s), {entries} entries, all translated and compiled")
    return 0


# --- stats ------------------------------------------------------------------------------------


def run_stats(locale_dir: Path) -> int:
    catalogues = find_catalogues(locale_dir)
    if not catalogues:
        print(no_catalogue_problem(locale_dir), file=sys.stderr)
        return 1
    for po_path in catalogues:
        po = load_po(po_path)
        print(
            f"{display_path(po_path)}: {len([e for e in po if not e.obsolete])} entries, "
            f"{len(po.translated_entries())} translated ({po.percent_translated()}%), "
            f"{len(po.fuzzy_entries())} fuzzy, {len(po.untranslated_entries())} untranslated, "
            f"{len(po.obsolete_entries())} obsolete"
        )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=["compile", "check", "stats"])
    parser.add_argument(
        "--locale-dir",
        type=Path,
        default=DEFAULT_LOCALE_DIR,
        help="folder holding <lang>/LC_MESSAGES/*.po (default: the project's locale/)",
    )
    args = parser.parse_args(argv)
    run = {"compile": compile_all, "check": run_check, "stats": run_stats}[args.command]
    return run(args.locale_dir)


if __name__ == "__main__":
    sys.exit(main())
