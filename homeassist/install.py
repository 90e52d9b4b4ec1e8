"""`homeassist service install`: put the systemd unit and a configuration in place."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

from homeassist.config import EXAMPLE_CONFIG, Config
from homeassist.i18n import Language, translate
from homeassist.modelstore import REPOSITORY_ROOT

UNIT_TEMPLATE = REPOSITORY_ROOT / "systemd" / "homeassist.service"
DEFAULT_EXEC = "/opt/homeassist/venv/bin/homeassist"


def installed_command() -> Path:
    """Return the `homeassist` script next to the running interpreter."""
    candidate = Path(sys.executable).parent / "homeassist"
    if candidate.is_file():
        return candidate
    found = shutil.which("homeassist")
    return Path(found) if found else candidate


def install_service(config: Config, root: Path, language: Language) -> int:
    """Write the unit and, when none exists, a configuration under `root` ("/" on a real system)."""
    unit_path = root / "etc" / "systemd" / "system" / "homeassist.service"
    config_path = root / "etc" / "homeassist" / "config.yaml"
    unit = UNIT_TEMPLATE.read_text(encoding="utf-8").replace(DEFAULT_EXEC, str(installed_command()))
    unit_path.parent.mkdir(parents=True, exist_ok=True)
    unit_path.write_text(unit, encoding="utf-8")
    print(translate("service_unit_written", language, path=unit_path))
    if config_path.exists():
        print(translate("service_config_kept", language, path=config_path))
    else:
        example = EXAMPLE_CONFIG.read_text(encoding="utf-8")
        models_line = f"models_dir: {json.dumps(str(config.models_dir))}\n"
        text = example.replace("\nlog_level:", "\n" + models_line + "log_level:", 1)
        config_path.parent.mkdir(parents=True, exist_ok=True)
        config_path.write_text(text, encoding="utf-8")
        print(translate("service_config_written", language, path=config_path))
    print(translate("service_next_steps", language))
    return 0
