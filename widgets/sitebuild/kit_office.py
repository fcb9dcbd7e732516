"""The kit's templates as files people can open at work: Word (.docx) for the text templates, Excel (.xlsx) for the
register and the logs.

Both are made at build time from the same text people download as Markdown or CSV (``kit.download_text``), so a
Word file says exactly what the Markdown says and an Excel sheet holds exactly the CSV's rows. The Markdown is the
small subset the kit's templates use (headings, paragraphs, numbered and bulleted lists with indented
continuation lines, tables, quotes, a rule, bold, links and code); anything else stays as its plain text.
Timestamps are fixed, so a rebuild gives the same bytes.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterator

from candor.model.kit import Template
from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

FIXED = dt.datetime(1980, 1, 1)  # the zip format's first date, as the engine wheel uses (SOURCE_DATE_EPOCH)
INLINE = re.compile(r"\*\*(?P<bold>.+?)\*\*|\[(?P<text>[^\]]+)\]\((?P<url>[^)\s]+)\)|`(?P<code>[^`]+)`")
HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
NUMBERED = re.compile(r"^(\d+)\.\s+(.*)$")
BULLET = re.compile(r"^[-*]\s+(.*)$")
RULE = re.compile(r"^(-{3,}|\*{3,})$")
LINK_COLOUR = "0563C1"


def office_filename(t: Template) -> str:
    """The Word or Excel file's name, next to the Markdown or CSV one."""
    return re.sub(r"\.[a-z]+$", ".xlsx" if t.format == "csv" else ".docx", t.filename)


MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def _fixed_zip(data: bytes) -> bytes:
    """The same package with every entry dated FIXED, the document's "modified" property too (the libraries
    stamp the time of writing)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            body = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = MODIFIED.sub(rb"\g<1>" + FIXED.strftime("%Y-%m-%dT%H:%M:%SZ").encode() + rb"\g<2>", body)
            target.writestr(entry, body)
    return out.getvalue()


# ---- Word -----------------------------------------------------------------------------------------------


def _link(paragraph: Paragraph, url: str, text: str) -> None:
    """A real hyperlink (python-docx has no public call for one): blue and underlined, as Word shows links."""
    rel = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel)
    run, props = OxmlElement("w:r"), OxmlElement("w:rPr")
    colour, underline = OxmlElement("w:color"), OxmlElement("w:u")
    colour.set(qn("w:val"), LINK_COLOUR)
    underline.set(qn("w:val"), "single")
    props.append(colour)
    props.append(underline)
    run.append(props)
    body = OxmlElement("w:t")
    body.text = text
    body.set(qn("xml:space"), "preserve")
    run.append(body)
    link.append(run)
    paragraph._p.append(link)


def _inline(paragraph: Paragraph, text: str) -> None:
    at = 0
    for m in INLINE.finditer(text):
        if m.start() > at:
            paragraph.add_run(text[at : m.start()])
        if m.group("bold") is not None:
            paragraph.add_run(m.group("bold")).bold = True
        elif m.group("url") is not None:
            _link(paragraph, m.group("url"), m.group("text"))
        else:
            paragraph.add_run(m.group("code")).font.name = "Consolas"
        at = m.end()
    if at < len(text):
        paragraph.add_run(text[at:])


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def _blocks(markdown: str) -> Iterator[tuple[str, list[str]]]:
    """(kind, lines) for each block: heading, numbered, bullet, table, quote, rule or paragraph; a list item's
    indented lines join it."""
    lines = markdown.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        stripped = line.strip()
        i += 1
        if not stripped:
            continue
        if HEADING.match(stripped):
            yield "heading", [stripped]
        elif RULE.match(stripped):
            yield "rule", []
        elif stripped.startswith("|"):
            rows = [stripped]
            while i < len(lines) and lines[i].strip().startswith("|"):
                rows.append(lines[i].strip())
                i += 1
            yield "table", rows
        elif stripped.startswith(">"):
            quoted = [stripped.lstrip("> ")]
            while i < len(lines) and lines[i].strip().startswith(">"):
                quoted.append(lines[i].strip().lstrip("> "))
                i += 1
            yield "quote", [" ".join(quoted)]
        else:
            kind = "numbered" if NUMBERED.match(stripped) else "bullet" if BULLET.match(stripped) else "paragraph"
            joined = [stripped]
            while i < len(lines) and lines[i].strip() and (
                lines[i].startswith((" ", "\t")) or (kind == "paragraph" and not _starts_block(lines[i].strip()))
            ):
                joined.append(lines[i].strip())
                i += 1
            yield kind, [" ".join(joined)]


def _starts_block(line: str) -> bool:
    return bool(HEADING.match(line) or RULE.match(line) or NUMBERED.match(line) or BULLET.match(line)
                or line.startswith(("|", ">")))


def docx_bytes(t: Template, markdown: str) -> bytes:
    """The Markdown download of a text template as a Word document."""
    document = Document()
    document.core_properties.title = t.title
    document.core_properties.author = "Candor"
    document.core_properties.created = document.core_properties.modified = FIXED
    document.core_properties.last_modified_by = "Candor"
    document.styles["Normal"].font.size = Pt(11)
    for kind, lines in _blocks(markdown):
        if kind == "heading":
            found = HEADING.match(lines[0])
            assert found
            heading = document.add_heading(level=min(len(found.group(1)), 4))
            _inline(heading, found.group(2))
        elif kind == "table":
            rows = [_cells(r) for r in lines if not re.fullmatch(r"\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?", r)]
            table = document.add_table(rows=len(rows), cols=max(map(len, rows)), style="Table Grid")
            for r, cells in enumerate(rows):
                for c, text in enumerate(cells):
                    paragraph = table.cell(r, c).paragraphs[0]
                    _inline(paragraph, text)
                    if r == 0:
                        for run in paragraph.runs:
                            run.bold = True
            document.add_paragraph()
        elif kind == "numbered":
            found = NUMBERED.match(lines[0])
            assert found
            item = document.add_paragraph()  # numbered as written: Word's list numbering would run on across lists
            item.paragraph_format.left_indent = Pt(22)
            item.paragraph_format.first_line_indent = Pt(-22)
            _inline(item, f"{found.group(1)}.\t{found.group(2)}")
        elif kind == "bullet":
            found = BULLET.match(lines[0])
            assert found
            _inline(document.add_paragraph(style="List Bullet"), found.group(1))
        elif kind == "quote":
            _inline(document.add_paragraph(style="Quote"), lines[0])
        elif kind == "paragraph":
            _inline(document.add_paragraph(), lines[0])
    out = io.BytesIO()
    document.save(out)
    return _fixed_zip(out.getvalue())


# ---- Excel ----------------------------------------------------------------------------------------------


def xlsx_bytes(t: Template, csv_text: str) -> bytes:
    """The CSV download of a register or log as an Excel workbook: the same rows on the first sheet (header
    frozen, every cell text, as the CSV has it), and what each column records on a second sheet."""
    rows = list(csv.reader(io.StringIO(csv_text)))
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Template"
    for row in rows:
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in sheet.iter_rows():
        for cell in row:
            cell.number_format = "@"  # text: a date or number typed in stays as written
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for c, column in enumerate(zip(*rows, strict=False), start=1):
        sheet.column_dimensions[sheet.cell(1, c).column_letter].width = min(60, max(12, *(len(v) + 2 for v in column)))
    sheet.freeze_panes = "A2"
    guide = book.create_sheet("Columns")
    guide.append(["Column", "What it records", "What to write"])
    for col in t.columns:
        guide.append([col.name, col.meaning, col.values or ""])
    for cell in guide[1]:
        cell.font = Font(bold=True)
    for letter, width in (("A", 24), ("B", 70), ("C", 50)):
        guide.column_dimensions[letter].width = width
    for row in guide.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    book.properties.title = t.title
    book.properties.creator = "Candor"
    book.properties.created = book.properties.modified = FIXED
    out = io.BytesIO()
    book.save(out)
    return _fixed_zip(out.getvalue())


def office_bytes(t: Template, text: str) -> bytes:
    """The Word or Excel file for template ``t``, from its download text."""
    return xlsx_bytes(t, text) if t.format == "csv" else docx_bytes(t, text)
