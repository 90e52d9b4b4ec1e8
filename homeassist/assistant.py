"""The assistant: loads every stage, then runs turns from text or audio."""

from __future__ import annotations

import asyncio
import json
import logging
import re
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from homeassist.act.bridge import DeviceBridge
from homeassist.act.plan import Plan, plan_intent
from homeassist.audio.format import AudioChunk
from homeassist.audio.sink import AudioSink
from homeassist.audio.source import AudioSource
from homeassist.config import Config
from homeassist.endpoint import Endpointer, EndReason, Utterance
from homeassist.errors import HomeassistError
from homeassist.i18n import Language, translate
from homeassist.modelstore import load_manifest, require_model
from homeassist.personal.assistant import PersonalAssistant, SmallTalkFunction
from homeassist.personal.clock import SystemClock
from homeassist.personal.conversation import HttpChatModel, LlmSmallTalk, make_speakable
from homeassist.personal.replies import Announcement, PersonalReply
from homeassist.personal.store import DATABASE_NAME
from homeassist.reply import CommandResult, build_reply
from homeassist.state import StateStore
from homeassist.stt import SpeechToText, Transcript, is_hallucination
from homeassist.tts import TextToSpeech, split_sentences
from homeassist.understand.intent import Action, Intent
from homeassist.understand.llm import LlamaUnderstanding
from homeassist.understand.router import Understanding, detect_language, load_llm
from homeassist.wake import WakeDetection, WakeWordDetector

logger = logging.getLogger(__name__)

# Questions only the internet can answer; they get a fixed reply instead of the model's guess.
NEEDS_INTERNET = re.compile(
    r"\b(?:weather|forecast|rain|snow|news|headlines|stock|score)\b|天气|下雨|下雪|气温|预报|新闻|股票|比分",
    re.IGNORECASE)

T = TypeVar("T")


@dataclass
class TurnResult:
    """Record of one turn: transcript, decision, MQTT results and reply, with per-stage latency in seconds."""

    transcript: str
    language: Language
    intent: Intent | None = None
    plan: Plan | None = None
    results: list[CommandResult] = field(default_factory=list)
    reply: str = ""
    reply_audio: Path | None = None
    ended_quietly: str | None = None  # why no reply was given (no speech, noise, ...)
    timings: dict[str, float] = field(default_factory=dict)

    def summary(self) -> dict[str, Any]:
        """Return one JSON-ready record of the turn for logs and the CLI."""
        return {
            "transcript": self.transcript,
            "language": self.language,
            "action": None if self.intent is None else {
                "action": self.plan.action.value if self.plan else self.intent.action.value,
                "devices": list(self.plan.device_ids if self.plan else self.intent.device_ids),
                "value": self.plan.value if self.plan else self.intent.value,
                "source": self.intent.source,
            },
            "mqtt": [{"topic": r.command.topic, "payload": r.command.payload, "published": r.published,
                      "status": r.status.value}
                     for r in self.results],
            "reply": self.reply,
            "reply_audio": str(self.reply_audio) if self.reply_audio else None,
            "ended_quietly": self.ended_quietly,
            "timings_ms": {k: round(v * 1000, 1) for k, v in self.timings.items()},
        }


