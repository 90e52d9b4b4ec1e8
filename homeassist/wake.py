"""Wake-word detection with openWakeWord (TFLite models)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from homeassist.audio.format import AudioChunk
from homeassist.config import WakeWordConfig
from homeassist.errors import ModelError

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class WakeDetection:
    model: str
    score: float
    at_s: float  # stream time of the end of the chunk that crossed the threshold


class WakeWordDetector:
    """Score each 80 ms chunk against one openWakeWord model.

    Not thread-safe: call `process` from one worker thread at a time.
    """

    def __init__(self, config: WakeWordConfig, model_dir: Path) -> None:
        from openwakeword.model import Model

        self.config = config
        model_path = model_dir / f"{config.model}.tflite"
        if not model_path.is_file():
            known = sorted(p.stem for p in model_dir.glob("*.tflite")
                           if p.stem not in ("melspectrogram", "embedding_model"))
            raise ModelError("wake_word_unknown", model=config.model, directory=str(model_dir),
                             known=", ".join(known))
        self._model = Model(
            wakeword_models=[str(model_path)],
            inference_framework="tflite",
            melspec_model_path=str(model_dir / "melspectrogram.tflite"),
            embedding_model_path=str(model_dir / "embedding_model.tflite"),
        )
        self._name = next(iter(self._model.models))
        self._quiet_until_s = 0.0

    def process(self, chunk: AudioChunk) -> WakeDetection | None:
        """Return a detection when this chunk's score crosses the threshold."""
        score = float(self._model.predict(chunk.samples)[self._name])
        end_s = chunk.start_s + chunk.duration_s
        if score < self.config.threshold or end_s < self._quiet_until_s:
            return None
        self._quiet_until_s = end_s + self.config.refractory_s
        return WakeDetection(self.config.model, score, end_s)

    def begin_stream(self) -> None:
        """Forget buffers and the refractory time before a new audio stream starts at 0 s."""
        self._model.reset()
        self._quiet_until_s = 0.0

    def reset(self) -> None:
        """Clear the model's audio buffers so the command that follows cannot re-trigger it."""
        self._model.reset()
