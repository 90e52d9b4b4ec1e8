"""Timers on a manual clock: start, status, add and take time, pause, resume, cancel, ring and stop."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from homeassist.personal.chime import chime
from tests.personal_home import Home


@pytest.fixture
def home(tmp_path: Path) -> Home:
    return Home(tmp_path, {"ring_duration_s": 30, "ring_repeat_s": 10})


def test_timer_english_start_and_status(home: Home) -> None:
    assert home.reply("set a timer for 10 minutes") == "Timer set for 10 minutes."
    home.clock.advance(150)
    assert home.reply("how much time is left") == "7 minutes and 30 seconds left."


def test_timer_chinese_start_and_status(home: Home) -> None:
    assert home.reply("十分钟") == "好的，计时10分钟。"
    home.clock.advance(60)
    assert home.reply("计时器还剩多久") == "计时器还剩9分钟。"


def test_timer_hour_and_a_half(home: Home) -> None:
    assert home.reply("an hour and a half") == "Timer set for 1 hour and 30 minutes."
    assert home.reply("一个半小时的计时器") == "好的，计时1小时30分钟。"


def test_timer_named_in_both_languages(home: Home) -> None:
    assert home.reply("pasta timer for 8 minutes") == "Pasta timer set for 8 minutes."
    assert home.reply("设一个煮面的计时器八分钟") == "好的，煮面计时8分钟。"
    home.clock.advance(60)
    assert home.reply("how much time is left on the pasta timer") == "The pasta timer has 7 minutes left."
    assert home.reply("煮面计时器还剩多久") == "煮面计时器还剩7分钟。"


def test_timer_same_name_twice_rejected(home: Home) -> None:
    home.reply("pasta timer for 8 minutes")
    assert home.reply("pasta timer for 3 minutes") == (
        "There is already a pasta timer with 8 minutes left. Add time to it or cancel it first.")
    assert len(home.assistant.schedule.timers.all()) == 1


def test_timer_add_and_subtract(home: Home) -> None:
    home.reply("10 minutes")
    assert home.reply("add 5 minutes") == "Done, 15 minutes left now."
    assert home.reply("减两分钟") == "好的，现在还剩13分钟。"
    assert home.reply("加五分钟") == "好的，现在还剩18分钟。"
    assert home.reply("take 20 minutes off the timer") == (
        "That would leave no time on the timer, so I left it as it was: 18 minutes left.")


def test_timer_pause_keeps_remaining(home: Home) -> None:
    home.reply("10 minutes")
    home.clock.advance(120)
    assert home.reply("pause the timer") == "Paused, with 8 minutes left."
    home.clock.advance(3600)
    assert home.reply("how much time is left") == "The timer is paused with 8 minutes left."
    assert home.assistant.due_announcements() == []
    assert home.reply("继续计时") == "继续计时，还剩8分钟。"
    home.clock.advance(60)
    assert home.reply("计时器还剩多久") == "计时器还剩7分钟。"


def test_timer_pause_twice_and_resume_running(home: Home) -> None:
    home.reply("暂停计时器")
    home.reply("10 minutes")
    home.reply("暂停计时器")
    assert home.reply("暂停计时器") == "这个计时器已经暂停了。"
    home.reply("resume the timer")
    assert home.reply("resume the timer") == "That timer is already running."


def test_timer_several_ask_which(home: Home) -> None:
    home.reply("pasta timer for 8 minutes")
    home.reply("eggs timer for 5 minutes")
    assert home.reply("add 1 minute") == "Which timer: the pasta or eggs?"
    assert home.reply("how much time is left") == (
        "The pasta timer has 8 minutes left. The eggs timer has 5 minutes left.")


def test_timer_cancel_one_and_all(home: Home) -> None:
    home.reply("pasta timer for 8 minutes")
    home.reply("设一个煮面的计时器八分钟")
    home.reply("eggs timer for 5 minutes")
    assert home.reply("cancel the pasta timer") == "Cancelled the pasta timer."
    assert home.reply("取消煮面的计时器") == "已取消煮面计时器。"
    home.reply("10 minutes")
    assert home.reply("取消所有计时器") == "已取消2个计时器。"
    assert home.reply("cancel the timer") == "There are no timers running."
    assert home.reply("cancel the rice timer") == "There is no rice timer."


def test_timer_rings_repeats_and_stops(home: Home) -> None:
    home.reply("pasta timer for 8 minutes")
    home.clock.advance(8 * 60 - 1)
    assert home.assistant.due_announcements() == []
    home.clock.advance(1)
    [done] = home.assistant.due_announcements()
    assert (done.text, done.kind, done.ring) == ("Your pasta timer is done.", "timer", True)
    assert home.assistant.ringing
    home.clock.advance(5)
    assert home.assistant.due_announcements() == []
    home.clock.advance(5)
    [repeat] = home.assistant.due_announcements()
    assert repeat.text == "Your pasta timer is done."
    reply = home.say("stop")
    assert reply is not None
    assert reply.stop_speaking
    assert reply.text == ""
    assert not home.assistant.ringing
    home.clock.advance(10)
    assert home.assistant.due_announcements() == []


@pytest.mark.parametrize("stop_word", ["停", "别响了", "算了", "ok"])
def test_timer_chinese_stop_words(home: Home, stop_word: str) -> None:
    home.reply("十分钟")
    home.clock.advance(600)
    [done] = home.assistant.due_announcements()
    assert done.text == "计时器时间到了。"
    reply = home.say(stop_word)
    assert reply is not None
    assert reply.stop_speaking
    assert not home.assistant.ringing


def test_timer_ring_ends_after_duration(home: Home) -> None:
    home.reply("1 minute")
    home.clock.advance(60)
    assert len(home.assistant.due_announcements()) == 1
    repeats = 0
    for _ in range(10):
        home.clock.advance(10)
        repeats += len(home.assistant.due_announcements())
    assert repeats == 2  # at 10 s and 20 s; the 30 s ring duration ends it
    assert not home.assistant.ringing


def test_stop_word_without_ringing(home: Home) -> None:
    reply = home.say("别说了")
    assert reply is not None
    assert reply.stop_speaking


def test_timer_longer_than_a_day_rejected(home: Home) -> None:
    assert home.reply("set a timer for 30 hours") == (
        "Timers can run for at most 24 hours. For anything longer, ask me for a reminder.")


@pytest.mark.parametrize("rate_hz", [16000, 22050])
def test_chime_format(rate_hz: int) -> None:
    sound = chime(rate_hz)
    assert sound.sample_rate_hz == rate_hz
    assert sound.samples.dtype == np.int16
    assert 0.5 < sound.duration_s < 1.0
    peak = int(np.abs(sound.samples.astype(np.int32)).max())
    assert 10000 < peak < 20000


def test_chime_rejects_other_rates() -> None:
    with pytest.raises(ValueError, match="16000 or 22050"):
        chime(8000)