class Assistant:
    """Every stage loaded and checked before the first frame; turns run one at a time."""

    def __init__(self, config: Config, *, audio: bool = True, llm: bool = True, tts: bool = True) -> None:
        self.config = config
        self.want_audio = audio
        self.want_llm = llm
        self.want_tts = tts
        self.states = StateStore()
        self.wake: WakeWordDetector | None = None
        self.endpointer: Endpointer | None = None
        self.stt: SpeechToText | None = None
        self.tts: TextToSpeech | None = None
        self.understanding: Understanding | None = None
        self.bridge = DeviceBridge(config, self.states)
        # Frames are scored in order on one thread; Whisper and the LLM share another.
        self._audio_executor = ThreadPoolExecutor(1, thread_name_prefix="audio-frontend")
        self._inference_executor = ThreadPoolExecutor(1, thread_name_prefix="inference")
        self._stop_requested = False
        self._background: set[asyncio.Task[None]] = set()
        self.in_turn = False  # True while a heard command is being processed
        self._pending_config: Config | None = None
        # Seconds of compute per wake-word frame, newest last, for the benchmark.
        self.wake_frame_times: deque[float] = deque(maxlen=100_000)
        self.personal: PersonalAssistant | None = None
        self._announcer: asyncio.Task[None] | None = None
        self._sink: AudioSink | None = None  # where announcements are spoken; set by run_audio
        self._speaking = asyncio.Lock()  # a reply and an announcement never talk over each other
        # Called with every announcement, for front ends without a speaker (the chat command).
        self.on_announcement: Callable[[Announcement], None] | None = None

    async def _in_thread(self, executor: ThreadPoolExecutor, function: Callable[..., T], *args: Any) -> T:
        return await asyncio.get_running_loop().run_in_executor(executor, function, *args)

    def _load_models(self, config: Config, previous: Config | None) -> dict[str, Any]:
        """Verify and load the models `config` needs (blocking).

        With `previous`, only stages whose configuration changed are loaded
        again. Returns the new stage objects; nothing is swapped in here, so a
        failure leaves the running assistant untouched.
        """
        manifest = load_manifest()
        models_dir = config.models_dir
        loaded: dict[str, Any] = {}

        def changed(section: str) -> bool:
            """Return True when the stage configured by `section` must be loaded (again)."""
            if previous is None or previous.models_dir != models_dir:
                return True
            return bool(getattr(previous, section) != getattr(config, section))

        if self.want_llm:
            if changed("llm"):
                loaded["llm"] = load_llm(config)
            else:
                llm = self.understanding.llm if self.understanding else None
                if llm is not None:
                    llm.configure(config)
                loaded["llm"] = llm
        loaded["understanding"] = Understanding(config, loaded.get("llm"))
        if self.want_audio:
            if changed("wake_word"):
                loaded["wake"] = WakeWordDetector(config.wake_word, require_model(models_dir, "openwakeword", manifest))
            if changed("end_of_speech"):
                vad_dir = require_model(models_dir, "silero-vad", manifest)
                loaded["endpointer"] = Endpointer(config.end_of_speech,
                                                  vad_dir / manifest["silero-vad"].files[0].path)
            if changed("speech_to_text"):
                stt_dir = require_model(models_dir, config.speech_to_text.model, manifest)
                loaded["stt"] = SpeechToText(config.speech_to_text, stt_dir)
        if self.want_tts and changed("tts"):
            loaded["tts"] = TextToSpeech(config)
        return loaded

    def _apply(self, loaded: dict[str, Any]) -> None:
        self.understanding = loaded["understanding"]
        self.wake = loaded.get("wake", self.wake)
        self.endpointer = loaded.get("endpointer", self.endpointer)
        self.stt = loaded.get("stt", self.stt)
        self.tts = loaded.get("tts", self.tts)

    async def start(self) -> None:
        """Load the models, then connect to the broker (or start the embedded one)."""
        started = time.perf_counter()
        self._apply(await self._in_thread(self._inference_executor, self._load_models, self.config, None))
        logger.info("models loaded in %.1f s", time.perf_counter() - started)
        self.bridge.on_devices_changed = self._on_devices_changed
        await self.bridge.start()
        self.personal = PersonalAssistant(self.config, self.config.state_dir / DATABASE_NAME, SystemClock(),
                                          self.states, self._small_talk(), self.config.personal)
        self._announcer = asyncio.create_task(self.personal.run(self._announce), name="personal-announcements")

    def _on_devices_changed(self, devices: list[Any]) -> None:
        """Rebuild understanding when discovery adds or removes devices, so new names are understood."""
        task = asyncio.get_running_loop().create_task(self._rebuild_understanding(), name="rebuild-understanding")
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    async def _rebuild_understanding(self) -> None:
        merged = self.bridge.merged_config()
        llm = self.understanding.llm if self.understanding else None

        def build() -> Understanding:
            if llm is not None:
                llm.configure(merged)
            return Understanding(merged, llm)

        # On the inference thread, so it never runs in the middle of an understanding call.
        self.understanding = await self._in_thread(self._inference_executor, build)
        logger.info("understanding rebuilt for %d devices", len(merged.devices))

    def _small_talk(self) -> SmallTalkFunction | None:
        """Return the chat callable for the configured LLM, or None when no LLM is loaded."""
        llm = self.understanding.llm if self.understanding else None
        settings = self.config.llm
        if isinstance(llm, LlamaUnderstanding):
            return LlmSmallTalk(llm.model, max_tokens=settings.max_tokens)
        if llm is not None and settings.backend == "openai":
            server = HttpChatModel(settings.url, settings.model, settings.api_key, settings.timeout_s)
            return LlmSmallTalk(server, max_tokens=settings.max_tokens)
        return None

    async def reload(self, config: Config) -> None:
        """Switch to a new, already validated configuration between turns.

        Stages whose settings did not change keep their loaded models. When
        loading fails, the old configuration stays in force and the error is
        raised to the caller.
        """
        previous = self.config
        loaded = await self._in_thread(self._inference_executor, self._load_models, config, previous)
        if previous.mqtt != config.mqtt or previous.devices != config.devices:
            await self.bridge.stop()
            self.bridge = DeviceBridge(config, self.states)
            self.bridge.on_devices_changed = self._on_devices_changed
            await self.bridge.start()
        self.config = config
        self._apply(loaded)
        if self.personal is not None:
            self.personal.configure(config, config.personal)
            self.personal.small_talk = self._small_talk()
        logger.info("configuration reloaded")

    async def wait_connected(self, timeout_s: float) -> bool:
        return await self.bridge.wait_connected(timeout_s)

    async def stop(self) -> None:
        if self._announcer is not None:
            self._announcer.cancel()
            await asyncio.wait([self._announcer], timeout=5.0)
        if self.personal is not None:
            self.personal.close()
        await self.bridge.stop()
        self._audio_executor.shutdown(wait=False, cancel_futures=True)
        self._inference_executor.shutdown(wait=False, cancel_futures=True)

    # Text turns

    async def handle_text(self, text: str, language: Language | None = None,
                          result: TurnResult | None = None) -> TurnResult:
        """Understand `text`, act on it and build the reply text (no audio)."""
        assert self.understanding is not None
        language = language or ("zh" if detect_language(text) == "zh" else "en")
        result = result or TurnResult(text, language)
        received = time.perf_counter()
        if self.personal is not None:
            personal = await self._in_thread(self._inference_executor, self.personal.handle, text, language)
            if personal is not None:
                result.timings["understand"] = time.perf_counter() - received
                return await self._personal_turn(personal, result)
        understood = await self._in_thread(self._inference_executor, self.understanding.understand, text)
        result.timings["understand"] = understood.elapsed_s
        intent = understood.intent
        if self.personal is not None and not intent.device_ids and not intent.ambiguous and (
                intent.action is Action.ANSWER or (intent.action is Action.NONE and intent.source == "llm")):
            # Not a home command: chat, kept short and free of device claims.
            if NEEDS_INTERNET.search(text):
                # A local model can only invent the weather or the news, and it did.
                result.intent, result.reply = intent, translate("reply_no_internet", language)
                return result
            spoken = make_speakable(intent.answer or "", language)
            if not spoken:
                chat = await self._in_thread(self._inference_executor, self.personal.converse, text, language)
                spoken = chat.text
            result.intent, result.reply = intent, spoken
            return result
        devices = self.bridge.merged_config()  # configured devices plus discovered ones
        plan = plan_intent(intent, devices, self.states)
        result.intent, result.plan = intent, plan
        acted = time.perf_counter()
        result.results = await self.bridge.execute(plan)
        if plan.commands:
            result.timings["publish"] = time.perf_counter() - acted
            result.timings["transcript_to_publish"] = time.perf_counter() - received
        result.reply = build_reply(intent, plan, result.results, devices, self.states, language)
        return result

    async def _personal_turn(self, personal: PersonalReply, result: TurnResult) -> TurnResult:
        """Finish a turn the personal assistant took: run its device command, if any, and build the reply."""
        if personal.stop_speaking:
            result.ended_quietly = "stopped by the user"
            return result
        result.reply = personal.text
        if personal.intent is not None:
            devices = self.bridge.merged_config()
            plan = plan_intent(personal.intent, devices, self.states)
            result.intent, result.plan = personal.intent, plan
            acted = time.perf_counter()
            result.results = await self.bridge.execute(plan)
            if plan.commands:
                result.timings["publish"] = time.perf_counter() - acted
            done = build_reply(personal.intent, plan, result.results, devices, self.states, result.language)
            separator = " " if result.language == "en" else ""
            result.reply = separator.join(part for part in (personal.text, done) if part)
        return result

    async def _announce(self, announcement: Announcement) -> None:
        """Speak a timer, alarm, reminder, missed-item or suggestion announcement."""
        logger.info("announcement (%s): %s", announcement.kind, announcement.text)
        if self.on_announcement is not None:
            self.on_announcement(announcement)
        sink, tts, personal = self._sink, self.tts, self.personal
        if sink is None or tts is None or personal is None:
            return
        async with self._speaking:
            if announcement.ring:
                await sink.play(personal.chime)
            chunk: AudioChunk = await asyncio.to_thread(tts.synthesize, announcement.text, announcement.language)
            await sink.play(chunk)
            await sink.end_reply()

    async def speak(self, result: TurnResult, sink: AudioSink, since: float) -> None:
        """Speak `result.reply` sentence by sentence into `sink`."""
        if self.tts is None or not result.reply:
            return
        tts = self.tts
        async with self._speaking:
            for index, sentence in enumerate(split_sentences(result.reply)):
                chunk: AudioChunk = await asyncio.to_thread(tts.synthesize, sentence, result.language)
                if index == 0:
                    result.timings["to_first_audio"] = time.perf_counter() - since
                await sink.play(chunk)
            result.reply_audio = await sink.end_reply()

    # Audio turns

    def request_stop(self) -> None:
        """Stop `run_audio` after the turn in progress, if any, has finished."""
        self._stop_requested = True

    def request_reload(self, config: Config) -> None:
        """Switch to `config` at the next point where no command is being heard."""
        self._pending_config = config

    async def _apply_pending_reload(self) -> None:
        config, self._pending_config = self._pending_config, None
        if config is None:
            return
        try:
            await self.reload(config)
        except HomeassistError as error:
            logger.error("configuration reload failed, keeping the old one: %s", error)

    async def run_audio(self, source: AudioSource, sink: AudioSink,
                        on_turn: Callable[[TurnResult], None] | None = None) -> list[TurnResult]:
        """Run wake word → end of speech → turn for every command in `source`.

        Returns when the source ends or after `request_stop`.
        """
        assert self.wake is not None and self.endpointer is not None
        self._sink = sink
        await self._in_thread(self._audio_executor, self.wake.begin_stream)
        frames_kept = max(1, round(self.config.wake_word.pre_roll_s / 0.08))
        pre_roll: deque[AudioChunk] = deque(maxlen=frames_kept)
        detection: WakeDetection | None = None
        detected_at = 0.0
        wake_compute_s = 0.0
        results: list[TurnResult] = []
        end_s = 0.0
        async for chunk in source.chunks():
            if self._stop_requested:
                break
            end_s = chunk.start_s + chunk.duration_s
            if detection is None:
                if self.bridge.presence.muted:
                    continue  # muted from Home Assistant: hear nothing until unmuted
                if self._pending_config is not None:
                    await self._apply_pending_reload()
                    pre_roll = deque(pre_roll, maxlen=max(1, round(self.config.wake_word.pre_roll_s / 0.08)))
                assert self.wake is not None and self.endpointer is not None
                scored = time.perf_counter()
                detection = await self._in_thread(self._audio_executor, self.wake.process, chunk)
                wake_compute_s = time.perf_counter() - scored
                self.wake_frame_times.append(wake_compute_s)
                pre_roll.append(chunk)
                if detection is not None:
                    detected_at = time.perf_counter()
                    logger.info("wake word %s (score %.2f) at %.2f s", detection.model, detection.score,
                                detection.at_s)
                    await self._in_thread(self._audio_executor, self.endpointer.start, list(pre_roll),
                                          detection.at_s)
                    pre_roll.clear()
                continue
            assert self.wake is not None and self.endpointer is not None
            utterance = await self._in_thread(self._audio_executor, self.endpointer.process, chunk)
            if utterance is not None:
                results.append(await self._audio_turn(utterance, detection, detected_at, wake_compute_s,
                                                      sink, on_turn))
                await self._in_thread(self._audio_executor, self.wake.reset)
                detection = None
        # A command still being spoken when a stop arrives is dropped, never acted on half-heard.
        if detection is not None and self.endpointer is not None and not self._stop_requested:
            utterance = self.endpointer.finish_input(end_s)
            results.append(await self._audio_turn(utterance, detection, detected_at, wake_compute_s, sink,
                                                  on_turn))
        return results

    async def _audio_turn(self, utterance: Utterance, detection: WakeDetection, detected_at: float,
                          wake_compute_s: float, sink: AudioSink,
                          on_turn: Callable[[TurnResult], None] | None) -> TurnResult:
        assert self.stt is not None and self.understanding is not None
        self.in_turn = True
        try:
            return await self._process_turn(utterance, detection, detected_at, wake_compute_s, sink, on_turn)
        finally:
            self.in_turn = False

    async def _process_turn(self, utterance: Utterance, detection: WakeDetection, detected_at: float,
                            wake_compute_s: float, sink: AudioSink,
                            on_turn: Callable[[TurnResult], None] | None) -> TurnResult:
        assert self.stt is not None and self.understanding is not None
        speech_ended = time.perf_counter()
        logger.info("end of command (%s) after %.2f s of speech", utterance.reason.value, utterance.speech_s)
        result = TurnResult("", self.config.language)
        result.timings["wake_frame"] = wake_compute_s
        result.timings["command_audio"] = len(utterance.samples) / 16000
        try:
            if utterance.reason is EndReason.NO_SPEECH:
                result.ended_quietly = "no speech after the wake word"
            else:
                transcript: Transcript = await self._in_thread(self._inference_executor, self.stt.transcribe,
                                                               utterance.samples)
                result.timings["end_of_speech_to_transcript"] = time.perf_counter() - speech_ended
                result.transcript, result.language = transcript.text, transcript.language
                text = self.understanding.strip_wake_phrase(transcript.text)
                if is_hallucination(text):
                    result.ended_quietly = "no command in the audio"
                else:
                    await self.handle_text(text, transcript.language, result)
                    if result.results:
                        result.timings["end_of_speech_to_publish"] = time.perf_counter() - speech_ended
                    await self.speak(result, sink, speech_ended)
        except HomeassistError as error:
            logger.error("turn failed at %s: %s", error.code, error)
            result.reply = error.user_message(result.language)
        log_turn(result)
        if result.transcript:
            await self.bridge.publish_transcript(result.transcript)
        if on_turn is not None:
            on_turn(result)
        return result


def log_turn(result: TurnResult) -> None:
    """Write the one log line per turn."""
    logger.info("turn %s", json.dumps(result.summary(), ensure_ascii=False))

