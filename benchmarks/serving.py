"""The benchmark's static server: it counts the bytes it sends per path and, when asked, gzips text and wasm on
the wire as a real static host would. Also the site build the benchmark times, and a file's gzip size."""

from __future__ import annotations

import gzip
import io
import sys
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import unquote

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
import mkdocs_build  # noqa: E402

# What a page without a driver reports back (benchmarks/webkit_profile.py): GET /_bench/report/<what>, answered 404.
REPORTS: list[str] = []
COMPRESSIBLE = (".html", ".js", ".mjs", ".css", ".json", ".wasm", ".xml", ".svg", ".md")
GZIP_CACHE: dict[Path, bytes] = {}


class Counter(SimpleHTTPRequestHandler):
    """Static server that counts the bytes it sends per path; in gzip mode it compresses text and wasm on the
    wire (as a real static host would); .bin and .zip files are sent as they are."""

    log: list[tuple[str, int]]
    gzip_on_wire: list[bool]
    extensions_map: ClassVar[dict[str, str]] = {
        **SimpleHTTPRequestHandler.extensions_map, ".mjs": "text/javascript", ".wasm": "application/wasm"
    }

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        if self.path.startswith("/_bench/report/"):
            REPORTS.append(unquote(self.path.removeprefix("/_bench/report/")))

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if (self.gzip_on_wire[0] and path.is_file() and path.suffix in COMPRESSIBLE
                and "gzip" in self.headers.get("Accept-Encoding", "")):
            body = GZIP_CACHE.setdefault(path, gzip.compress(path.read_bytes(), 6))
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            return io.BytesIO(body)
        return super().send_head()

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def copyfile(self, source: Any, outputfile: Any) -> None:
        data = source.read()
        outputfile.write(data)
        self.log.append((self.path.split("?")[0], len(data)))


class QuietServer(ThreadingHTTPServer):
    """A browser that closes a connection early (a cancelled prefetch, a closed context) is not an error here."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
            super().handle_error(request, client_address)


def build(site: Path, url: str) -> float:
    """The strict build the suite and ./scripts/serve use (any warning fails it), timed."""
    start = time.perf_counter()
    mkdocs_build.build(site, {"CANDOR_SITE_URL": url})
    return round(time.perf_counter() - start, 2)


def gzip_size(site: Path, path: str) -> int:
    file = site / path.lstrip("/")
    if file.is_dir() or path.endswith("/"):
        file = file / "index.html"
    return len(gzip.compress(file.read_bytes(), 6)) if file.is_file() else 0
