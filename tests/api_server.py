"""A small InferenceX API on 127.0.0.1 for tests: the recorded responses, gzip, and faults.

Real sockets and the real client; faults are queued per route and used up one per request.
"""

from __future__ import annotations

import gzip
import json
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

KNOWN = {"DeepSeek-R1-0528", "gpt-oss-120b", "Llama-3.3-70B-Instruct-FP8", "Qwen-3.5-397B-A17B"}
KNOWN |= {"Kimi-K2.5", "Kimi-K3", "MiniMax-M2.5", "MiniMax-M3", "GLM-5", "GLM-5.2"}
KNOWN |= {"DeepSeek-V4-Pro"}


class ApiServer:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.availability: list[dict[str, Any]] = json.loads(
            (folder / "availability.json").read_text()
        )
        self.benchmarks = (folder / "benchmarks.json").read_bytes()
        self.history: list[dict[str, Any]] = json.loads(
            (folder / "benchmarks-history.json").read_text()
        )
        self.faults: dict[str, list[str]] = {}
        self.log: list[tuple[str, dict[str, str]]] = []  # (path with query, headers)
        self.stop = threading.Event()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def start(self) -> ApiServer:
        self.thread.start()
        return self

    def close(self) -> None:
        self.stop.set()
        self.httpd.shutdown()
        self.httpd.server_close()

    def fail(self, route: str, *faults: str) -> None:
        self.faults.setdefault(route, []).extend(faults)

    def bump(self, key: str, date: str) -> None:
        """A newer date for a model, as after a new nightly run."""
        row = next(r for r in self.availability if r["model"] == key)
        self.availability.append({**row, "date": date})

    def paths(self, route: str) -> list[str]:
        return [p for p, _ in self.log if urllib.parse.urlsplit(p).path == route]

    def answer(self, route: str, query: dict[str, str]) -> tuple[int, Any]:
        if route == "/api/v1/availability":
            return 200, self.availability
        model = query.get("model", "")
        if model not in KNOWN:
            return 404, {"error": "Unknown model"}
        if route == "/api/v1/benchmarks":
            return 200, json.loads(self.benchmarks) if model == "DeepSeek-R1-0528" else []
        if route == "/api/v1/benchmarks/history":
            if "isl" not in query or "osl" not in query:
                return 400, {"error": "model, isl, and osl are required"}
            isl, osl = int(query["isl"]), int(query["osl"])
            rows = [r for r in self.history if (r["isl"], r["osl"]) == (isl, osl)]
            return 200, rows if model == "DeepSeek-R1-0528" else []
        return 404, {"error": "Not found"}


def _handler(api: ApiServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:  # quiet
            pass

        def do_GET(self) -> None:
            parts = urllib.parse.urlsplit(self.path)
            api.log.append((self.path, dict(self.headers.items())))
            queue = api.faults.get(parts.path, [])
            fault = queue.pop(0) if queue else ""
            query = dict(urllib.parse.parse_qsl(parts.query))
            if fault:
                self._fault(fault)
                return
            status, data = api.answer(parts.path, query)
            self._send(status, gzip.compress(json.dumps(data).encode()))

        def _send(self, status: int, body: bytes, extra: dict[str, str] | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            for k, v in (extra or {}).items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(body)

        def _fault(self, fault: str) -> None:
            error = gzip.compress(b'{"error": "Internal server error"}')
            if fault in ("429", "503", "502", "504"):
                self._send(int(fault), error, {"Retry-After": "1"})
            elif fault == "500":
                self._send(500, error)
            elif fault == "truncate":
                body = gzip.compress(api.benchmarks)
                self.send_response(200)
                self.send_header("Content-Encoding", "gzip")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body[: len(body) // 2])
                self.close_connection = True
            elif fault == "badgzip":
                self._send(200, gzip.compress(api.benchmarks)[:-40])
            elif fault == "badjson":
                self._send(200, gzip.compress(b'[{"hardware": "h200", "metrics": {'))
            elif fault == "slow":
                api.stop.wait(10)  # far past the client's timeout; released at teardown
                self.close_connection = True
            elif fault == "die":
                self.close_connection = True  # no answer at all, and the server goes away
                threading.Thread(target=api.httpd.shutdown, daemon=True).start()

    return Handler
