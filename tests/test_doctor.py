"""`homeassist doctor` reports each check in the user's language and fails when one fails."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import Broker, example_config_dict, free_port, write_config
from tests.test_cli import homeassist


def _lines(stdout: str, label: str) -> list[str]:
    return [line for line in stdout.splitlines() if f"] {label}:" in line]


def test_doctor_reports_broker_and_models(broker: Broker, tmp_path: Path, models_installed: Path) -> None:
    data = example_config_dict(broker.port)
    data["language"] = "en"
    completed = homeassist("--config", str(write_config(tmp_path, data)), "doctor", timeout_s=60)

    assert _lines(completed.stdout, "MQTT broker") == [f"[OK  ] MQTT broker: 127.0.0.1:{broker.port}"]
    models = _lines(completed.stdout, "model")
    assert len(models) == 5
    assert all(line.startswith("[OK  ]") for line in models)
    assert _lines(completed.stdout, "configuration")[0].startswith("[OK  ]")
    assert _lines(completed.stdout, "disk space")[0].startswith("[OK  ]")
    # This machine has no sound card, so the microphone check fails and so does the whole run.
    assert _lines(completed.stdout, "microphone")[0].startswith("[FAIL]")
    assert completed.returncode == 1


def test_doctor_broker_down_and_missing_model(tmp_path: Path) -> None:
    data = example_config_dict(free_port())
    data["language"] = "en"
    data["models_dir"] = str(tmp_path / "no-models")
    completed = homeassist("--config", str(write_config(tmp_path, data)), "doctor", timeout_s=60)

    assert completed.returncode == 1
    assert _lines(completed.stdout, "MQTT broker")[0].startswith("[FAIL]")
    failed_models = [line for line in _lines(completed.stdout, "model") if line.startswith("[FAIL]")]
    assert failed_models
    assert "homeassist models install" in failed_models[0]
    assert "Some checks failed" in completed.stdout


def test_doctor_speaks_chinese(tmp_path: Path) -> None:
    data = example_config_dict(free_port())
    data["language"] = "zh"
    completed = homeassist("--config", str(write_config(tmp_path, data)), "doctor", timeout_s=60)

    assert "] 配置:" in completed.stdout
    assert "] MQTT 服务器:" in completed.stdout
    assert "部分检查未通过" in completed.stdout
