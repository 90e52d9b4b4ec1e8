"""Audio chunks that carry their own format, and conversion to 16 kHz mono."""

from __future__ import annotations

from dataclasses import dataclass
from math import gcd

import numpy as np
from numpy.typing import NDArray
from scipy.signal import resample_poly

PIPELINE_RATE_HZ = 16000
FRAME_SAMPLES = 1280  # 80 ms at 16 kHz, the frame openWakeWord expects

Pcm = NDArray[np.int16]  # mono 16-bit samples


@dataclass(frozen=True)
class AudioChunk:
    """Mono 16-bit PCM samples with their rate and the stream time of the first sample."""

    samples: NDArray[np.int16]
    sample_rate_hz: int
    start_s: float = 0.0

    @property
    def duration_s(self) -> float:
        return len(self.samples) / self.sample_rate_hz


def to_mono_int16(data: NDArray[np.float32] | NDArray[np.float64], rate_hz: int,
                  target_rate_hz: int = PIPELINE_RATE_HZ) -> NDArray[np.int16]:
    """Mix float samples in [-1, 1] (frames × channels, or 1-D) to mono and resample."""
    mono = data.mean(axis=1) if data.ndim == 2 else data
    if rate_hz != target_rate_hz:
        divisor = gcd(rate_hz, target_rate_hz)
        mono = resample_poly(mono, target_rate_hz // divisor, rate_hz // divisor)
    clipped = np.clip(mono * 32767.0, -32768, 32767)
    return clipped.astype(np.int16)


def int16_to_float(samples: NDArray[np.int16]) -> NDArray[np.float32]:
    return (samples.astype(np.float32) / 32768.0).astype(np.float32)
