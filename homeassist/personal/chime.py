"""The ring of a finished timer or alarm: a short two-note chime synthesised with numpy."""

from __future__ import annotations

import numpy as np

from homeassist.audio.format import AudioChunk

# Two notes a fifth apart (A5 then E6), each with a soft attack and an exponential decay.
_NOTES_HZ = (880.0, 1318.5)
_NOTE_S = 0.35
_GAP_S = 0.05
_PEAK = 0.5  # of full scale, so the chime does not clip or startle


def chime(sample_rate_hz: int = 16000) -> AudioChunk:
    """Return one chime (about 0.8 s) as mono int16 samples at `sample_rate_hz` (16000 or 22050)."""
    if sample_rate_hz not in (16000, 22050):
        raise ValueError(f"chime sample rate must be 16000 or 22050 Hz, got {sample_rate_hz}")
    note_t = np.arange(int(_NOTE_S * sample_rate_hz)) / sample_rate_hz
    attack = np.minimum(1.0, note_t / 0.01)
    envelope = attack * np.exp(-note_t * 6.0)
    gap = np.zeros(int(_GAP_S * sample_rate_hz))
    parts = []
    for frequency in _NOTES_HZ:
        # The octave overtone at a third of the level gives a bell-like colour.
        tone = np.sin(2 * np.pi * frequency * note_t) + np.sin(4 * np.pi * frequency * note_t) / 3
        parts.extend([tone * envelope, gap])
    signal = np.concatenate(parts)
    signal = signal / np.max(np.abs(signal)) * _PEAK
    return AudioChunk((signal * 32767).astype(np.int16), sample_rate_hz)
