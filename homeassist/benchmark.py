"""Per-stage latency and peak memory of the pipeline on recorded commands."""

from __future__ import annotations

import asyncio
import resource
import statistics
import tempfile
import time
from pathlib import Path

import psutil

from homeassist.assistant import Assistant, TurnResult
from homeassist.audio.sink import WavSink
from homeassist.audio.source import FileSource
from homeassist.config import Config

DEFAULT_INPUTS = [Path(__file__).resolve().parent.parent / "samples" / "demo-commands.wav"]
STAGES = (
    ("wake_frame", "wake word, compute per 80 ms frame"),
    ("end_of_speech_to_transcript", "end of speech -> transcript"),
    ("understand", "understanding (rules or LLM)"),
    ("transcript_to_publish", "transcript -> MQTT publish"),
    ("end_of_speech_to_publish", "end of speech -> MQTT publish"),
    ("to_first_audio", "end of speech -> first reply audio"),
)


# Requests measured on the LLM path directly, bypassing the rules, in both languages.
LLM_REQUESTS = (
    "could you make it brighter in the kitchen", "我有点冷，把卧室空调调高两度",
    "switch the bedroom lamp off please", "dim the lounge light to a third", "卧室的灯现在开着吗",
    "what's a good name for a cat", "set the bedroom AC to cooling", "把客厅的灯关了吧",
    "turn on the garage disco ball", "it was a long day", "kitchen light on", "把厨房灯调到一半亮度",
)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def peak_rss_mb() -> float:
    """Peak resident memory of this process in MiB (Linux reports ru_maxrss in KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def run_benchmark(config: Config, inputs: list[Path], rounds: int, realtime: bool) -> int:
    inputs = inputs or DEFAULT_INPUTS
    started = time.perf_counter()
    assistant = Assistant(config)
    await assistant.start()
    await assistant.wait_connected(10)
    load_s = time.perf_counter() - started
    rss_loaded_mb = psutil.Process().memory_info().rss / 2**20
    turns: list[TurnResult] = []
    llm_times: list[float] = []
    try:
        with tempfile.TemporaryDirectory(prefix="homeassist-bench-") as scratch:
            for _ in range(rounds):
                for path in inputs:
                    turns += await assistant.run_audio(FileSource(path, realtime=realtime), WavSink(Path(scratch)))
        llm = assistant.understanding.llm if assistant.understanding else None
        if llm is not None:
            for request in LLM_REQUESTS:
                started = time.perf_counter()
                await asyncio.to_thread(llm.understand, request)
                llm_times.append(time.perf_counter() - started)
    finally:
        await assistant.stop()

    print(f"inputs: {', '.join(str(p) for p in inputs)}; rounds: {rounds}; realtime: {realtime}")
    print(f"turns: {len(turns)} ({sum(1 for t in turns if t.results)} with an MQTT publish)")
    print(f"start-up (load and verify every model, connect): {load_s:.1f} s")
    print(f"{'stage':44} {'n':>5} {'p50 ms':>9} {'p95 ms':>9}")
    series = {name: [t.timings[name] for t in turns if name in t.timings] for name, _ in STAGES}
    series["wake_frame"] = list(assistant.wake_frame_times)
    for name, label in STAGES:
        values = series[name]
        if not values:
            print(f"{label:44} {0:>5} {'-':>9} {'-':>9}")
            continue
        print(f"{label:44} {len(values):>5} {percentile(values, 0.5) * 1000:>9.1f} "
              f"{percentile(values, 0.95) * 1000:>9.1f}")
    if llm_times:
        print(f"{'LLM path alone, ' + str(len(LLM_REQUESTS)) + ' requests':44} {len(llm_times):>5} "
              f"{percentile(llm_times, 0.5) * 1000:>9.1f} {percentile(llm_times, 0.95) * 1000:>9.1f}")
    sources = [t.intent.source for t in turns if t.intent is not None]
    print(f"understood by rules: {sources.count('rules')}, by the LLM: {sources.count('llm')}")
    print(f"RSS after loading: {rss_loaded_mb:.0f} MiB; peak RSS: {peak_rss_mb():.0f} MiB")
    mean_audio = statistics.mean(t.timings.get("command_audio", 0.0) for t in turns) if turns else 0.0
    print(f"mean command audio per turn: {mean_audio:.2f} s")
    return 0
