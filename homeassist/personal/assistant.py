"""The personal-assistant facade: one object the voice assistant consults before its device path."""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Awaitable, Callable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from homeassist.config import Config
from homeassist.i18n import Language, translate
from homeassist.personal.clock import Clock
from homeassist.personal.memory import PreferenceMemory, second_person
from homeassist.personal.parse import parse
from homeassist.personal.replies import Announcement, PersonalReply
from homeassist.personal.requests import (
    AdjustTimer,
    ApplyPreference,
    CancelTimer,
    ClockQuestion,
    CreateReminder,
    DeleteReminder,
    Forget,
    ListSchedule,
    PauseTimer,
    RecallMemory,
    Remember,
    Reply,
    Request,
    ResumeTimer,
    SensorQuestion,
    SmallTalk,
    Snooze,
    StartTimer,
    Stop,
    TimerStatus,
)
from homeassist.personal.schedule import Schedule
from homeassist.personal.sensors import SensorReader
from homeassist.personal.settings import PersonalConfig, check_rules
from homeassist.personal.spoken import say_clock_time, say_date, say_number
from homeassist.personal.store import PersonalStore
from homeassist.personal.suggestions import SuggestionEngine
from homeassist.personal.text import prepare
from homeassist.state import StateStore
from homeassist.understand.intent import Action, Intent

if TYPE_CHECKING:
    from homeassist.audio.format import AudioChunk

logger = logging.getLogger(__name__)

SmallTalkFunction = Callable[[str, Language], str]


