"""`homeassist models pull` against an HTTP server on 127.0.0.1 that supports ranges."""

from __future__ import annotations

import hashlib
import http.server
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from tests.conftest import REPOSITORY

PAYLOAD = bytes(range(256)) * 8192  # 2 MiB


class RangeHandler(http.server.BaseHTTPRequestHandler):
    """Serve PAYLOAD at /model.bin, honouring `Range: bytes=N-`; optionally cut the first response short."""

    cut_after_bytes: int | None = None
    requests: list[str | None] = []  # noqa: RUF012 - shared record of Range headers across handler instances

    def do_GET(self) -> None:
        if self.path != "/model.bin":
            self.send_error(404)
            return
        header = self.headers.get("Range")
        RangeHandler.requests.append(header)
        start = int(header.removeprefix("bytes=").rstrip("-")) if header else 0
        body = PAYLOAD[start:]
        self.send_response(206 if header else 200)
        if header:
            self.send_header("Content-Range", f"bytes {start}-{len(PAYLOAD) - 1}/{len(PAYLOAD)}")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if RangeHandler.cut_after_bytes is not None:
            self.wfile.write(body[:RangeHandler.cut_after_bytes])
            RangeHandler.cut_after_bytes = None
            self.wfile.flush()
            self.connection.shutdown(2)
            return
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        return


@pytest.fixture
def server() -> Iterator[str]:
    RangeHandler.requests = []
    RangeHandler.cut_after_bytes = None
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), RangeHandler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def _manifest(tmp_path: Path, url: str, sha256: str) -> Path:
    path = tmp_path / "manifest.yaml"
    entry = {"id": "test-model", "stage": "llm", "default": False, "description": "test", "directory": "test",
             "files": [{"path": "model.bin", "size": len(PAYLOAD), "sha256": sha256, "url": url,
                        "bundle": [{"package": "none==0", "member": "none"}]}]}
    path.write_text(yaml.safe_dump({"version": 1, "models": [entry]}), encoding="utf-8")
    return path


def _pull(manifest: Path, models_dir: Path) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "HOMEASSIST_MANIFEST": str(manifest)}
    return subprocess.run([sys.executable, "-m", "homeassist", "models", "pull", "test-model",
                           "--models-dir", str(models_dir)], capture_output=True, text=True, timeout=60,
                          cwd=REPOSITORY, env=environment, check=False)


def test_pull_downloads_and_verifies(server: str, tmp_path: Path) -> None:
    manifest = _manifest(tmp_path, f"{server}/model.bin", hashlib.sha256(PAYLOAD).hexdigest())
    completed = _pull(manifest, tmp_path / "models")

    assert completed.returncode == 0, completed.stderr
    assert (tmp_path / "models" / "test" / "model.bin").read_bytes() == PAYLOAD
    assert "model.bin [" in completed.stderr  # the progress bar
    assert "downloaded" in completed.stdout


def test_pull_resumes_after_interruption(server: str, tmp_path: Path) -> None:
    manifest = _manifest(tmp_path, f"{server}/model.bin", hashlib.sha256(PAYLOAD).hexdigest())
    RangeHandler.cut_after_bytes = 700_000
    first = _pull(manifest, tmp_path / "models")

    assert first.returncode == 2
    partial = tmp_path / "models" / "test" / "model.bin.partial"
    assert partial.stat().st_size == 700_000
    assert str(partial) in first.stderr

    second = _pull(manifest, tmp_path / "models")

    assert second.returncode == 0, second.stderr
    assert RangeHandler.requests == [None, "bytes=700000-"]
    assert (tmp_path / "models" / "test" / "model.bin").read_bytes() == PAYLOAD
    assert not partial.exists()


def test_pull_rejects_wrong_sha256(server: str, tmp_path: Path) -> None:
    manifest = _manifest(tmp_path, f"{server}/model.bin", "0" * 64)
    completed = _pull(manifest, tmp_path / "models")

    assert completed.returncode == 2
    assert "sha256" in completed.stderr
    assert not (tmp_path / "models" / "test" / "model.bin").exists()


def test_pull_twice_is_safe(server: str, tmp_path: Path) -> None:
    manifest = _manifest(tmp_path, f"{server}/model.bin", hashlib.sha256(PAYLOAD).hexdigest())
    _pull(manifest, tmp_path / "models")
    again = _pull(manifest, tmp_path / "models")

    assert again.returncode == 0
    assert "present" in again.stdout
    assert len(RangeHandler.requests) == 1
