"""The OpenAI-compatible LLM backend against a real llama.cpp server on 127.0.0.1."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from homeassist.act.plan import plan_intent
from homeassist.config import Config, parse_config
from homeassist.errors import UnderstandingError
from homeassist.state import StateStore
from homeassist.understand.intent import Action
from homeassist.understand.llm_http import HttpUnderstanding
from tests.conftest import example_config_dict, free_port, write_config

MODEL = "qwen2.5-coder-0.5b-instruct-q4_k_m"


def _config(tmp_path: Path, url: str) -> Config:
    data = example_config_dict(None)
    data["llm"] = {"backend": "openai", "url": url, "model": MODEL, "timeout_s": 180}
    path = write_config(tmp_path, data)
    return parse_config(path.read_text(encoding="utf-8"), path)


@pytest.fixture(scope="module")
def server_url(models_installed: Path) -> Iterator[str]:
    port = free_port()
    gguf = models_installed / "llm" / f"{MODEL}.gguf"
    process = subprocess.Popen(
        [sys.executable, "-m", "llama_cpp.server", "--model", str(gguf), "--model_alias", MODEL,
         "--host", "127.0.0.1", "--port", str(port), "--n_threads", "2", "--n_ctx", "4096"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/v1"
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url + "/models", timeout=2):
                break
        except OSError:
            time.sleep(0.3)
    else:
        process.terminate()
        pytest.fail("llama_cpp.server did not start within 180 s")
    yield url
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


def test_http_backend_turns_on_light(server_url: str, tmp_path: Path) -> None:
    config = _config(tmp_path, server_url)
    intent = HttpUnderstanding(config).understand("please switch the kitchen light on")

    assert intent.source == "llm"
    assert intent.action is Action.TURN_ON
    assert intent.device_ids == ("kitchen_light",)


def test_http_backend_unknown_device(server_url: str, tmp_path: Path) -> None:
    config = _config(tmp_path, server_url)
    intent = HttpUnderstanding(config).understand("turn on the garage disco ball")
    plan = plan_intent(intent, config, StateStore())

    assert plan.commands == ()


def test_http_backend_server_down(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}/v1"
    config = _config(tmp_path, url)

    with pytest.raises(UnderstandingError) as raised:
        HttpUnderstanding(config).understand("turn on the kitchen light")

    assert url in raised.value.user_message("en")
