"""A static server for measurements: it compresses text as GitHub Pages does (gzip, level 6) and
counts the bytes of each response, for the page-weight tests and `make audit`."""

from __future__ import annotations

import contextlib
import functools
import gzip
import socket
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

COMPRESSED = frozenset({".html", ".css", ".js", ".json", ".svg", ".xml", ".txt"})


class CompressingHandler(SimpleHTTPRequestHandler):
    """Serves files, gzipped when the client accepts it; `sent` collects (path, bytes)."""

    sent: list[tuple[str, int]]

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (stdlib signature)
        pass

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            self.send_error(404)
            return
        body = path.read_bytes()
        accepted = "gzip" in self.headers.get("Accept-Encoding", "")
        compress = path.suffix in COMPRESSED and accepted
        if compress:
            body = gzip.compress(body, compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        if compress:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")  # as GitHub Pages
        self.end_headers()
        self.wfile.write(body)
        self.sent.append((self.path, len(body)))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextlib.contextmanager
def serve_compressed(directory: Path, port: int = 0) -> Iterator[tuple[str, list[tuple[str, int]]]]:
    """Serve `directory` on 127.0.0.1; yield its address and the list of what was sent."""
    sent: list[tuple[str, int]] = []
    handler = type("Handler", (CompressingHandler,), {"sent": sent})
    server = ThreadingHTTPServer(
        ("127.0.0.1", port), functools.partial(handler, directory=str(directory))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", sent
    finally:
        server.shutdown()
        server.server_close()
