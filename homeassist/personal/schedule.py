"""Timers, alarms and reminders as a conversation: replies, announcements and ringing."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from homeassist.i18n import Language, join_names, translate
from homeassist.personal.clock import Clock
from homeassist.personal.recurrence import Recurrence
from homeassist.personal.reminders import ReminderService
from homeassist.personal.replies import Announcement, AnnouncementKind
from homeassist.personal.requests import (
    AdjustTimer,
    CancelTimer,
    CreateReminder,
    DeleteReminder,
    ListSchedule,
    PauseTimer,
    ResumeTimer,
    StartTimer,
    TimerStatus,
)
from homeassist.personal.settings import PersonalConfig
from homeassist.personal.spoken import say_clock_time, say_day, say_duration, say_moment, say_recurrence
from homeassist.personal.store import PersonalStore, ReminderRow, TimerRow
from homeassist.personal.timers import MAX_TIMER_S, TimerChoice, TimerService
from homeassist.personal.when import first_due

logger = logging.getLogger(__name__)

TimerRequest = StartTimer | TimerStatus | AdjustTimer | PauseTimer | ResumeTimer | CancelTimer
ReminderRequest = CreateReminder | ListSchedule | DeleteReminder


@dataclass
class Ringing:
    """A timer or alarm that rings and repeats its message until stopped or `until`."""

    text: str
    language: Language
    kind: AnnouncementKind
    until: float  # epoch seconds
    next_at: float
    what: str = ""  # an alarm's purpose ("起床"), kept for a snooze


def _timer_label(timer: TimerRow, language: Language) -> str:
    return timer.name or translate("personal_timer_unnamed", language)


class Schedule:
    def __init__(self, store: PersonalStore, clock: Clock, settings: PersonalConfig) -> None:
        self.clock = clock
        self.settings = settings
        self.timers = TimerService(store, clock)
        self.reminders = ReminderService(store, clock)
        self.ringing: list[Ringing] = []

    # Timers

    def _choose(self, name: str | None, language: Language) -> TimerRow | str:
        """Return the timer a request means, or the reply that explains why there is none."""
        choice: TimerChoice = self.timers.choose(name)
        if choice.timer is not None:
            return choice.timer
        if choice.candidates:
            labels = [_timer_label(t, language) for t in choice.candidates]
            return translate("personal_timer_which", language, options=join_names(labels, language, "or"))
        if name:
            return translate("personal_timer_not_found", language, name=name)
        return translate("personal_no_timers", language)

    def _status(self, timers: list[TimerRow], language: Language) -> str:
        sentences = []
        for timer in timers:
            remaining = say_duration(self.timers.remaining_s(timer), language)
            key = "personal_timer_left_paused" if timer.paused else "personal_timer_left"
            if not timer.name and len(timers) == 1:
                key += "_unnamed"
            sentences.append(translate(key, language, name=_timer_label(timer, language), remaining=remaining))
        return (" " if language == "en" else "").join(sentences)

    def handle_timer(self, request: TimerRequest, language: Language) -> str:
        if isinstance(request, StartTimer):
            return self._start(request, language)
        if isinstance(request, TimerStatus):
            if request.name is None:
                timers = self.timers.all()
                return self._status(timers, language) if timers else translate("personal_no_timers", language)
            chosen = self._choose(request.name, language)
            return chosen if isinstance(chosen, str) else self._status([chosen], language)
        if isinstance(request, CancelTimer) and request.everything:
            timers = self.timers.all()
            for timer in timers:
                self.timers.cancel(timer)
            if not timers:
                return translate("personal_no_timers", language)
            return translate("personal_timers_cancelled", language, count=len(timers))
        chosen = self._choose(request.name, language)
        if isinstance(chosen, str):
            return chosen
        return self._change(chosen, request, language)

    def _start(self, request: StartTimer, language: Language) -> str:
        if request.seconds > MAX_TIMER_S:
            return translate("personal_timer_too_long", language)
        if request.name and (existing := self.timers.named(request.name)) is not None:
            return translate("personal_timer_exists", language, name=request.name,
                             remaining=say_duration(self.timers.remaining_s(existing), language))
        self.timers.start(request.seconds, request.name, language)
        duration = say_duration(request.seconds, language)
        if request.name:
            name = request.name.capitalize() if language == "en" else request.name
            return translate("personal_timer_started", language, name=name, duration=duration)
        return translate("personal_timer_started_unnamed", language, duration=duration)

    def _change(self, timer: TimerRow, request: TimerRequest, language: Language) -> str:
        if isinstance(request, AdjustTimer):
            adjusted = self.timers.adjust(timer, request.seconds)
            if adjusted is None:
                return translate("personal_timer_adjust_to_zero", language,
                                 remaining=say_duration(self.timers.remaining_s(timer), language))
            return translate("personal_timer_adjusted", language,
                             remaining=say_duration(self.timers.remaining_s(adjusted), language))
        remaining = say_duration(self.timers.remaining_s(timer), language)
        if isinstance(request, PauseTimer):
            if timer.paused:
                return translate("personal_timer_already_paused", language)
            self.timers.pause(timer)
            return translate("personal_timer_paused", language, remaining=remaining)
        if isinstance(request, ResumeTimer):
            if not timer.paused:
                return translate("personal_timer_not_paused", language)
            self.timers.resume(timer)
            return translate("personal_timer_resumed", language, remaining=remaining)
        self.timers.cancel(timer)
        if timer.name:
            return translate("personal_timer_cancelled", language, name=timer.name)
        return translate("personal_timer_cancelled_unnamed", language)

    # Reminders

    def handle_reminder(self, request: ReminderRequest, language: Language) -> str:
        if isinstance(request, CreateReminder):
            return self._create(request, language)
        if isinstance(request, ListSchedule):
            return self._list(request.day_offset, language)
        return self._delete(request, language)

    def _when(self, due: datetime, recurrence: Recurrence | None, language: Language) -> str:
        now = self.clock.now()
        if recurrence is None:
            return say_moment(due, now, language)
        clock = say_clock_time(due.time(), language)
        repeat = say_recurrence(recurrence, language)
        return f"{repeat} at {clock}" if language == "en" else f"{repeat}{clock}"

    def _create(self, request: CreateReminder, language: Language) -> str:
        now = self.clock.now()
        due = first_due(request.when, now, wake_up=request.alarm)
        if due is None:
            if request.when.day is not None and request.when.at is not None:
                moment = datetime.combine(request.when.day, request.when.at, tzinfo=now.tzinfo)
                return translate("personal_reminder_past", language, when=say_moment(moment, now, language))
            return translate("personal_reminder_no_time", language)
        if due <= now:
            return translate("personal_reminder_past", language, when=say_moment(due, now, language))
        recurrence = request.when.recurrence
        row = self.reminders.create(request.what, due, recurrence, request.alarm, language)
        when = self._when(due, recurrence, language)
        if row.alarm and row.what:
            return translate("personal_alarm_set_what", language, when=when, what=row.what)
        if row.alarm:
            return translate("personal_alarm_set", language, when=when)
        if row.what:
            return translate("personal_reminder_set", language, what=row.what, when=when)
        return translate("personal_reminder_set_plain", language, when=when)

    def _describe(self, reminder: ReminderRow, language: Language) -> str:
        if reminder.what:
            return reminder.what
        return translate("personal_schedule_alarm", language)

    def _list(self, day_offset: int, language: Language) -> str:
        now = self.clock.now()
        day = now.date() + timedelta(days=day_offset)
        items = [(moment, reminder) for moment, reminder in self.reminders.on_day(day)
                 if day_offset or moment > now]
        day_words = say_day(day, now.date(), language)
        if not items:
            return translate("personal_schedule_empty", language, day=day_words)
        described = [translate("personal_schedule_item", language, time=say_clock_time(moment.time(), language),
                               what=self._describe(reminder, language)) for moment, reminder in items]
        separator = "; " if language == "en" else "；"
        return translate("personal_schedule", language, day=day_words, items=separator.join(described))

    def _delete(self, request: DeleteReminder, language: Language) -> str:
        if request.everything:
            doomed = [r for r in self.reminders.all() if r.alarm or not request.alarms_only]
            for reminder in doomed:
                self.reminders.delete(reminder)
            if not doomed:
                return translate("personal_no_reminders", language)
            return translate("personal_reminders_deleted", language, count=len(doomed))
        found = self.reminders.find(request.what, request.alarms_only)
        if not found:
            if not request.what:
                return translate("personal_no_reminders", language)
            return translate("personal_reminder_not_found", language, what=request.what)
        if len(found) > 1:
            now = self.clock.now()
            options = [f"{self._describe(r, language)} ({say_moment(self.reminders.due_at(r), now, language)})"
                       for r in found]
            return translate("personal_reminder_which", language, options=join_names(options, language, "or"))
        reminder = found[0]
        self.reminders.delete(reminder)
        if reminder.alarm and (not reminder.what or request.alarms_only):
            when = say_moment(self.reminders.due_at(reminder), self.clock.now(), language)
            return translate("personal_alarm_deleted", language, when=when)
        return translate("personal_reminder_deleted", language, what=reminder.what)

    # Announcements

    def stop_ringing(self) -> bool:
        """Silence every ringing timer and alarm; returns whether anything was ringing."""
        was_ringing = bool(self.ringing)
        self.ringing.clear()
        return was_ringing

    def _ring(self, text: str, language: Language, kind: AnnouncementKind, now: float, what: str = "") -> Announcement:
        self.ringing.append(Ringing(text, language, kind, now + self.settings.ring_duration_s,
                                    now + self.settings.ring_repeat_s, what))
        return Announcement(text, language, kind, ring=True)

    def snooze(self, seconds: float | None, language: Language) -> str:
        """Silence what is ringing and set a one-off alarm to ring again after `seconds`."""
        if not self.ringing:
            return translate("personal_nothing_ringing", language)
        seconds = seconds or self.settings.snooze_s
        ringing = self.ringing[0]
        self.ringing.clear()
        due = self.clock.now() + timedelta(seconds=seconds)
        self.reminders.create(ringing.what, due, None, True, ringing.language)
        return translate("personal_snoozed", language, duration=say_duration(seconds, language))

    def due(self) -> list[Announcement]:
        """Return what to announce now: newly finished timers and reminders, and repeats of ringing ones."""
        now = self.clock.now()
        now_s = now.timestamp()
        announcements = []
        for ringing in list(self.ringing):
            if now_s >= ringing.until:
                logger.info("%s rang for %.0f s without being stopped", ringing.kind, self.settings.ring_duration_s)
                self.ringing.remove(ringing)
            elif now_s >= ringing.next_at:
                ringing.next_at = now_s + self.settings.ring_repeat_s
                announcements.append(Announcement(ringing.text, ringing.language, ringing.kind, ring=True))
        for timer in self.timers.take_due():
            language = timer.language
            if timer.name:
                text = translate("personal_timer_done", language, name=timer.name)
            else:
                text = translate("personal_timer_done_unnamed", language)
            announcements.append(self._ring(text, language, "timer", now_s))
        for fired in self.reminders.take_due():
            reminder = fired.reminder
            language = reminder.language
            if reminder.alarm:
                clock = say_clock_time(fired.due_at.time(), language)
                if reminder.what:
                    text = translate("personal_alarm_due", language, time=clock, what=reminder.what)
                else:
                    text = translate("personal_alarm_due_plain", language, time=clock)
                announcements.append(self._ring(text, language, "alarm", now_s, reminder.what))
            elif reminder.what:
                text = translate("personal_reminder_due", language, what=reminder.what)
                announcements.append(Announcement(text, language, "reminder", ring=True))
            else:
                announcements.append(Announcement(translate("personal_reminder_due_plain", language), language,
                                                  "reminder", ring=True))
        return announcements

    def take_missed(self, language: Language) -> Announcement | None:
        """Collect what fell due while the daemon was off, as one announcement; call once at start-up."""
        now = self.clock.now()
        items: list[tuple[datetime, str]] = []
        for timer in self.timers.take_due():
            assert timer.ends_at is not None
            ended = datetime.fromtimestamp(timer.ends_at, now.tzinfo)
            items.append((ended, translate("personal_missed_timer", language, name=_timer_label(timer, language),
                                           when=say_moment(ended, now, language))))
        for fired in self.reminders.take_due():
            when = say_moment(fired.due_at, now, language)
            reminder = fired.reminder
            if reminder.alarm and not reminder.what:
                items.append((fired.due_at, translate("personal_missed_alarm", language, when=when)))
            else:
                items.append((fired.due_at, translate("personal_missed_reminder", language, what=reminder.what,
                                                      when=when)))
        if not items:
            return None
        logger.info("announcing %d item(s) missed while stopped", len(items))
        separator = "; " if language == "en" else "；"
        text = separator.join(item for _, item in sorted(items, key=lambda pair: pair[0]))
        return Announcement(translate("personal_missed", language, items=text), language, "missed", ring=False)
