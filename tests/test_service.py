"""The systemd unit and `homeassist service install`."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from homeassist.config import parse_config
from tests.test_cli import homeassist

REPOSITORY_UNIT = Path(__file__).resolve().parent.parent / "systemd" / "homeassist.service"


def test_unit_has_service_settings() -> None:
    unit = REPOSITORY_UNIT.read_text(encoding="utf-8")

    for setting in ("Type=notify", "WatchdogSec=", "Restart=on-failure", "StartLimitBurst=", "DynamicUser=yes",
                    "SupplementaryGroups=audio", "StateDirectory=homeassist", "ConfigurationDirectory=homeassist",
                    "NoNewPrivileges=yes", "ProtectSystem=strict", "ProtectHome=yes", "PrivateTmp=yes",
                    "RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6"):
        assert setting in unit, setting


def test_service_install_writes_unit_and_config(tmp_path: Path) -> None:
    completed = homeassist("service", "install", "--root", str(tmp_path), timeout_s=60)

    assert completed.returncode == 0, completed.stderr
    unit = tmp_path / "etc" / "systemd" / "system" / "homeassist.service"
    config = tmp_path / "etc" / "homeassist" / "config.yaml"
    assert unit.is_file()
    exec_start = next(line for line in unit.read_text().splitlines() if line.startswith("ExecStart="))
    assert Path(exec_start.removeprefix("ExecStart=").split()[0]).is_file()
    parsed = parse_config(config.read_text(encoding="utf-8"), config)
    assert parsed.models_dir.is_dir()
    assert "# homeassist example configuration." in config.read_text(encoding="utf-8")

    config.write_text(config.read_text(encoding="utf-8") + "\n# edited by the user\n", encoding="utf-8")
    again = homeassist("service", "install", "--root", str(tmp_path), timeout_s=60)
    assert again.returncode == 0
    assert "# edited by the user" in config.read_text(encoding="utf-8")


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed")
def test_installed_unit_passes_systemd_analyze(tmp_path: Path) -> None:
    homeassist("service", "install", "--root", str(tmp_path), timeout_s=60)
    unit = tmp_path / "etc" / "systemd" / "system" / "homeassist.service"
    completed = subprocess.run(["systemd-analyze", "verify", str(unit)], capture_output=True, text=True,
                               timeout=60, check=False)

    assert completed.returncode == 0, completed.stderr
    assert "homeassist.service" not in completed.stderr, completed.stderr
