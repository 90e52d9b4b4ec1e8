"""Streaming Silero VAD (ONNX) over 512-sample windows at 16 kHz."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from homeassist.errors import ModelError

WINDOW_SAMPLES = 512
CONTEXT_SAMPLES = 64  # the model sees the last 64 samples of the previous window too
STATE_SHAPE = (1, 1, 128)


class SileroVad:
    """Speech probability per window, with the recurrent state carried between calls."""

    def __init__(self, model_path: Path) -> None:
        import onnxruntime

        options = onnxruntime.SessionOptions()
        options.inter_op_num_threads = 1
        options.intra_op_num_threads = 1
        options.log_severity_level = 4
        try:
            self._session = onnxruntime.InferenceSession(str(model_path), sess_options=options,
                                                         providers=["CPUExecutionProvider"])
        except Exception as error:  # onnxruntime raises its own untyped errors
            raise ModelError("model_load_failed", path=str(model_path), detail=str(error),
                             command="homeassist models install silero-vad") from error
        self.reset()

    def reset(self) -> None:
        self._h = np.zeros(STATE_SHAPE, np.float32)
        self._c = np.zeros(STATE_SHAPE, np.float32)
        self._context = np.zeros(CONTEXT_SAMPLES, np.float32)

    def probability(self, window: NDArray[np.float32]) -> float:
        """Return the speech probability of one window of 512 float samples in [-1, 1]."""
        if window.shape != (WINDOW_SAMPLES,):
            raise ValueError(f"Silero VAD needs {WINDOW_SAMPLES} samples, got {window.shape}")
        model_input = np.concatenate([self._context, window]).astype(np.float32)[np.newaxis, :]
        output, self._h, self._c = self._session.run(None, {"input": model_input, "h": self._h, "c": self._c})
        self._context = window[-CONTEXT_SAMPLES:].astype(np.float32)
        return float(np.asarray(output).reshape(-1)[0])
