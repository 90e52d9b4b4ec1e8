"""Text-to-speech: Piper voices, and espeak-ng for Mandarin until a Piper zh_CN voice is set."""

from __future__ import annotations

import io
import logging
import re
import shutil
import subprocess
import wave
from pathlib import Path
from typing import Protocol

import numpy as np

from homeassist.audio.format import AudioChunk
from homeassist.config import Config, VoiceConfig
from homeassist.errors import ModelError, TextToSpeechError
from homeassist.i18n import Language
from homeassist.modelstore import load_manifest, require_model

logger = logging.getLogger(__name__)

_SENTENCE_END = re.compile(r"(?<=[.!?。！？；;])\s*")
ESPEAK_TIMEOUT_S = 10.0


def split_sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


class Voice(Protocol):
    def synthesize(self, sentence: str) -> AudioChunk:
        """Speak one sentence; blocks, so call it from a worker thread."""
        ...


class PiperVoiceEngine:
    def __init__(self, onnx_path: Path, speed: float) -> None:
        from piper import PiperVoice
        from piper.config import SynthesisConfig

        try:
            self._voice = PiperVoice.load(str(onnx_path), config_path=str(onnx_path) + ".json")
        except (OSError, ValueError, RuntimeError) as error:
            raise ModelError("model_load_failed", path=str(onnx_path), detail=str(error),
                             command="homeassist models install piper-en_US-joe-medium") from error
        self._synthesis = SynthesisConfig(length_scale=1.0 / speed)

    def synthesize(self, sentence: str) -> AudioChunk:
        chunks = list(self._voice.synthesize(sentence, syn_config=self._synthesis))
        if not chunks:
            return AudioChunk(np.zeros(0, np.int16), self._voice.config.sample_rate)
        samples = np.concatenate([c.audio_int16_array for c in chunks])
        return AudioChunk(samples, chunks[0].sample_rate)


class EspeakVoiceEngine:
    """espeak-ng in a subprocess; robotic but intelligible, and it speaks Mandarin offline."""

    def __init__(self, voice: str, speed: float) -> None:
        executable = shutil.which("espeak-ng")
        if executable is None:
            raise ModelError("espeak_missing")
        self._command = [executable, "-v", voice, "-s", str(round(160 * speed)), "--stdout"]

    def synthesize(self, sentence: str) -> AudioChunk:
        try:
            result = subprocess.run([*self._command, sentence], capture_output=True, check=True,
                                    timeout=ESPEAK_TIMEOUT_S)
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
            raise TextToSpeechError("tts_failed", detail=str(error)) from error
        with wave.open(io.BytesIO(result.stdout)) as reader:
            rate_hz = reader.getframerate()
            samples = np.frombuffer(reader.readframes(reader.getnframes()), dtype=np.int16)
        return AudioChunk(samples.copy(), rate_hz)


def _load_voice(config: Config, language: Language, voice: VoiceConfig) -> Voice:
    if voice.engine == "espeak-ng":
        return EspeakVoiceEngine(voice.voice, voice.speed)
    manifest = load_manifest()
    if voice.voice in manifest:
        directory = require_model(config.models_dir, voice.voice, manifest)
        onnx = next(directory.glob("*.onnx"))
        return PiperVoiceEngine(onnx, voice.speed)
    path = Path(voice.voice)
    if path.suffix == ".onnx" and path.is_file():
        return PiperVoiceEngine(path, voice.speed)
    raise ModelError("voice_unknown", voice=voice.voice, section=language)


class TextToSpeech:
    """One voice per language, loaded at start."""

    def __init__(self, config: Config) -> None:
        self.voices: dict[Language, Voice] = {
            "en": _load_voice(config, "en", config.tts.en),
            "zh": _load_voice(config, "zh", config.tts.zh),
        }

    def synthesize(self, sentence: str, language: Language) -> AudioChunk:
        return self.voices[language].synthesize(sentence)
