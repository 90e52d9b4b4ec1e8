"""Speech-to-text with faster-whisper."""

from __future__ import annotations

import logging
import re
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray
from opencc import OpenCC

from homeassist.audio.format import Pcm, int16_to_float
from homeassist.config import SpeechToTextConfig
from homeassist.errors import ModelError, SpeechToTextError
from homeassist.i18n import Language

logger = logging.getLogger(__name__)

# Whisper writes Traditional characters for Mandarin unless the prompt leans it
# to Simplified; the output is converted to Simplified afterwards in any case.
CHINESE_PROMPT = "以下是普通话的句子，使用简体中文。"

# Phrases Whisper is known to invent on silence, music or noise. A transcript
# that consists only of these is dropped.
_HALLUCINATIONS = (
    "thank you for watching", "thanks for watching", "thank you", "please subscribe",
    "subscribe to my channel", "see you next time", "bye", "you",
    "字幕由", "字幕提供", "请不吝点赞", "订阅", "谢谢观看", "感谢观看", "明镜与点点栏目",
    "優優獨播劇場", "优优独播剧场", "yoyo television series exclusive",
)
# Text that compresses this well is a decoding loop ("d4 d4 d4 ..."), not speech.
MAX_COMPRESSION_RATIO = 2.4
MAX_NEW_TOKENS = 120  # a spoken command is far shorter; this bounds a runaway decode

_PUNCTUATION = re.compile(r"[\s\.,!?;:，。！？；：、…\"'“”‘’()（）\-—]+")


@dataclass(frozen=True)
class Transcript:
    text: str
    language: Language
    language_probability: float
    audio_s: float


def is_repetitive(text: str) -> bool:
    data = text.encode("utf-8")
    return len(data) > 24 and len(data) / len(zlib.compress(data)) > MAX_COMPRESSION_RATIO


def is_hallucination(text: str) -> bool:
    """Return True when `text` is empty or only a phrase Whisper invents on silence."""
    bare = _PUNCTUATION.sub(" ", text).strip().lower()
    if not bare or is_repetitive(bare):
        return True
    if any(bare == phrase or (bare.startswith(phrase) and len(bare) < len(phrase) + 3)
           for phrase in _HALLUCINATIONS):
        return True
    return any(phrase in bare for phrase in _HALLUCINATIONS if not phrase.isascii())


class SpeechToText:
    """A loaded Whisper model. `transcribe` blocks: run it in a worker thread."""

    def __init__(self, config: SpeechToTextConfig, model_dir: Path) -> None:
        from faster_whisper import WhisperModel

        self.config = config
        # Passing a name instead of a directory would make faster-whisper try a
        # model hub, so the directory is checked (by the model store) first.
        if not (model_dir / "model.bin").is_file():
            raise ModelError("model_file_missing", path=str(model_dir / "model.bin"), model=config.model,
                             command=f"homeassist models install {config.model}")
        try:
            self._model = WhisperModel(str(model_dir), device=config.device,
                                       compute_type=config.compute_type, cpu_threads=config.threads)
        except (RuntimeError, ValueError) as error:
            raise ModelError("model_load_failed", path=str(model_dir), detail=str(error),
                             command=f"homeassist models install {config.model}") from error
        self._simplify = OpenCC("t2s")
        self.multilingual = self._model.model.is_multilingual

    def transcribe(self, samples: Pcm) -> Transcript:
        audio = int16_to_float(samples)
        language = self.config.language if self.multilingual else "en"
        try:
            text, detected, probability = self._run(audio, None if language == "auto" else language)
            if detected not in ("zh", "en"):
                # Automatic detection may pick a third language for short or
                # accented speech; only Chinese and English are supported.
                language_probs = dict(self._last_info.all_language_probs or [])
                detected = "zh" if language_probs.get("zh", 0) >= language_probs.get("en", 0) else "en"
                text, _, probability = self._run(audio, detected)
        except (RuntimeError, ValueError) as error:
            raise SpeechToTextError("stt_failed", detail=str(error)) from error
        if detected == "zh":
            text = self._simplify.convert(text)
        return Transcript(text.strip(), "zh" if detected == "zh" else "en", probability,
                          len(samples) / 16000)

    def _run(self, audio: NDArray[np.float32], language: str | None) -> tuple[str, str, float]:
        segments, info = self._model.transcribe(
            audio,
            language=language,
            task="transcribe",
            beam_size=self.config.beam_size,
            temperature=0.0,  # the fallback loop over temperatures took seconds per clip
            condition_on_previous_text=False,
            initial_prompt=CHINESE_PROMPT if language == "zh" else None,
            without_timestamps=True,
            max_new_tokens=MAX_NEW_TOKENS,
            vad_filter=False,
        )
        parts: list[Any] = []
        for segment in segments:
            if segment.no_speech_prob > 0.8 and segment.avg_logprob < -1.0:
                continue
            parts.append(segment.text)
        self._last_info = info
        separator = "" if info.language == "zh" else " "
        return separator.join(p.strip() for p in parts), info.language, info.language_probability
