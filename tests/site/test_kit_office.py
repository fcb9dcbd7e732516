"""The kit's Word and Excel files: each opens with its library and says what the Markdown or CSV download says."""

from __future__ import annotations

import csv
import io
import re
import sys

import docx
import openpyxl
from candor.compiler.catalog import Catalog
from candor.model.kit import Template
from docx.table import Table

from ..conftest import ROOT, Site

sys.path.insert(0, str(ROOT / "widgets"))
from sitebuild import kit
from sitebuild.kit_office import docx_bytes, office_filename

LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")


def words_of_markdown(text: str) -> list[str]:
    """The words a reader sees in the Markdown: link texts, not addresses; no emphasis marks, list markers or
    table rules."""
    out = []
    for line in text.splitlines():
        line = line.strip()
        if re.fullmatch(r"\|?[\s:|-]*-{3,}[\s:|-]*", line) or re.fullmatch(r"-{3,}", line):
            continue
        line = LINK.sub(r"\1", line)
        line = re.sub(r"^(#{1,6}|[-*]|>)\s+", "", line).replace("**", "").replace("`", "")
        out += line.replace("|", " ").split()
    return out


def words_of_docx(document: docx.document.Document) -> list[str]:
    out = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                for cell in row.cells:
                    out += cell.text.split()
        else:
            out += block.text.split()
    return out


def test_every_template_has_a_word_or_excel_file_that_holds_what_its_download_holds(site: Site, catalog: Catalog) -> None:
    index = (site.dir / "kit" / "index.html").read_text(encoding="utf-8")
    for t in catalog.templates.values():
        page = (site.dir / "kit" / t.id / "index.html").read_text(encoding="utf-8")
        text = (site.dir / "kit" / "files" / t.filename).read_text(encoding="utf-8")
        office = site.dir / "kit" / "files" / office_filename(t)
        assert f'href="../files/{office_filename(t)}" download="{office_filename(t)}"' in page, t.id
        assert f"({kit.formats(t)})" in index, t.id  # the index names each format once
        if t.format == "csv":
            book = openpyxl.load_workbook(office)
            sheet = book["Template"]
            rows = [[cell if cell is not None else "" for cell in row] for row in sheet.iter_rows(values_only=True)]
            assert rows == list(csv.reader(io.StringIO(text))), t.id
            assert sheet.freeze_panes == "A2"
            guide = list(book["Columns"].iter_rows(values_only=True))
            assert [(r[0], r[1]) for r in guide[1:]] == [(c.name, c.meaning) for c in t.columns]
        else:
            document = docx.Document(str(office))
            assert words_of_docx(document) == words_of_markdown(text), t.id
            headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
            assert headings == [LINK.sub(r"\1", m) for m in re.findall(r"^#{1,6}\s+(.*)$", text, re.M)], t.id
            linked = {rel.target_ref for rel in document.part.rels.values() if rel.is_external}
            assert linked == {url for _, url in LINK.findall(text)}, t.id
            assert document.core_properties.title == t.title


def test_a_rebuild_gives_the_same_office_files(catalog: Catalog) -> None:
    first = kit.office_downloads(catalog, "https://candor.example/")
    assert first == kit.office_downloads(catalog, "https://candor.example/")
    assert len(first) == len(catalog.templates)


def test_numbered_items_keep_their_own_numbers_and_continuation_lines() -> None:
    t = Template(id="x", title="Example template", summary="An example.", when=("When testing.",), practices=("TR-01",),
                 format="markdown", body="", columns=(), rows=(), notes=None)
    data = docx_bytes(t, "## Steps\n\n1. **First** step,\n   continued.\n2. Second, see [the guide](https://candor.example/g/).\n\n"
                         "Then:\n\n1. A new list starts at one.\n")
    paragraphs = [p.text for p in docx.Document(io.BytesIO(data)).paragraphs if p.text]
    assert paragraphs == ["Steps", "1.\tFirst step, continued.", "2.\tSecond, see the guide.", "Then:", "1.\tA new list starts at one."]
