"""Issue 17, part 11: the English interface is complete on every screen, and official
documents never follow it.

Three checks that fail on the first string a change leaves Vietnamese-only:

(a) the English catalogue (locale/en/LC_MESSAGES/django.po) has no untranslated and no
    fuzzy entry, and no English text that is a copy of its Vietnamese msgid;
(b) no template under templates/ or <app>/templates/ holds Vietnamese text (a letter
    with a Vietnamese diacritic) outside {% translate %} / {% trans %} /
    {% blocktranslate %} and outside comments, except the official documents' templates
    of :data:`OFFICIAL_TEMPLATES` (always rendered in Vietnamese: they never follow the
    interface, see dossiers/documents/language.py);
(c) no user-facing string constant in Python with a Vietnamese diacritic is left outside
    gettext: messages.*(), form and model field labels, help texts, verbose names, error
    messages, ValidationError and add_error, choices — read with ``ast``; the exceptions
    are :data:`PYTHON_ALLOWED`, each with its reason.

Run ``DEBUG=1 manage.py makemessages -l en --ignore=.venv --ignore=tests`` then fill the
English of every new entry, to make (a) pass after adding strings.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parents[2]
PO_FILE = ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po"
APPS = ("communes", "config", "criteria", "dossiers", "eligibility", "emulation", "progress")

VIETNAMESE = re.compile(
    "[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
    "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴĐ]"
)


# --- (a) the catalogue -------------------------------------------------------------


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str = ""
    msgstr: list[str] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)
    obsolete: bool = False
    line: int = 0


def _unquote(text: str) -> str:
    body = text.strip()
    assert body.startswith('"') and body.endswith('"'), body
    return body[1:-1].encode("latin-1", "backslashreplace").decode("unicode_escape")


def po_entries(path: Path) -> list[Entry]:
    """The entries of a PO file (a small reader: msgid, msgid_plural, msgstr[n], flags)."""
    entries: list[Entry] = []
    entry = Entry()
    target: tuple[str, int] | None = None

    def close() -> None:
        nonlocal entry
        if entry.msgid or entry.msgstr:
            entries.append(entry)
        entry = Entry()

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line:
            close()
            target = None
            continue
        if line.startswith("#~"):
            entry.obsolete = True
            continue
        if line.startswith("#,"):
            entry.flags |= {f.strip() for f in line[2:].split(",")}
            continue
        if line.startswith("#"):
            continue
        if line.startswith("msgid_plural "):
            entry.msgid_plural = _unquote(line[len("msgid_plural ") :])
            target = ("msgid_plural", 0)
        elif line.startswith("msgid "):
            if entry.msgid or entry.msgstr:
                close()
            entry.line = number
            entry.msgid = _unquote(line[len("msgid ") :])
            target = ("msgid", 0)
        elif line.startswith("msgstr["):
            index = int(line[len("msgstr[") : line.index("]")])
            entry.msgstr.append(_unquote(line[line.index("]") + 1 :]))
            target = ("msgstr", index)
        elif line.startswith("msgstr "):
            entry.msgstr.append(_unquote(line[len("msgstr ") :]))
            target = ("msgstr", 0)
        elif line.startswith('"') and target is not None:
            kind, index = target
            text = _unquote(line)
            if kind == "msgid":
                entry.msgid += text
            elif kind == "msgid_plural":
                entry.msgid_plural += text
            else:
                entry.msgstr[index] += text
    close()
    return [e for e in entries if e.msgid and not e.obsolete]


def catalogue_problems(entries: list[Entry]) -> list[str]:
    problems = []
    for e in entries:
        where = f"django.po:{e.line} {e.msgid[:70]!r}"
        if "fuzzy" in e.flags:
            problems.append(f"fuzzy: {where}")
        elif not e.msgstr or not all(s.strip() for s in e.msgstr):
            problems.append(f"untranslated: {where}")
        elif VIETNAMESE.search(e.msgid) and any(VIETNAMESE.search(s) for s in e.msgstr):
            # the English keeps a Vietnamese word: only names may (a place, a title)
            copied = e.msgid in e.msgstr and e.msgid not in SAME_IN_ENGLISH
            if copied or not all(_names_only(e.msgid, s) for s in e.msgstr):
                problems.append(f"copied, not translated: {where}")
    return problems


# English may keep Vietnamese names: proper names (capitalised: "Quân Hà", "Tiếng Việt"
# in the language switch), words printed on documents (capitals: "PHÓ CHỦ TỊCH") and
# quoted words. A lowercase Vietnamese word outside quotes means the text was not
# translated.
SAME_IN_ENGLISH = {
    "Tiếng Việt",  # the language switch names each language in its own words
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",  # the national heading printed on documents
}
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|«[^»]*»")


def _names_only(msgid: str, msgstr: str) -> bool:
    words = re.findall(r"\w+", _QUOTED.sub("", msgstr))
    return not [w for w in words if VIETNAMESE.search(w) and w[0].islower()]


def test_the_catalogue_reader_sees_fuzzy_untranslated_and_copied(tmp_path):
    """The check can fail."""
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: en\\n"\n\n'
        '#, fuzzy\nmsgid "Năm"\nmsgstr "Year"\n\n'
        'msgid "Xem"\nmsgstr ""\n\n'
        'msgid "Lưu"\nmsgstr "Lưu"\n\n'
        'msgid "Tỉnh %(p)s"\nmsgstr "Province of Bắc Kạn, “tỉnh”"\n\n'
        'msgid "Tỉnh của %(p)s"\nmsgstr "Province của %(p)s"\n\n'
        'msgid "Hai"\nmsgid_plural "Hai nữa"\nmsgstr[0] "Two"\nmsgstr[1] ""\n\n'
        '#~ msgid "Cũ"\n#~ msgstr ""\n',
        encoding="utf-8",
    )
    problems = catalogue_problems(po_entries(po))
    assert [p.split(":")[0] for p in problems] == [
        "fuzzy",
        "untranslated",
        "copied, not translated",
        "copied, not translated",
        "untranslated",
    ]


def test_every_english_entry_is_translated():
    problems = catalogue_problems(po_entries(PO_FILE))
    assert not problems, "\n".join(problems)


def source_msgids() -> dict[str, str]:
    """msgid -> where, for the literal msgids of the code: gettext calls in Python and
    {% translate "…" %} in templates (what makemessages would extract, short of
    {% blocktranslate %}, whose text the reader of (b) leaves to makemessages)."""
    found: dict[str, str] = {}
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "/migrations/" in str(path):
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if (
                    isinstance(node, ast.Call)
                    and _call_name(node.func) in GETTEXT - {"pgettext", "pgettext_lazy"}
                    and node.args
                    and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, str)
                    and node.args[0].value
                ):
                    rel = path.relative_to(ROOT)
                    found.setdefault(node.args[0].value, f"{rel}:{node.lineno}")
    tag = re.compile(r"{%\s*trans(?:late)?\s+(?:\"([^\"]*)\"|'([^']*)')")
    for name, path in template_files():
        for match in tag.finditer(path.read_text(encoding="utf-8")):
            text = match.group(1) if match.group(1) is not None else match.group(2)
            if text:  # makemessages doubles a template's % (a python-format msgid)
                found.setdefault(text.replace("%", "%%"), name)
    return found


def test_every_msgid_of_the_code_is_in_the_catalogue():
    """A string wrapped in gettext but never extracted stays Vietnamese on an English
    screen: run makemessages (see the module) and translate it."""
    known = {e.msgid for e in po_entries(PO_FILE)}
    missing = [
        f"{where}: {msgid[:70]!r}" for msgid, where in source_msgids().items() if msgid not in known
    ]
    assert not missing, "\n".join(sorted(missing))


# --- (b) templates ------------------------------------------------------------------

# Official documents (PDF, DOCX, printed registers): rendered under official_language(),
# always Vietnamese, whatever the interface; their words may stay outside {% translate %}.
OFFICIAL_TEMPLATES = {
    "documents/achievement_report.html",
    "documents/archive_index.html",
    "documents/decision_correction.html",
    "documents/state_letter.html",
    "documents/certificate.html",
    "documents/decision.html",
    "documents/district_report.html",
    "documents/letter.html",
    "documents/minutes.html",
    "documents/official.html",
    "documents/proposal.html",
    "documents/register.html",
    "documents/_addressees.html",
    "documents/_head.html",
    "documents/_nominee_list.html",
    "documents/_plan_basis.html",
    "documents/_signature.html",
    "progress/award_statistics_document.html",
    "progress/dashboard_print.html",
}

_COMMENTS = re.compile(r"{%\s*comment\s*%}.*?{%\s*endcomment\s*%}|{#.*?#}", re.S)
_BLOCKS = re.compile(r"{%\s*blocktrans(?:late)?\b.*?%}.*?{%\s*endblocktrans(?:late)?\s*%}", re.S)
_TRANSLATE = re.compile(r"{%\s*trans(?:late)?\s+(?:\"[^\"]*\"|'[^']*')[^%]*%}")
_TRANSLATE_FILTER = re.compile(r"_\((?:\"[^\"]*\"|'[^']*')\)")


def template_files() -> list[tuple[str, Path]]:
    found = []
    for base in [ROOT / "templates", *(ROOT / app / "templates" for app in APPS)]:
        if base.is_dir():
            found += [(str(p.relative_to(base)), p) for p in sorted(base.rglob("*.html"))]
            found += [(str(p.relative_to(base)), p) for p in sorted(base.rglob("*.txt"))]
    return found


def untranslated_in_template(text: str) -> list[str]:
    """The lines of a template with Vietnamese outside translation tags and comments."""
    text = _COMMENTS.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    text = _BLOCKS.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    text = _TRANSLATE.sub("", text)
    text = _TRANSLATE_FILTER.sub("", text)
    return [
        f"{n}: {line.strip()[:100]}"
        for n, line in enumerate(text.splitlines(), start=1)
        if VIETNAMESE.search(line)
    ]


def test_the_template_check_sees_vietnamese_outside_translation():
    """The check can fail (and reads tags, filters and comments as it should)."""
    assert untranslated_in_template("<p>Năm</p>") == ["1: <p>Năm</p>"]
    assert untranslated_in_template('{{ x|default:"chưa có" }}')
    assert not untranslated_in_template(
        '{% translate "Năm" %}{# Tiêu đề #}{% comment %}Ghi chú\ndài{% endcomment %}'
        "{% blocktranslate with y=1 %}Năm {{ y }}{% endblocktranslate %}"
        "{% trans 'Xem' as v %}{{ x|default:_(\"chưa có\") }}"
    )


def test_no_screen_template_holds_untranslated_vietnamese():
    problems = []
    for name, path in template_files():
        if name in OFFICIAL_TEMPLATES:
            continue
        problems += [f"{name}:{line}" for line in untranslated_in_template(path.read_text())]
    assert not problems, "\n".join(problems)


def test_the_official_templates_exist():
    """The allow-list names real files (a renamed document does not keep its pass)."""
    names = {name for name, _path in template_files()}
    assert OFFICIAL_TEMPLATES <= names, OFFICIAL_TEMPLATES - names


# --- (c) Python ---------------------------------------------------------------------

GETTEXT = {
    "_",
    "gettext",
    "gettext_lazy",
    "ngettext",
    "ngettext_lazy",
    "pgettext",
    "pgettext_lazy",
    "npgettext",
    "npgettext_lazy",
    "gettext_noop",
    "_noop",
    "noop",
    "N_",
}
MESSAGE_CALLS = {"success", "error", "info", "warning", "debug", "add_message"}
USER_KEYWORDS = {
    "label",
    "help_text",
    "verbose_name",
    "verbose_name_plural",
    "empty_label",
    "error_messages",
    "choices",
    "placeholder",
    "message",
}
USER_CALLS = {"ValidationError", "add_error", "PermissionDenied", "Http404", "ImproperlyConfigured"}

# Modules whose Vietnamese stays Vietnamese, with the reason.
PYTHON_ALLOWED: dict[str, str] = {
    "dossiers/documents/builders/": "official documents: always Vietnamese (language.py)",
    "dossiers/documents/excel.py": "official workbooks: always Vietnamese (language.py)",
    "dossiers/documents/samples.py": "render_samples: official documents",
    "dossiers/documents/certificates.py": "certificates: official documents",
    "dossiers/documents/bodies.py": "names of bodies as documents print them",
    "dossiers/documents/legal.py": "citations of laws as documents print them",
    "dossiers/documents/pdf.py": "ImproperlyConfigured for the operator, not a screen",
    "/demo.py": "invented demo data (names, notes), not interface text",
    "/management/commands/": "command-line output for operators, in Vietnamese",
    "/migrations/": "migrations: data and historical labels, never shown as such",
    "dossiers/legal.py": "the table of laws and decrees: their names and the titles of "
    "their report forms, cited as the acts word them",
    "emulation/rules/": "the pure rules core: its words are gettext_noop'd in types.py "
    "and core.py and translated where shown (emulation/labels.py)",
}
# Calls whose label= is data, not a screen's words: the audit log keeps the name of what
# changed as it was written (README, Nhật ký thay đổi).
DATA_CALLS = {"log_action"}
# ImproperlyConfigured is for the operator's log, never a screen.
OPERATOR_CALLS = {"ImproperlyConfigured"}


def _call_name(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def _strings(node: ast.AST):
    """String constants directly in ``node`` (a constant, a tuple/list/dict of them, an
    f-string or a % / + expression of them), not inside a gettext call."""
    if isinstance(node, ast.Call) and _call_name(node.func) in GETTEXT:
        return
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node
    elif isinstance(node, ast.JoinedStr):
        for part in node.values:
            yield from _strings(part)
    elif isinstance(node, ast.FormattedValue):
        return
    elif isinstance(node, ast.BinOp):
        yield from _strings(node.left)
        yield from _strings(node.right)
    elif isinstance(node, ast.Tuple | ast.List | ast.Set):
        for item in node.elts:
            yield from _strings(item)
    elif isinstance(node, ast.Dict):
        for value in node.values:
            yield from _strings(value)


def untranslated_in_python(source: str) -> list[tuple[int, str]]:
    """(line, text) of user-facing Vietnamese constants outside gettext."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        name = _call_name(node.func)
        candidates: list[ast.AST] = []
        is_messages = (
            isinstance(node.func, ast.Attribute)
            and name in MESSAGE_CALLS
            and _call_name(node.func.value) == "messages"
        )
        if is_messages:
            candidates += node.args[1:]
            candidates += [k.value for k in node.keywords if k.arg == "message"]
        if name in USER_CALLS and name not in OPERATOR_CALLS:
            candidates += node.args
        if name not in DATA_CALLS:
            candidates += [k.value for k in node.keywords if k.arg in USER_KEYWORDS]
        if name == "add_error":
            candidates = [a for a in node.args[1:]]
        for candidate in candidates:
            for const in _strings(candidate):
                if VIETNAMESE.search(const.value):
                    found.append((const.lineno, const.value[:80]))
    return found


