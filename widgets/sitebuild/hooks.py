"""MkDocs hooks: the adapter between MkDocs and the content compiler. They only adapt.

on_config reads the config and compiles the content (:func:`candor.compiler.content_files.read_catalog`; a problem fails
the build, naming the file and the id); on_files adds the runtime, the engine wheel, every browser bundle
(:func:`candor.compiler.bundle.browser_bundles`) and the browser glue; on_page_markdown expands ``<!-- candor:... -->``
shortcodes with the renderers in this package and adds glossary tooltips. What moves if the site leaves
MkDocs is this file (and ``overrides/``); see "Where MkDocs ends" in the README.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import sys
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # MkDocs loads hooks by path

from candor.compiler.bundle import browser_bundles, bundle_index
from candor.compiler.catalog import Catalog, ContentError
from candor.compiler.content_files import read_catalog

from sitebuild import (
    assets,
    ci_snippets,
    csp,
    deploy,
    forms,
    guidance,
    kit,
    methodology,
    onboarding,
    reading_time,
    search_defer,
    search_terms,
    shortcodes,
    timeline_pages,
    toc_marks,
    tools,
)

CONTENT = assets.ROOT / "content"
GLUE = assets.ROOT / "widgets" / "js"
STYLE = assets.ROOT / "widgets" / "css"


ENGINE_START = "engine-start.mjs"  # the script a check page starts the engine with, first thing in <head>


class _State:
    command = "build"
    catalog: Catalog
    times: reading_time.ModuleTimes
    cli_wheel = ""  # the command-line wheel's file name, once on_files has built it


state = _State()


def on_startup(command: str, dirty: bool) -> None:
    state.command = command


def on_config(config: Any) -> Any:
    try:
        notice = deploy.check_site_url(config["site_url"] or "", state.command, dict(os.environ))
    except deploy.DeployError as exc:
        raise PluginError(str(exc)) from None
    if notice:
        logging.getLogger("mkdocs.plugins.candor").info(notice)
    try:
        state.catalog = read_catalog(CONTENT, today=dt.date.today())  # a practice past its review limit fails the build
    except ContentError as exc:
        raise PluginError(str(exc)) from None
    if config["nav"]:
        config["nav"] = kit.nav_with_templates(config["nav"], state.catalog)
    learning = state.catalog.learning
    docs = Path(config["docs_dir"])
    state.times = reading_time.module_times(state.catalog, learning, docs) if learning else reading_time.ModuleTimes({}, {})
    return config


def _add(files: Files, config: Any, uri: str, *, content: str | bytes | None = None, path: Path | None = None) -> None:
    existing = files.get_file_from_path(uri)
    if existing is not None:
        files.remove(existing)
    if path is not None:
        files.append(File.generated(config, uri, abs_src_path=str(path)))
    else:
        files.append(File.generated(config, uri, content=content or ""))


def on_files(files: Files, config: Any) -> Files:
    try:
        runtime = assets.pyodide_files()
        cli_wheel = assets.build_wheel()
        wheel = assets.browser_wheel(cli_wheel)
        snapshot = assets.build_snapshot(wheel)
    except assets.BuildError as exc:
        raise PluginError(str(exc)) from None
    for path in runtime:
        _add(files, config, f"assets/pyodide/{path.name}", path=path)
    _add(files, config, f"assets/candor/wheels/{wheel.name}", path=wheel)
    _add(files, config, f"{ci_snippets.CLI_WHEEL_DIR}{cli_wheel.name}", path=cli_wheel)  # for pip install: content included
    state.cli_wheel = cli_wheel.name
    if snapshot is not None:
        _add(files, config, f"assets/candor/snapshot/{snapshot.name}", path=snapshot)
    for path in sorted([*GLUE.glob("*.mjs"), *GLUE.glob("*.js")]):
        _add(files, config, f"assets/candor/js/{path.name}", path=path)
    for path in sorted(STYLE.glob("*.css")):
        _add(files, config, f"assets/candor/{path.name}", path=path)
    for uri, bundle in browser_bundles(state.catalog).items():
        _add(files, config, f"assets/candor/{uri}", content=json.dumps(bundle, ensure_ascii=False))
    try:
        extra = onboarding.site_files(state.catalog, config["site_url"] or "")
    except ContentError as exc:
        raise PluginError(str(exc)) from None
    for uri, content in extra.items():
        _add(files, config, uri, content=content)
    man = assets.manifest(wheel, snapshot, bundle_index(state.catalog))
    _add(files, config, "assets/candor/manifest.json", content=json.dumps(man, indent=1))
    _add(files, config, "schema/answers.schema.json", content=json.dumps(state.catalog.answers_schema, indent=2))
    for uri, content in kit.pages(state.catalog, _site_url(config)).items():
        _add(files, config, uri, content=content)
    return files


def _site_url(config: Any) -> str:
    return str(config["site_url"] or "").rstrip("/") + "/"


def _renderers(page: Any, site_url: str) -> dict[str, shortcodes.Renderer]:
    """The shortcode renderers for a page, each a call into this package with the compiled catalogue."""
    cat, url, src = state.catalog, page.url, page.file.src_uri

    def check(arg: str | None) -> Any:
        if arg not in cat.checks:
            raise PluginError(f"{page.file.src_uri}: unknown check {arg!r} (known: {', '.join(sorted(cat.checks))})")
        return cat.checks[arg]

    def theme(arg: str | None) -> str:
        if not any(t.id == arg for t in cat.themes):
            raise PluginError(f"{page.file.src_uri}: unknown theme {arg!r}")
        return guidance.practices_markdown(str(arg), cat, src)

    # Widgets on the check pages start the engine at once (overrides/main.html then starts it from <head>);
    # those embedded in guidance pages wait until the reader uses them.
    lazy = not src.startswith("checks/")

    def widget(html: str) -> str:
        if not lazy:
            page.meta["candor_engine"] = "eager"
            page.meta["candor_preload"] = assets.static_imports(GLUE / ENGINE_START)  # fetched beside it (overrides/)
        return html

    renderers: dict[str, shortcodes.Renderer] = {
        "form": lambda arg: widget(forms.render_form(check(arg), cat, url, lazy=lazy, answers_schema=cat.answers_schema)),
        "methodology": lambda arg: methodology.methodology_markdown(check(arg), cat, src),
        "bias-audit": lambda _: widget(tools.bias_form(cat, url, lazy=lazy)),
        "practices": theme,
        "summary": lambda arg: guidance.summary_markdown(str(arg), cat, src) if theme(arg) else "",
        "themes": lambda _: guidance.theme_index_markdown(cat, src),
        "sources": lambda _: guidance.sources_markdown(cat, src),
        "crosswalk": lambda _: guidance.crosswalk_html(cat, url),
        "glossary": lambda _: guidance.glossary_markdown(cat, src),
        "key-dates": lambda _: timeline_pages.key_dates_markdown(cat, src, dt.date.today()),
        "content-changes": lambda _: timeline_pages.changes_markdown(cat, src),
        "kit": lambda _: kit.index_markdown(cat, src),
        "ci": lambda arg: ci_snippets.ci_markdown(check(arg), site_url, state.cli_wheel),
        "launch": lambda arg: forms.launch_markdown(check(arg), cat, src),
        "check-keys": lambda arg: forms.check_keys_markdown(cat, arg),
        **onboarding.renderers(cat, state.times, src, url),
    }
    return renderers


def on_page_markdown(markdown: str, page: Any, config: Any, files: Files) -> str:
    try:
        expanded = shortcodes.expand(markdown, _renderers(page, _site_url(config)), page.file.src_uri)
    except (shortcodes.ShortcodeError, ContentError) as exc:
        raise PluginError(str(exc)) from None
    return expanded + guidance.abbreviations(state.catalog)


def on_page_content(html: str, page: Page, config: Any, files: Files) -> str:
    """Parts the build writes as HTML and marks for the contents (a check's result) get their entry there; tables,
    controls and buttons are left out of the search index (sitebuild/search_terms.py)."""
    toc_marks.add_entries(page.toc.items, html, AnchorLink)
    return search_terms.leave_out_non_prose(html)


def on_post_page(output: str, page: Any, config: Any) -> str:
    """Every page gets its Content Security Policy, with the hashes of the inline scripts it really has, and
    Material's search index only when it is wanted (sitebuild/search_defer.py)."""
    try:
        output = search_defer.defer_search_index(output)
    except search_defer.SearchDeferError as exc:
        raise PluginError(f"{page.file.src_uri}: {exc}") from None
    return csp.add_policy(output)


def on_post_build(config: Any) -> None:
    """MkDocs writes 404.html without on_post_page: give it its policy too. The kit's downloads go in as
    plain files here (MkDocs would render a generated '.md' file as a page), and the key terms into the search
    index (sitebuild/search_terms.py), which then moves out of Material's way (sitebuild/search_defer.py). Then
    the deploy files, last."""
    page = Path(config["site_dir"]) / "404.html"
    if page.is_file():
        page.write_text(csp.add_policy(search_defer.defer_search_index(page.read_text(encoding="utf-8"))), encoding="utf-8")
    for uri, text in kit.downloads(state.catalog, _site_url(config)).items():
        target = Path(config["site_dir"]) / uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    for uri, data in kit.office_downloads(state.catalog, _site_url(config)).items():
        (Path(config["site_dir"]) / uri).write_bytes(data)
    try:  # Material's search plugin has written its index by now (hooks run after the plugins)
        search_terms.add_terms_to_site(Path(config["site_dir"]), state.catalog)
        search_defer.split_site_index(Path(config["site_dir"]))
    except (search_terms.SearchTermsError, search_defer.SearchDeferError) as exc:
        raise PluginError(str(exc)) from None
    deploy.write(Path(config["site_dir"]), config["site_url"] or "")


def on_serve(server: Any, config: Any, builder: Any) -> Any:
    for path in (CONTENT, GLUE, STYLE, assets.ROOT / "widgets" / "candor"):
        server.watch(str(path))
    return server