class PersonalAssistant:
    """Timers, alarms, reminders, preferences, sensor readings, suggestions and small talk.

    `handle` and `converse` block (SQLite, and the LLM for small talk): call
    them from the inference worker thread. A lock serialises them with the
    announcement polling, which may run in another thread. Everything the user
    set up lives in the SQLite file at `db_path`, so it survives a restart.
    """

    def __init__(self, config: Config, db_path: Path, clock: Clock, states: StateStore,
                 small_talk: SmallTalkFunction | None = None, settings: PersonalConfig | None = None) -> None:
        self.config = config
        self.settings = settings or PersonalConfig()
        check_rules(self.settings, config)
        self.clock = clock
        self.small_talk = small_talk
        self._lock = threading.RLock()
        self.store = PersonalStore(db_path)
        self.schedule = Schedule(self.store, clock, self.settings)
        self.memory = PreferenceMemory(self.store, clock, config)
        self.sensors = SensorReader(config, states)
        self.suggestions = SuggestionEngine(config, self.settings, states, clock, config.language)
        # Collected now, before any polling, so nothing that fell due while stopped is announced as on time.
        self._missed = self.schedule.take_missed(config.language)

    def configure(self, config: Config, settings: PersonalConfig | None = None) -> None:
        """Switch to a new configuration; timers, reminders and preferences are kept."""
        settings = settings or self.settings
        check_rules(settings, config)
        self.config = config
        self.settings = settings
        self.schedule.settings = settings
        self.memory.configure(config)
        self.sensors.configure(config)
        self.suggestions = SuggestionEngine(config, settings, self.sensors.states, self.clock, config.language)

    def close(self) -> None:
        self.store.close()

    # Requests

    def handle(self, text: str, language: Language) -> PersonalReply | None:
        """Return the reply to `text` when it is a personal-assistant request, else None for the device path."""
        request = parse(text, self.clock.now().date())
        if request is None:
            return None
        logger.debug("personal request %s", request)
        if isinstance(request, SmallTalk):
            return self.converse(text, language)  # no lock: the model takes about a second
        with self._lock:
            reply = self._dispatch(request, text, language)
        if reply is not None:
            logger.info("personal %s: %s", type(request).__name__, reply.text)
        return reply

    def _dispatch(self, request: Request, text: str, language: Language) -> PersonalReply | None:
        if isinstance(request, Stop):
            self.schedule.stop_ringing()
            self.suggestions.pending = None
            return PersonalReply("", language, stop_speaking=True)
        if isinstance(request, Snooze):
            return PersonalReply(self.schedule.snooze(request.seconds, language), language)
        if isinstance(request, Reply):
            return self._answer_suggestion(request.yes, language)
        if isinstance(request, StartTimer | TimerStatus | AdjustTimer | PauseTimer | ResumeTimer | CancelTimer):
            return PersonalReply(self.schedule.handle_timer(request, language), language)
        if isinstance(request, CreateReminder | ListSchedule | DeleteReminder):
            return PersonalReply(self.schedule.handle_reminder(request, language), language)
        if isinstance(request, Remember | RecallMemory | Forget):
            return PersonalReply(self._memory(request, language), language)
        if isinstance(request, ApplyPreference):
            return self._apply_preference(request, language)
        if isinstance(request, SensorQuestion):
            place = self.sensors.place_for(prepare(text))
            if place is None:
                return None
            now_s = self.clock.now().timestamp()
            return PersonalReply(self.sensors.answer(place, request.quantity, now_s, language), language)
        assert isinstance(request, ClockQuestion)
        return PersonalReply(self._clock_answer(request, language), language)

    def converse(self, text: str, language: Language) -> PersonalReply:
        """Answer small talk or a general question through the LLM, short and in `language`."""
        if self.small_talk is None:
            return PersonalReply(translate("personal_small_talk_off", language), language)
        return PersonalReply(self.small_talk(text, language), language)

    def _answer_suggestion(self, yes: bool, language: Language) -> PersonalReply | None:
        if self.schedule.stop_ringing():
            # "OK" to a ringing timer acknowledges it.
            return PersonalReply("", language, stop_speaking=True)
        if not self.suggestions.has_pending():
            return None
        suggestion = self.suggestions.take_pending()
        if suggestion is None:
            return None
        if not yes:
            logger.info("suggestion from rule %s declined", suggestion.rule.id)
            return PersonalReply(translate("personal_suggestion_declined", language), language)
        logger.info("suggestion from rule %s accepted", suggestion.rule.id)
        return PersonalReply("", language, intent=suggestion.intent)

    def _memory(self, request: Remember | RecallMemory | Forget, language: Language) -> str:
        memory = self.memory
        if isinstance(request, Remember):
            remembered = memory.remember(request.fact, language)
            fact = second_person(remembered.preference.fact)
            if remembered.replaced is not None and remembered.replaced.temperature_c is not None:
                return translate("personal_remembered_replaced", language, fact=fact,
                                 old=say_number(remembered.replaced.temperature_c))
            return translate("personal_remembered", language, fact=fact)
        if isinstance(request, RecallMemory):
            preferences = memory.all()
            if not preferences:
                return translate("personal_memory_empty", language)
            memory.last_mentioned = preferences[-1].id
            facts = [second_person(p.fact) for p in preferences]
            separator = "; " if language == "en" else "；"
            return translate("personal_memory_list", language, facts=separator.join(facts))
        if request.everything:
            preferences = memory.all()
            for preference in preferences:
                memory.forget(preference)
            return translate("personal_forgot_all", language, count=len(preferences))
        if request.fact is None:
            target = memory.last()
            if target is None:
                return translate("personal_forget_what", language)
        else:
            target = memory.find(request.fact)
            if target is None:
                return translate("personal_forget_not_found", language)
        memory.forget(target)
        return translate("personal_forgot", language, fact=second_person(target.fact))

    def _apply_preference(self, request: ApplyPreference, language: Language) -> PersonalReply | None:
        preference, device_id = self.memory.setpoint_for(request.text)
        place = self.memory.places.find(prepare(request.text))
        if device_id is None:
            if place is None:
                return None
            name = place.name(self.config, language)
            return PersonalReply(translate("personal_preference_no_climate", language, place=name), language)
        name = place.name(self.config, language) if place else self.config.device(device_id).display_name(language)
        if preference is None or preference.temperature_c is None:
            return PersonalReply(translate("personal_preference_unknown", language, place=name), language)
        text = translate("personal_preference_applied", language, place=name,
                         value=say_number(preference.temperature_c))
        return PersonalReply(text, language, intent=Intent(Action.SET_TEMPERATURE, (device_id,),
                                                           preference.temperature_c))

    def _clock_answer(self, request: ClockQuestion, language: Language) -> str:
        now = self.clock.now()
        if request.subject == "time":
            return translate("personal_time_now", language, time=say_clock_time(now.time(), language))
        return translate("personal_date_today", language, date=say_date(now.date(), language))

    # Announcements

    @cached_property
    def chime(self) -> AudioChunk:
        """The ring to play before an announcement whose `ring` is set."""
        # Imported on first use: the audio package loads scipy (about a second), which text-only use skips.
        from homeassist.personal.chime import chime

        return chime(self.settings.chime_rate_hz)

    @property
    def ringing(self) -> bool:
        return bool(self.schedule.ringing)

    def stop_ringing(self) -> bool:
        """Silence ringing timers and alarms; returns whether anything was ringing."""
        with self._lock:
            return self.schedule.stop_ringing()

    def missed_at_startup(self) -> list[Announcement]:
        """Return, once, what fell due while the daemon was stopped."""
        missed, self._missed = self._missed, None
        return [missed] if missed is not None else []

    def due_announcements(self) -> list[Announcement]:
        """Return what to announce now, suggestions from changed sensor states included; call twice a second."""
        with self._lock:
            announcements = self.schedule.due()
            for suggestion in self.suggestions.poll():
                announcements.append(Announcement(suggestion.text, suggestion.language, "suggestion", ring=False))
        return announcements

    def on_state_change(self, device_id: str) -> Announcement | None:
        """Check the suggestion rules after `device_id` reported a new state."""
        with self._lock:
            suggestion = self.suggestions.on_state_change(device_id)
        if suggestion is None:
            return None
        return Announcement(suggestion.text, suggestion.language, "suggestion", ring=False)

    async def run(self, announce: Callable[[Announcement], Awaitable[None]], poll_s: float = 0.5) -> None:
        """Announce missed items once, then poll for due ones until cancelled.

        Run it as a named task; `announce` is awaited for each announcement in turn.
        """
        for announcement in self.missed_at_startup():
            await announce(announcement)
        while True:
            for announcement in await asyncio.to_thread(self.due_announcements):
                await announce(announcement)
            await asyncio.sleep(poll_s)
