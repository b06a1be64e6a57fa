"""scripts/messages.py: `compile` writes .mo files with polib, `check` finds what msgfmt and a reader would.

The script is imported from its path (scripts/ is no package) and driven on small catalogues made in
tmp_path; the last test runs `check` on the project's own locale/ once it exists.
"""

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "messages.py"

_spec = importlib.util.spec_from_file_location("clusterportal_messages_script", SCRIPT)
messages = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = messages  # dataclasses look their module up there
_spec.loader.exec_module(messages)

RU_PLURAL_FORMS = (
    "nplurals=4; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<12 || n%100>14) ? 1 : "
    "n%10==0 || (n%10>=5 && n%10<=9) || (n%100>=11 && n%100<=14)? 2 : 3);"
)
HEADER = f"""msgid ""
msgstr ""
"Project-Id-Version: clusterportal\\n"
"POT-Creation-Date: 2025-01-01 12:00+0300\\n"
"Language: ru\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: {RU_PLURAL_FORMS}\\n"
"""
CLEAN = """
#: clusterportal/languages.py
msgid "Russian"
msgstr "Русский"

#: templates/base.html
#, python-format
msgid "Hello, %(name)s"
msgstr "Здравствуйте, %(name)s"

#: news/views.py
#, python-format
msgid "%(count)s article"
msgid_plural "%(count)s articles"
msgstr[0] "%(count)s статья"
msgstr[1] "%(count)s статьи"
msgstr[2] "%(count)s статей"
msgstr[3] "%(count)s статьи"

#: templates/base.html
msgctxt "menu"
msgid "Home"
msgstr "Главная"

#~ msgid "Gone"
#~ msgstr ""
"""


def write_catalogue(locale_dir: Path, body: str = CLEAN, *, compiled: bool = True) -> Path:
    po_path = locale_dir / "ru" / "LC_MESSAGES" / "django.po"
    po_path.parent.mkdir(parents=True, exist_ok=True)
    po_path.write_text(HEADER + body, encoding="utf-8")
    if compiled:
        messages.compile_catalogue(po_path)
    return po_path


def problems_in(locale_dir: Path) -> list[str]:
    problems, _, _ = messages.check_all(locale_dir)
    return [str(problem) for problem in problems]


def only_problem(locale_dir: Path) -> str:
    problems = problems_in(locale_dir)
    assert len(problems) == 1, problems
    return problems[0]


