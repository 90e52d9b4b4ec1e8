"""`homeassist doctor`: check everything the assistant needs and report it in the user's language."""

from __future__ import annotations

import asyncio
import shutil
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from homeassist.config import Config
from homeassist.errors import HomeassistError
from homeassist.i18n import Language, translate
from homeassist.modelstore import load_manifest, require_model

MIN_FREE_BYTES = 512 * 2**20
BROKER_TIMEOUT_S = 5.0


@dataclass(frozen=True)
class Check:
    name_key: str
    healthy: bool
    detail: str


def _audio_checks(language: Language) -> list[Check]:
    try:
        import sounddevice
    except OSError as error:  # libportaudio2 missing
        detail = translate("doctor_portaudio_missing", language, detail=error)
        return [Check("doctor_microphone", False, detail), Check("doctor_speaker", False, detail)]
    checks = []
    for kind, key in (("input", "doctor_microphone"), ("output", "doctor_speaker")):
        try:
            device = sounddevice.query_devices(kind=kind)
            checks.append(Check(key, True, str(device["name"])))
        except (sounddevice.PortAudioError, ValueError) as error:
            checks.append(Check(key, False, translate("doctor_no_device", language, detail=error)))
    return checks


def _model_checks(config: Config, language: Language) -> list[Check]:
    manifest = load_manifest()
    needed = ["openwakeword", "silero-vad", config.speech_to_text.model]
    if config.llm.backend == "llama_cpp":
        needed.append(config.llm.model)
    needed += [v.voice for v in (config.tts.en, config.tts.zh) if v.engine == "piper" and v.voice in manifest]
    checks = []
    for model_id in dict.fromkeys(needed):
        try:
            path = require_model(config.models_dir, model_id, manifest)
            checks.append(Check("doctor_model", True, f"{model_id}: {path}"))
        except HomeassistError as error:
            checks.append(Check("doctor_model", False, f"{model_id}: {error.user_message(language)}"))
    wake_file = config.models_dir / "openwakeword" / f"{config.wake_word.model}.tflite"
    if not wake_file.is_file():
        checks.append(Check("doctor_model", False, translate("model_file_missing", language, path=wake_file,
                                                               command="homeassist models install openwakeword")))
    for section, voice in (("en", config.tts.en), ("zh", config.tts.zh)):
        if voice.engine == "espeak-ng" and shutil.which("espeak-ng") is None:
            checks.append(Check("doctor_model", False, translate("espeak_missing", language)))
        if voice.engine == "piper" and voice.voice not in manifest and not Path(voice.voice).is_file():
            checks.append(Check("doctor_model", False, translate("voice_unknown", language, voice=voice.voice,
                                                                   section=section)))
    if config.llm.backend == "openai":
        try:
            with urllib.request.urlopen(config.llm.url.rstrip("/") + "/models", timeout=BROKER_TIMEOUT_S):
                checks.append(Check("doctor_llm_server", True, config.llm.url))
        except OSError as error:
            checks.append(Check("doctor_llm_server", False, f"{config.llm.url}: {error}"))
    return checks


async def _broker_check(config: Config, language: Language) -> Check:
    import aiomqtt

    from homeassist.act.mqtt import _tls_context as tls_context

    if config.mqtt.host is None:
        return Check("doctor_broker", True, translate("doctor_embedded_broker", language))
    address = f"{config.mqtt.host}:{config.mqtt.port}"
    try:
        client = aiomqtt.Client(config.mqtt.host, config.mqtt.port, username=config.mqtt.username,
                                password=config.mqtt.password, identifier=f"{config.mqtt.client_id}-doctor",
                                timeout=BROKER_TIMEOUT_S, tls_context=tls_context(config.mqtt))
        async with asyncio.timeout(BROKER_TIMEOUT_S * 2):
            async with client:
                pass
    except (aiomqtt.MqttError, TimeoutError, OSError) as error:
        return Check("doctor_broker", False, f"{address}: {error}")
    return Check("doctor_broker", True, address)


def _disk_check(config: Config, language: Language) -> Check:
    directory = config.state_dir
    probe = directory
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    free = shutil.disk_usage(probe).free
    detail = translate("doctor_free_space", language, directory=directory, free_mib=free // 2**20)
    return Check("doctor_disk", free >= MIN_FREE_BYTES, detail)


def run_doctor(config: Config, config_path: Path) -> int:
    """Print one line per check; return 0 when every check passed, else 1."""
    language = config.language
    checks = [Check("doctor_config", True, str(config_path))]
    checks += _audio_checks(language)
    checks += _model_checks(config, language)
    checks.append(asyncio.run(_broker_check(config, language)))
    checks.append(_disk_check(config, language))
    for check in checks:
        mark = "OK  " if check.healthy else "FAIL"
        print(f"[{mark}] {translate(check.name_key, language)}: {check.detail}")
    healthy = all(c.healthy for c in checks)
    print(translate("doctor_healthy" if healthy else "doctor_unhealthy", language))
    return 0 if healthy else 1