def python_files() -> list[tuple[str, Path]]:
    files = []
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            rel = str(path.relative_to(ROOT))
            if any(key in f"/{rel}" for key in PYTHON_ALLOWED):
                continue
            files.append((rel, path))
    return files


def test_the_python_check_sees_unwrapped_strings():
    """The check can fail, and passes what gettext wraps."""
    source = (
        "messages.success(request, 'Đã lưu.')\n"
        "messages.error(request, _('Đã lưu.'))\n"
        "forms.CharField(label='Họ và tên', help_text=_('Ghi rõ'))\n"
        "models.CharField(_('tên'), max_length=5, verbose_name='tên')\n"
        "raise ValidationError(f'Sai năm {y}')\n"
        "form.add_error('nam', 'Năm không hợp lệ')\n"
        "form.add_error('nam', _('Năm không hợp lệ'))\n"
        "x = forms.ChoiceField(choices=[('a', 'Có'), ('b', _('Không'))])\n"
    )
    assert [line for line, _text in untranslated_in_python(source)] == [1, 3, 4, 5, 6, 8]


def test_every_user_facing_python_string_is_translatable():
    problems = [
        f"{rel}:{line}: {text!r}"
        for rel, path in python_files()
        for line, text in untranslated_in_python(path.read_text(encoding="utf-8"))
    ]
    assert not problems, "\n".join(problems)
