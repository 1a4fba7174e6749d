"""A real ``esgtext serve`` in a subprocess on 127.0.0.1 (a free port), and a tiny HTTP client.

Standard library only: the tests talk HTTP to the server exactly as another program would.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self):
        return json.loads(self.body)

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


class Server:
    """``with Server(["--model", "fr-en=PATH"]) as s: s.post_json("/translate", {...})``."""

    def __init__(self, args: list[str] = (), env: dict[str, str] | None = None, log: Path | None = None,
                 start_timeout: float = 120.0):
        self.args = list(args)
        self.env = {**os.environ, "HF_HUB_OFFLINE": "1", "ESGTEXT_THREADS": "1", **(env or {})}
        self.log_path = log
        self.start_timeout = start_timeout
        self.proc: subprocess.Popen | None = None
        self.port: int | None = None
        self._own_log = False  # a temporary log of ours: read into _final_log and removed on stop
        self._final_log: str | None = None

    def __enter__(self) -> "Server":
        import tempfile

        if self.log_path is None:
            fd, name = tempfile.mkstemp(prefix="esgtext-serve-", suffix=".log")
            os.close(fd)
            self.log_path = Path(name)
            self._own_log = True
        self._log = open(self.log_path, "wb")
        cmd = [sys.executable, "-c", "from esgtext.cli import main; main()", "serve", "--host", "127.0.0.1", "--port", "0", *self.args]
        self.proc = subprocess.Popen(cmd, stdout=self._log, stderr=subprocess.STDOUT, env=self.env, cwd=REPO,
                                     stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
            m = re.search(r"listening on http://127\.0\.0\.1:(\d+)/", text)
            if m:
                self.port = int(m.group(1))
                break
            if self.proc.poll() is not None:
                raise RuntimeError(f"esgtext serve exited with {self.proc.returncode}: {text[-2000:]}")
            time.sleep(0.1)
        else:
            self.stop()
            raise RuntimeError("esgtext serve did not start in time")
        # the socket is bound before the message; wait until the app answers
        while time.monotonic() < deadline:
            try:
                if self.get("/health", timeout=5).status == 200:
                    return self
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("esgtext serve does not answer")

    def __exit__(self, *exc) -> None:
        self.stop()

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        if getattr(self, "_log", None) is not None:
            self._log.close()
        if self._own_log and self.log_path is not None and self.log_path.exists():
            self._final_log = self.log
            self.log_path.unlink()

    @property
    def log(self) -> str:
        if self._final_log is not None:
            return self._final_log
        return self.log_path.read_text(encoding="utf-8", errors="replace") if self.log_path else ""

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    # -- requests ---------------------------------------------------------------------------------

    def request(self, method: str, path: str, body: bytes | None = None, headers: dict[str, str] | None = None,
                timeout: float = 120.0) -> Reply:
        req = urllib.request.Request(self.url + path, data=body, method=method, headers=headers or {})
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                return Reply(resp.status, {k.lower(): v for k, v in resp.headers.items()}, resp.read())
        except urllib.error.HTTPError as err:
            return Reply(err.code, {k.lower(): v for k, v in err.headers.items()}, err.read())

    def get(self, path: str, **kw) -> Reply:
        return self.request("GET", path, **kw)

    def post_json(self, path: str, data, headers: dict[str, str] | None = None, **kw) -> Reply:
        body = data if isinstance(data, bytes) else json.dumps(data).encode("utf-8")
        return self.request("POST", path, body, {"Content-Type": "application/json", **(headers or {})}, **kw)

    def post_form(self, path: str, fields: dict, headers: dict[str, str] | None = None, **kw) -> Reply:
        body = urllib.parse.urlencode(fields, doseq=True).encode()
        return self.request("POST", path, body,
                            {"Content-Type": "application/x-www-form-urlencoded", **(headers or {})}, **kw)

    def post_file(self, path: str, name: str, data: bytes, fields: dict | None = None, **kw) -> Reply:
        boundary = "esgtext-test-boundary-7d1"
        parts = []
        for key, value in (fields or {}).items():
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode())
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
                     f"Content-Type: application/octet-stream\r\n\r\n".encode() + data + b"\r\n")
        parts.append(f"--{boundary}--\r\n".encode())
        return self.request("POST", path, b"".join(parts),
                            {"Content-Type": f"multipart/form-data; boundary={boundary}"}, **kw)
