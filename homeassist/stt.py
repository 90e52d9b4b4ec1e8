"""Speech-to-text with faster-whisper."""

from __future__ import annotations

import logging
import re
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from faster_whisper.audio import pad_or_trim
from faster_whisper.tokenizer import Tokenizer

# generate_segments and TranscriptionOptions are internals of faster-whisper 1.2,
# whose version is pinned. Calling them lets one encoder pass serve both language
# detection and decoding, which saved about 0.55 s per command on 2 cores.
from faster_whisper.transcribe import TranscriptionOptions, get_suppressed_tokens
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
        """Transcribe one command. Blocks for about 0.6 s on 2 CPU cores with Whisper base."""
        audio = int16_to_float(samples)
        try:
            features = self._model.feature_extractor(audio)
            # The first 30-second window exactly as faster-whisper 1.2's decoder cuts it,
            # so its encoding serves both language detection and decoding.
            extractor = self._model.feature_extractor
            content_frames = features.shape[-1] - 1
            window = pad_or_trim(features[:, :min(extractor.nb_max_frames, content_frames)])
            encoder_output = self._model.encode(window)
            language, probability = self._choose_language(encoder_output)
            text = self._decode(features, encoder_output, language)
        except (RuntimeError, ValueError) as error:
            raise SpeechToTextError("stt_failed", detail=str(error)) from error
        if language == "zh":
            text = self._simplify.convert(text)
        return Transcript(text.strip(), "zh" if language == "zh" else "en", probability, len(samples) / 16000)

    def _choose_language(self, encoder_output: Any) -> tuple[str, float]:
        """Return the configured language, or the likelier of Chinese and English.

        Detection is limited to the two supported languages: unrestricted, it
        tagged a short Mandarin clip as Thai.
        """
        if not self.multilingual:
            return "en", 1.0
        if self.config.language != "auto":
            return self.config.language, 1.0
        results = self._model.model.detect_language(encoder_output)[0]
        probabilities = {token[2:-2]: probability for token, probability in results}
        chinese, english = probabilities.get("zh", 0.0), probabilities.get("en", 0.0)
        return ("zh", chinese) if chinese >= english else ("en", english)

    def _decode(self, features: NDArray[np.float32], encoder_output: Any, language: str) -> str:
        tokenizer = Tokenizer(self._model.hf_tokenizer, self.multilingual, task="transcribe", language=language)
        options = TranscriptionOptions(
            beam_size=self.config.beam_size, best_of=1, patience=1.0, length_penalty=1.0,
            repetition_penalty=1.0, no_repeat_ngram_size=0, log_prob_threshold=-1.0,
            no_speech_threshold=0.6, compression_ratio_threshold=MAX_COMPRESSION_RATIO,
            condition_on_previous_text=False, prompt_reset_on_temperature=0.5,
            temperatures=[0.0],  # the fallback loop over temperatures took seconds per clip
            initial_prompt=CHINESE_PROMPT if language == "zh" else None, prefix=None,
            suppress_blank=True, suppress_tokens=get_suppressed_tokens(tokenizer, [-1]),
            without_timestamps=True, max_initial_timestamp=1.0, word_timestamps=False,
            prepend_punctuations="\"'“¿([{-", append_punctuations="\"'.。,，!！?？:：”)]}、",
            multilingual=False, max_new_tokens=MAX_NEW_TOKENS, clip_timestamps="0",
            hallucination_silence_threshold=None, hotwords=None,
        )
        parts = []
        for segment in self._model.generate_segments(features, tokenizer, options, False, encoder_output):
            if segment.no_speech_prob > 0.8 and segment.avg_logprob < -1.0:
                continue
            parts.append(segment.text.strip())
        return ("" if language == "zh" else " ").join(parts)
