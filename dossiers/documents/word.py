"""Editable copies of the official documents as .docx (python-docx), for offices that
finish a document in Word.

The copy is made from the same HTML the PDF is made from (``render_html``, not
printable), so it has the same content: the two-column head (bodies on the left,
Quốc hiệu and Tiêu ngữ on the right, number and place-and-date under them), the type and
summary, the body's paragraphs (justified, first-line indent 1.27 cm) and headings, the
lists as Word tables, the closing block (Nơi nhận left, signer right, room to sign) and
the annex on a new page. Page: A4, margins 20/20/30/15 mm, Times New Roman 14 pt
(Nghị định 30/2020/NĐ-CP, Phụ lục I).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser

from docx import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from .pdf import nfc, render_html

FONT = "Times New Roman"
BLOCKS = {"div", "p", "h1", "h2", "h3", "section", "table", "tr", "td", "th", "br", "span"}
VOID = {"br", "meta", "link", "img", "hr", "input"}


# ---- A small tree of the document's HTML --------------------------------------


@dataclass
class Node:
    tag: str
    classes: frozenset[str] = frozenset()
    children: list[Node | str] = field(default_factory=list)

    def has(self, name: str) -> bool:
        return name in self.classes

    def has_deep(self, name: str) -> bool:
        """This node or one inside it has the class."""
        return self.has(name) or any(
            isinstance(c, Node) and c.has_deep(name) for c in self.children
        )

    def find_all(self, tag: str) -> list[Node]:
        found = []
        for child in self.children:
            if isinstance(child, Node):
                if child.tag == tag:
                    found.append(child)
                found.extend(child.find_all(tag))
        return found


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("root")
        self.stack = [self.root]
        self.skip = 0  # inside <head>, <script>, <style>, <nav>

    def handle_starttag(self, tag, attrs):
        if tag in ("head", "script", "style", "nav", "title"):
            self.skip += 1
            return
        if self.skip:
            return
        classes = frozenset((dict(attrs).get("class") or "").split())
        node = Node(tag, classes)
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_endtag(self, tag):
        if tag in ("head", "script", "style", "nav", "title"):
            self.skip = max(0, self.skip - 1)
            return
        if self.skip:
            return
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        if not self.skip and data:
            self.stack[-1].children.append(data)


def parse(html: str) -> Node:
    builder = _TreeBuilder()
    builder.feed(html)
    return builder.root


def text_of(node: Node | str) -> str:
    if isinstance(node, str):
        return node
    if node.tag == "br":
        return "\n"
    if node.has("fill"):
        return "…………"
    return "".join(text_of(c) for c in node.children)


def _clean(text: str) -> str:
    return " ".join(text.split())


# ---- Writing Word --------------------------------------------------------------


class _Writer:
    def __init__(self) -> None:
        self.doc = WordDocument()
        section = self.doc.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin = section.bottom_margin = Mm(20)
        section.left_margin, section.right_margin = Mm(30), Mm(15)
        style = self.doc.styles["Normal"]
        style.font.name = FONT
        style.font.size = Pt(14)
        style.paragraph_format.space_after = Pt(0)
        # East-Asian and complex-script fonts too, so Word keeps Times New Roman.
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for attr in ("w:eastAsia", "w:cs", "w:hAnsi"):
            fonts.set(qn(attr), FONT)
        self.page_break_next = False

    # paragraphs ------------------------------------------------------------------

    def paragraph(
        self,
        container,
        node: Node | str,
        *,
        align=None,
        bold: bool = False,
        italic: bool = False,
        size: float | None = None,
        indent: bool = False,
        space_after: float = 0,
        upper: bool = False,
    ):
        para = container.add_paragraph()
        if self.page_break_next and container is self.doc:
            para.paragraph_format.page_break_before = True
            self.page_break_next = False
        if align is not None:
            para.alignment = align
        if indent:
            para.paragraph_format.first_line_indent = Cm(1.27)
        para.paragraph_format.space_after = Pt(space_after)
        self._runs(para, node, bold=bold, italic=italic, size=size, upper=upper)
        return para

    def _runs(self, para, node: Node | str, *, bold, italic, size, upper) -> None:
        if isinstance(node, str):
            text = " ".join(node.split(" ")) if node.strip() else (" " if node else "")
            text = text.replace("\n", " ")
            if text:
                run = para.add_run(text.upper() if upper else text)
                run.bold, run.italic = bold or None, italic or None
                if size:
                    run.font.size = Pt(size)
            return
        if node.tag == "br":
            para.add_run().add_break(WD_BREAK.LINE)
            return
        if node.has("fill"):
            para.add_run("…………")
            return
        bold = bold or node.tag in ("b", "strong")
        italic = italic or node.tag in ("i", "em")
        for child in node.children:
            self._runs(para, child, bold=bold, italic=italic, size=size, upper=upper)

    # blocks ------------------------------------------------------------------------

    def block(self, node: Node, container=None) -> None:
        container = container if container is not None else self.doc
        if node.has("head"):
            self._head(node)
        elif node.has("sign"):
            self._sign(node)
        elif node.has("annex"):
            self.page_break_next = True
            self._children(node, container)
        elif node.tag == "table":
            self._table(node, container)
        elif node.has("doc-type") or node.has("annex-title") or node.has("authority"):
            self.paragraph(container, node, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, upper=True)
        elif node.has("summary") or node.has("annex-summary") or node.has("report-name"):
            self.paragraph(container, node, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True)
        elif node.has("summary-sub") or node.has("annex-ref") or node.has("form-label"):
            self.paragraph(container, node, align=WD_ALIGN_PARAGRAPH.CENTER, italic=True, size=13)
        elif node.has("summary-rule"):
            self.paragraph(container, "", align=WD_ALIGN_PARAGRAPH.CENTER, space_after=6)
        elif node.has("addressees"):
            self.paragraph(container, node, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=6)
        elif node.has("decides"):
            self.paragraph(container, node, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True)
        elif node.tag in ("h1", "h2", "h3"):
            self.paragraph(container, node, bold=True, indent=True, space_after=4)
        elif node.tag == "p":
            if node.has("group"):
                self.paragraph(container, node, bold=True, size=13)
            elif node.has("nominee"):
                self.paragraph(container, node, size=13)
            else:
                self.paragraph(
                    container,
                    node,
                    align=WD_ALIGN_PARAGRAPH.JUSTIFY,
                    indent=not node.has("no-indent"),
                    space_after=6,
                )
        elif node.has("blank-line"):
            self.paragraph(container, "." * 90, size=12)
        else:
            self._children(node, container)

    def _children(self, node: Node, container) -> None:
        inline: list[Node | str] = []

        def flush():
            text = _clean("".join(text_of(c) for c in inline))
            if text:
                self.paragraph(container, Node("span", children=list(inline)))
            inline.clear()

        for child in node.children:
            if isinstance(child, Node) and (
                child.tag in BLOCKS - {"span", "br"} or _is_block(child)
            ):
                flush()
                self.block(child, container)
            else:
                inline.append(child)
        flush()

    def _borderless(self, columns: int, widths_mm: Sequence[float]):
        table = self.doc.add_table(rows=1, cols=columns)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        for cell, width in zip(table.rows[0].cells, widths_mm, strict=True):
            cell.width = Mm(width)
            cell.paragraphs[0].text = ""
        return table

    def _head(self, node: Node) -> None:
        left, right = [c for c in node.children if isinstance(c, Node) and c.has("col")][:2]
        table = self._borderless(2, [70, 95])
        for cell, col in zip(table.rows[0].cells, (left, right), strict=True):
            first = True
            for line in _lines(col):
                para = cell.paragraphs[0] if first else cell.add_paragraph()
                first = False
                para.alignment = WD_ALIGN_PARAGRAPH.CENTER
                bold = any(line.has_deep(c) for c in ("issuer", "nation", "motto"))
                italic = line.has_deep("place-date")
                upper = any(line.has_deep(c) for c in ("superior", "issuer", "nation"))
                size: float | None = None
                if any(line.has_deep(c) for c in ("superior", "issuer", "number")):
                    size = 13
                if line.has_deep("nation"):
                    size = 12.5
                self._runs(para, line, bold=bold, italic=italic, size=size, upper=upper)

    def _sign(self, node: Node) -> None:
        cols = [c for c in node.children if isinstance(c, Node) and c.has("col")]
        widths = [82, 83] if len(cols) == 2 else [165]
        table = self._borderless(len(cols), widths)
        for cell, col in zip(table.rows[0].cells, cols, strict=True):
            first = True
            for line in _lines(col):
                para = cell.paragraphs[0] if first else cell.add_paragraph()
                first = False
                if col.has("recipients"):
                    is_label = line.has("label")
                    self._runs(
                        para,
                        line,
                        bold=is_label,
                        italic=is_label,
                        size=12 if is_label else 11,
                        upper=False,
                    )
                    continue
                para.alignment = WD_ALIGN_PARAGRAPH.CENTER
                if line.has("space"):
                    para.paragraph_format.space_after = Mm(30)  # room for signature and seal
                    continue
                self._runs(
                    para,
                    line,
                    bold=line.has("role") or line.has("name"),
                    italic=line.has("hint"),
                    size=12 if line.has("hint") else None,
                    upper=line.has("role"),
                )

    def _table(self, node: Node, container) -> None:
        rows = node.find_all("tr")
        if not rows:
            return
        width = max(
            len([c for c in r.children if isinstance(c, Node) and c.tag in ("td", "th")])
            for r in rows
        )
        table = self.doc.add_table(rows=0, cols=width)
        table.style = "Table Grid"
        for r in rows:
            cells = [c for c in r.children if isinstance(c, Node) and c.tag in ("td", "th")]
            row = table.add_row().cells
            for i, c in enumerate(cells):
                para = row[i].paragraphs[0]
                if c.tag == "th":
                    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
                elif c.has("r"):
                    para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                elif c.has("c"):
                    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
                self._runs(
                    para,
                    c,
                    bold=c.tag == "th" or r.has("group") or r.has("total"),
                    italic=False,
                    size=12,
                    upper=False,
                )

    def save(self) -> bytes:
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()


def _is_block(node: Node) -> bool:
    return bool(node.classes & {"blank-line"}) or node.tag in ("div", "p", "table", "section")


def _lines(col: Node) -> list[Node]:
    """The lines of a head or signature column: its block children, flattened."""
    lines: list[Node] = []
    for child in col.children:
        if not isinstance(child, Node):
            if child.strip():
                lines.append(Node("span", children=[child]))
            continue
        inner = [c for c in child.children if isinstance(c, Node) and c.tag == "div"]
        if child.tag == "div" and inner and not child.has("space"):
            lines.extend(_lines(child))
        else:
            lines.append(child)
    return lines


def html_to_docx(html: str) -> bytes:
    """A .docx of an official document's HTML (``templates/documents/official.html``)."""
    writer = _Writer()
    root = parse(nfc(html))
    sheets = [n for n in root.find_all("div") if n.has("sheet")]
    writer._children(sheets[0] if sheets else root, writer.doc)
    return writer.save()


def render_docx(template_name: str, context: dict) -> bytes:
    """The editable copy of a document: the PDF's HTML, written as Word."""
    return html_to_docx(render_html(template_name, context, printable=False))
