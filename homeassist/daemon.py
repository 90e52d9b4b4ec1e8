"""The long-running assistant: signals, configuration reload and systemd notification."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import Callable
from pathlib import Path

from homeassist.assistant import Assistant, TurnResult
from homeassist.audio.sink import AudioSink
from homeassist.audio.source import AudioSource
from homeassist.config import Config, load_config
from homeassist.errors import HomeassistError
from homeassist.service import notify, watchdog_interval_s, watchdog_loop

logger = logging.getLogger(__name__)

SHUTDOWN_TIMEOUT_S = 15.0  # the turn in progress gets this long to finish after SIGTERM


async def run_daemon(config: Config, config_path: Path, source: AudioSource, sink: AudioSink,
                     connect_timeout_s: float,
                     on_turn: Callable[[TurnResult], None] | None = None) -> list[TurnResult]:
    """Run the assistant until the source ends or SIGTERM/SIGINT arrives.

    SIGHUP reloads `config_path`; a configuration that fails validation or
    whose models fail to load is logged and the running one stays.
    """
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    assistant = Assistant(config)
    await assistant.start()
    if not await assistant.wait_connected(connect_timeout_s):
        logger.warning("MQTT broker not connected yet; commands are reported as failed until it is")

    def on_stop(signal_number: int) -> None:
        logger.info("received %s: finishing the current turn, then stopping", signal.Signals(signal_number).name)
        assistant.request_stop()
        stop.set()

    def on_reload() -> None:
        try:
            new_config, _ = load_config(config_path)
        except HomeassistError as error:
            logger.error("SIGHUP: new configuration rejected, keeping the running one: %s", error)
            return
        logger.info("SIGHUP: configuration %s is valid; applying it between turns", config_path)
        assistant.request_reload(new_config)

    for signal_number in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signal_number, on_stop, signal_number)
    loop.add_signal_handler(signal.SIGHUP, on_reload)

    watchdog: asyncio.Task[None] | None = None
    if (interval_s := watchdog_interval_s()) is not None:
        watchdog = asyncio.create_task(watchdog_loop(interval_s), name="systemd-watchdog")
    notify("READY=1")
    notify("STATUS=listening")
    logger.info("ready: listening for the wake word %s", config.wake_word.model)

    audio = asyncio.create_task(assistant.run_audio(source, sink, on_turn), name="audio-pipeline")
    stopper = asyncio.create_task(stop.wait(), name="stop-signal")
    results: list[TurnResult] = []
    try:
        await asyncio.wait({audio, stopper}, return_when=asyncio.FIRST_COMPLETED)
        notify("STOPPING=1")
        if not assistant.in_turn:
            # No command is being processed (in_turn is False), so cancelling loses none. The
            # pipeline may be waiting for the microphone, which would otherwise delay the stop.
            audio.cancel()
        # Otherwise run_audio returns once the turn in progress has finished.
        done, _ = await asyncio.wait({audio}, timeout=SHUTDOWN_TIMEOUT_S)
        if audio in done and audio.cancelled():
            logger.info("stopped between turns; a command still being spoken, if any, was dropped")
        elif audio in done:
            results = audio.result()
        else:
            logger.warning("the current turn did not finish within %.0f s; cancelling it", SHUTDOWN_TIMEOUT_S)
            audio.cancel()
            await asyncio.wait({audio}, timeout=5)
    finally:
        stopper.cancel()
        if watchdog is not None:
            watchdog.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await watchdog
        for signal_number in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            loop.remove_signal_handler(signal_number)
        await assistant.stop()
        logger.info("stopped")
    return results