def test_clean_catalogue_compiles_and_passes(tmp_path, capsys):
    po_path = write_catalogue(tmp_path, compiled=False)

    assert messages.main(["compile", "--locale-dir", str(tmp_path)]) == 0
    mo_path = po_path.with_suffix(".mo")
    first = mo_path.read_bytes()
    assert messages.main(["check", "--locale-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "OK, 1 catalogue(s), 4 entries" in out

    # Same .po, same bytes: a committed .mo does not churn.
    assert messages.main(["compile", "--locale-dir", str(tmp_path)]) == 0
    assert mo_path.read_bytes() == first
    assert "unchanged" in capsys.readouterr().out


def test_compiled_catalogue_reads_as_the_po_says(tmp_path):
    import gettext

    po_path = write_catalogue(tmp_path)
    with po_path.with_suffix(".mo").open("rb") as fh:
        catalogue = gettext.GNUTranslations(fh)
    assert catalogue.gettext("Russian") == "Русский"
    assert catalogue.pgettext("menu", "Home") == "Главная"
    assert [catalogue.ngettext("%(count)s article", "%(count)s articles", n) for n in (1, 3, 5, 21)] == [
        "%(count)s статья",
        "%(count)s статьи",
        "%(count)s статей",
        "%(count)s статья",
    ]


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU msgfmt is not installed")
def test_mo_written_by_gnu_msgfmt_passes(tmp_path):
    po_path = write_catalogue(tmp_path, compiled=False)
    subprocess.run(["msgfmt", "-o", str(po_path.with_suffix(".mo")), str(po_path)], check=True)
    assert problems_in(tmp_path) == []


def test_untranslated_entry_fails(tmp_path):
    write_catalogue(tmp_path, CLEAN + '\nmsgid "Contacts"\nmsgstr ""\n')
    problem = only_problem(tmp_path)
    assert "untranslated" in problem
    assert 'msgid "Contacts"' in problem
    assert "django.po:" in problem


def test_fuzzy_entry_fails(tmp_path):
    write_catalogue(tmp_path, CLEAN + '\n#, fuzzy\nmsgid "Contacts"\nmsgstr "Контакты"\n')
    problem = only_problem(tmp_path)
    assert "fuzzy" in problem
    assert 'msgid "Contacts"' in problem


def test_fuzzy_header_fails(tmp_path):
    po_path = write_catalogue(tmp_path, compiled=False)
    po_path.write_text("#, fuzzy\n" + po_path.read_text(encoding="utf-8"), encoding="utf-8")
    messages.compile_catalogue(po_path)
    problem = only_problem(tmp_path)
    assert "django.po:2: header" in problem
    assert "fuzzy" in problem


def test_plural_form_missing_fails(tmp_path):
    body = CLEAN.replace('msgstr[3] "%(count)s статьи"\n', "")
    write_catalogue(tmp_path, body)
    problem = only_problem(tmp_path)
    assert "msgstr[3] missing" in problem
    assert 'msgid "%(count)s article"' in problem


def test_plural_forms_unlike_djangos_fail(tmp_path):
    write_catalogue(tmp_path, compiled=False)
    po_path = tmp_path / "ru" / "LC_MESSAGES" / "django.po"
    po_path.write_text(
        po_path.read_text(encoding="utf-8").replace(RU_PLURAL_FORMS, "nplurals=3; plural=(n%10==1 ? 0 : 1);"),
        encoding="utf-8",
    )
    messages.compile_catalogue(po_path)
    problem = only_problem(tmp_path)
    assert "Plural-Forms" in problem
    assert "Django's own ru catalogue" in problem


@pytest.mark.parametrize(
    ("msgid", "msgstr", "expected"),
    [
        ("Hi, %(name)s", "Привет", "lacks %(name)s"),
        ("Hi, %(name)s", "Привет, %(nam)s", "has %(nam)s"),
        ("Hi, %(name)s", "Привет, %(name)d", "lacks %(name)s"),
        ("%s of %d", "%s из", "positional"),
        ("%(done)s done", "%(done)s, 100% готово", "lone %"),
    ],
)
def test_placeholder_mismatch_fails(tmp_path, msgid, msgstr, expected):
    write_catalogue(tmp_path, CLEAN + f'\n#, python-format\nmsgid "{msgid}"\nmsgstr "{msgstr}"\n')
    problem = only_problem(tmp_path)
    assert "placeholder mismatch" in problem
    assert expected in problem
    assert f'msgid "{msgid}"' in problem


def test_placeholder_dropped_from_one_plural_form_fails(tmp_path):
    write_catalogue(tmp_path, CLEAN.replace('msgstr[0] "%(count)s статья"', 'msgstr[0] "Одна статья"'))
    problem = only_problem(tmp_path)
    assert "msgstr[0] lacks %(count)s" in problem
    assert 'msgid "%(count)s article"' in problem


def test_stale_mo_fails(tmp_path):
    po_path = write_catalogue(tmp_path)
    po_path.write_text(po_path.read_text(encoding="utf-8").replace("Русский", "Русский язык"), encoding="utf-8")
    problem = only_problem(tmp_path)
    assert "out of date" in problem
    assert 'msgid "Russian"' in problem

    messages.compile_catalogue(po_path)
    assert problems_in(tmp_path) == []


def test_mo_with_an_entry_the_po_dropped_fails(tmp_path):
    po_path = write_catalogue(tmp_path, CLEAN + '\nmsgid "Contacts"\nmsgstr "Контакты"\n')
    po_path.write_text(HEADER + CLEAN, encoding="utf-8")
    problem = only_problem(tmp_path)
    assert "django.mo" in problem
    assert "out of date" in problem
    assert 'msgid "Contacts"' in problem


def test_missing_mo_fails(tmp_path):
    write_catalogue(tmp_path, compiled=False)
    problem = only_problem(tmp_path)
    assert "no compiled django.mo" in problem
    assert "django.po" in problem


def test_missing_locale_folder_fails(tmp_path, capsys):
    assert messages.main(["check", "--locale-dir", str(tmp_path / "locale")]) == 1
    assert "no locale folder" in capsys.readouterr().err


def test_problems_are_reported_one_a_line_with_exit_1(tmp_path):
    write_catalogue(tmp_path, CLEAN + '\nmsgid "Contacts"\nmsgstr ""\n\n#, fuzzy\nmsgid "About"\nmsgstr "О нас"\n')
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "check", "--locale-dir", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 3, lines
    assert 'untranslated: msgid "Contacts"' in lines[0]
    assert 'msgid "About"' in lines[1]


@pytest.mark.skipif(
    not (ROOT / "locale").is_dir(),
    reason="locale/ does not exist yet: the Russian catalogue (locale/ru/LC_MESSAGES/django.po) has not landed",
)
def test_project_catalogue_passes_check():
    problems, files, _ = messages.check_all(ROOT / "locale")
    assert [str(problem) for problem in problems] == []
    assert files >= 1
