"""The recording proxy: the app reaches OpenAI through it (``OPENAI_BASE_URL``), it records.

A threaded HTTP/1.1 server on loopback forwards every request to the upstream unchanged (headers
included, so the app's own key authenticates) and relays the answer as it arrives, SSE streams
chunk by chunk. Each successful POST to chat/completions, embeddings or responses is appended to
the recordings file (scrubbed) once the exchange is over; a streamed exchange is recorded as the
body it amounts to, and kept out of the file if the stream was torn. Error answers are relayed and
counted, not recorded: the app's retry is what gets recorded.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Optional, Union

import httpx2

from migrator.parity.model import Recording
from migrator.parity.recordings import (RecordingWriter, Scrubber, assemble_chat_stream,
                                        endpoint_for_path, parse_sse, sse_complete)

# Hop-by-hop headers (RFC 9110 §7.6.1) and those the relay recomputes.
_HOP = frozenset({"connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te",
                  "trailer", "transfer-encoding", "upgrade", "host", "content-length",
                  "accept-encoding", "content-encoding"})


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "migrator-recording-proxy/1"
    sys_version = ""
    disable_nagle_algorithm = True

    @property
    def proxy(self) -> "RecordingProxy":
        return self.server.proxy  # type: ignore[attr-defined]

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        """Quiet: request lines can carry secrets in query strings."""

    def do_GET(self) -> None:  # noqa: N802
        self._relay()

    do_POST = do_PUT = do_PATCH = do_DELETE = do_GET

    def _relay(self) -> None:
        length = int(self.headers.get("content-length") or 0)
        body = self.rfile.read(length) if length else b""
        headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP}
        headers["accept-encoding"] = "identity"  # keep the bytes we record readable
        started = time.perf_counter()
        try:
            request = self.proxy.client.build_request(self.command, self.proxy.upstream_url(self.path),
                                                      headers=headers, content=body)
            response = self.proxy.client.send(request, stream=True)
        except httpx2.HTTPError as exc:
            self._send_error(502, f"upstream unreachable: {type(exc).__name__}")
            return
        captured = bytearray()
        complete = True
        try:
            self.send_response(response.status_code)
            for name, value in response.headers.items():
                if name.lower() not in _HOP:
                    self.send_header(name, value)
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            try:
                for chunk in response.iter_raw():
                    captured.extend(chunk)
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                    self.wfile.flush()
            except httpx2.HTTPError:
                complete = False  # torn upstream: tear the client's stream the same way
                self.close_connection = True
                return
            self.wfile.write(b"0\r\n\r\n")
            self.wfile.flush()
        except OSError:  # the client went away
            complete = False
            self.close_connection = True
        finally:
            response.close()
            latency = (time.perf_counter() - started) * 1000
            self.proxy._exchange(self.command, self.path, body, response.status_code,
                                 bytes(captured), complete, latency)

    def _send_error(self, status: int, message: str) -> None:
        payload = json.dumps({"error": {"message": message, "type": "proxy_error"}}).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    proxy: "RecordingProxy"

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Clients that hang up are normal."""


class RecordingProxy:
    """``with RecordingProxy(upstream, out) as proxy:`` then point the app at ``proxy.url + "/v1"``."""

    def __init__(self, upstream: str, out: Union[str, Path], *, host: str = "127.0.0.1",
                 port: int = 0, scrubber: Optional[Scrubber] = None, timeout: float = 600.0):
        self.upstream = upstream.rstrip("/")
        self.writer = RecordingWriter(out, scrubber)
        self.client = httpx2.Client(timeout=timeout, trust_env=False)
        self._host, self._port = host, port
        self._server: Optional[_Server] = None
        self._thread: Optional[threading.Thread] = None
        self._lock = threading.Lock()
        self._sequence = self._existing_lines(Path(out))
        self.recorded = 0
        self.not_recorded = 0  # errors, torn streams, other endpoints

    @staticmethod
    def _existing_lines(path: Path) -> int:
        if not path.exists():
            return 0
        with path.open("rb") as handle:
            return sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b""))

    def upstream_url(self, path: str) -> str:
        base = self.upstream
        if base.endswith("/v1") and (path.startswith("/v1/") or path == "/v1"):
            base = base[: -len("/v1")]
        return base + path

    @property
    def url(self) -> str:
        assert self._server is not None
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> "RecordingProxy":
        server = _Server((self._host, self._port), _Handler)
        server.proxy = self
        self._server = server
        self._thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1},
                                        name="recording-proxy", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        self.client.close()
        self.writer.close()

    def __enter__(self) -> "RecordingProxy":
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()

    def _exchange(self, method: str, path: str, request_body: bytes, status: int, raw: bytes,
                  complete: bool, latency_ms: float) -> None:
        endpoint = endpoint_for_path(path)
        try:
            request = json.loads(request_body) if request_body else None
        except ValueError:
            request = None
        streamed = isinstance(request, dict) and bool(request.get("stream"))
        response: Any = None
        if complete and 200 <= status < 300 and raw:
            if streamed or raw.lstrip().startswith(b"data:"):
                response = assemble_chat_stream(parse_sse(raw)) if sse_complete(raw) else None
            else:
                try:
                    response = json.loads(raw)
                except ValueError:
                    response = None
        if method != "POST" or endpoint is None or not isinstance(request, dict) \
                or not isinstance(response, dict):
            with self._lock:
                self.not_recorded += 1
            return
        with self._lock:
            self._sequence += 1
            digest = hashlib.sha256(request_body).hexdigest()[:10]
            recording_id = f"rec-{self._sequence:06d}-{digest}"
            self.recorded += 1
        meta = {"source": "proxy", "path": path.split("?", 1)[0], "stream": streamed,
                "latency_ms": round(latency_ms, 1),
                "recorded_at": datetime.now(timezone.utc).isoformat(timespec="seconds")}
        self.writer.write(Recording(recording_id, endpoint, request, response, meta))
