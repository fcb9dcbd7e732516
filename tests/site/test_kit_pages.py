"""The kit in the built site: a page per template, its download, and the copyable text are one and the same."""

from __future__ import annotations

import csv
import html
import io
import re

from candor.compiler.catalog import Catalog

from ..conftest import Site


def copy_text(page: str, template_id: str) -> str:
    pattern = rf'<pre class="candor-kit-text" data-candor-copy-source="candor-kit-text-{template_id}"[^>]*><code>(.*?)</code></pre>'
    found = re.search(pattern, page, re.S)
    assert found, template_id
    return html.unescape(found.group(1))


def test_every_template_is_generated_with_its_download_and_practice_links(site: Site, catalog: Catalog) -> None:
    index = (site.dir / "kit" / "index.html").read_text(encoding="utf-8")
    for t in catalog.templates.values():
        page = (site.dir / "kit" / t.id / "index.html").read_text(encoding="utf-8")
        words = re.sub(r"<[^>]+>", "", page)  # glossary terms in the text are wrapped in <abbr>
        download = (site.dir / "kit" / "files" / t.filename).read_text(encoding="utf-8")
        assert copy_text(page, t.id) == download, t.id
        assert f'download="{t.filename}"' in page
        assert f'href="{t.id}/"' in index
        for pid in t.practices:
            p = catalog.practices[pid]
            assert f'#{pid}"' in page and html.escape(p.rule, quote=False) in words, (t.id, pid)
            if t.format == "markdown":
                assert f"({site.url}{p.url})" in download, (t.id, pid)
        if t.format == "csv":
            header = next(csv.reader(io.StringIO(download)))
            assert header == [c.name for c in t.columns]
            assert all(f"<code>{c.name}</code>" in page for c in t.columns)


def test_the_check_bundles_carry_the_templates_of_the_practices_they_link(site: Site) -> None:
    import json

    bundle = json.loads((site.dir / "assets" / "candor" / "checks" / "prelaunch.json").read_text(encoding="utf-8"))
    gl02 = bundle["practices"]["GL-02"]
    assert gl02["templates"] == [{"id": "ai-use-register", "title": "AI use register", "url": "kit/ai-use-register/"}]
