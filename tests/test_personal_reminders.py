"""Alarms and reminders on a manual clock: setting, listing, deleting, firing, repeating and missing."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from tests.personal_home import ZONE, Home


@pytest.fixture
def home(tmp_path: Path) -> Home:
    return Home(tmp_path)


def test_reminder_daily_english(home: Home) -> None:
    assert home.reply("remind me to take my medicine at 8 pm every day") == (
        "OK, I'll remind you to take your medicine every day at 8 pm.")
    home.clock.set(datetime(2026, 12, 4, 19, 59, 59, tzinfo=ZONE))
    assert home.assistant.due_announcements() == []
    home.clock.advance(1)
    [due] = home.assistant.due_announcements()
    assert (due.text, due.kind, due.ring) == ("Reminder: take your medicine.", "reminder", True)
    assert not home.assistant.ringing  # a reminder is said once
    [reminder] = home.assistant.schedule.reminders.all()
    assert datetime.fromtimestamp(reminder.due_at, ZONE) == datetime(2026, 12, 5, 20, 0, tzinfo=ZONE)


def test_alarm_tomorrow_chinese(home: Home) -> None:
    assert home.reply("明天早上七点叫我起床") == "好的，明天早上7点叫你起床。"
    home.clock.set(datetime(2026, 12, 5, 7, 0, tzinfo=ZONE))
    [due] = home.assistant.due_announcements()
    assert due.text == "现在早上7点了，该起床了。"
    assert due.kind == "alarm"
    assert home.assistant.ringing  # an alarm rings until stopped
    assert home.assistant.schedule.reminders.all() == []


def test_reminder_weekly_chinese(home: Home) -> None:
    assert home.reply("每周一提醒我倒垃圾") == "好的，每周一上午9点提醒你倒垃圾。"
    home.clock.set(datetime(2026, 12, 7, 9, 0, tzinfo=ZONE))
    [due] = home.assistant.due_announcements()
    assert due.text == "提醒你：倒垃圾。"
    [reminder] = home.assistant.schedule.reminders.all()
    assert datetime.fromtimestamp(reminder.due_at, ZONE) == datetime(2026, 12, 14, 9, 0, tzinfo=ZONE)


def test_reminder_relative_english(home: Home) -> None:
    assert home.reply("remind me in 20 minutes to check the oven") == (
        "OK, I'll remind you to check the oven today at 3:20 pm.")


def test_reminder_without_time_asks(home: Home) -> None:
    assert home.reply("提醒我买牛奶") == "什么时候提醒你？请带上时间再说一遍，比如“晚上8点”。"
    assert home.assistant.schedule.reminders.all() == []


def test_reminder_in_the_past_rejected(home: Home) -> None:
    assert home.reply("remind me today at 9 am to call the bank") == (
        "I can't remind you today at 9 am; that time has already passed.")
    assert home.assistant.schedule.reminders.all() == []


def test_schedule_today_both_languages(home: Home) -> None:
    assert home.reply("我今天有什么安排") == "今天没有安排。"
    home.reply("remind me to take my medicine at 8 pm every day")
    home.reply("今天晚上六点提醒我做饭")
    home.reply("明天早上七点叫我起床")
    assert home.reply("what's on today") == "For today: 6 pm, 做饭; 8 pm, take your medicine."
    assert home.reply("我今天有什么安排") == "今天的安排：晚上6点做饭；晚上8点take your medicine。"
    assert home.reply("明天有什么安排") == "明天的安排：早上7点起床；晚上8点take your medicine。"


def test_schedule_today_omits_past_items(home: Home) -> None:
    home.reply("remind me to water the plants at 4 pm")
    home.clock.set(datetime(2026, 12, 4, 16, 30, tzinfo=ZONE))
    home.assistant.due_announcements()
    assert home.reply("what's on today") == "Nothing is scheduled for today."


def test_delete_reminder_english_and_chinese(home: Home) -> None:
    home.reply("remind me to take my medicine at 8 pm every day")
    home.reply("每周一提醒我倒垃圾")
    assert home.reply("delete the medicine reminder") == "Deleted the reminder to take your medicine."
    assert home.reply("删除倒垃圾的提醒") == "已删除倒垃圾的提醒。"
    assert home.reply("delete the medicine reminder") == "I couldn't find a reminder about medicine."
    assert home.assistant.schedule.reminders.all() == []


def test_delete_alarm_and_all(home: Home) -> None:
    home.reply("set an alarm for 7 am")
    assert home.reply("cancel my alarm") == "Deleted the alarm for tomorrow at 7 am."
    home.reply("remind me to take my medicine at 8 pm every day")
    home.reply("每周一提醒我倒垃圾")
    assert home.reply("删除所有提醒") == "已删除2个提醒和闹钟。"


def test_delete_ambiguous_asks_which(home: Home) -> None:
    home.reply("remind me to call mom at 6 pm")
    home.reply("remind me to call mom tomorrow at 10 am")
    assert home.reply("delete the call mom reminder") == (
        "Which one: call mom (today at 6 pm) or call mom (tomorrow at 10 am)?")
    assert len(home.assistant.schedule.reminders.all()) == 2


def test_missed_reminders_announced_once(home: Home) -> None:
    home.reply("remind me to take my medicine at 8 pm every day")
    home.reply("remind me in 20 minutes to check the oven")
    home.reply("pasta timer for 8 minutes")
    home.reply("明天早上七点叫我起床")
    home.assistant.close()
    # The daemon is off from 15:00 until 21:00 the same day.
    home.clock.set(datetime(2026, 12, 4, 21, 0, tzinfo=ZONE))
    assistant = home.restart()
    [missed] = assistant.missed_at_startup()
    assert missed.kind == "missed"
    assert not missed.ring
    assert missed.text == ("我关机的时候，你错过了：今天下午3点8分结束的pasta计时器；"
                           "今天下午3点20分的提醒：check the oven；今天晚上8点的提醒：take your medicine。")
    assert assistant.missed_at_startup() == []
    assert assistant.due_announcements() == []
    due_times = sorted(datetime.fromtimestamp(r.due_at, ZONE) for r in assistant.schedule.reminders.all())
    assert due_times == [datetime(2026, 12, 5, 7, 0, tzinfo=ZONE), datetime(2026, 12, 5, 20, 0, tzinfo=ZONE)]


def test_missed_repeat_after_days_off(home: Home) -> None:
    home.reply("remind me to take my medicine at 8 pm every day")
    home.clock.set(datetime(2026, 12, 8, 9, 0, tzinfo=ZONE))
    assistant = home.restart()
    [missed] = assistant.missed_at_startup()
    assert "take your medicine" in missed.text
    [reminder] = assistant.schedule.reminders.all()
    assert datetime.fromtimestamp(reminder.due_at, ZONE) == datetime(2026, 12, 8, 20, 0, tzinfo=ZONE)


def test_missed_english_wording(tmp_path: Path) -> None:
    home = Home(tmp_path, language="en")
    home.reply("remind me in 20 minutes to check the oven")
    home.reply("set an alarm for 4 pm")
    home.clock.advance(3600)
    [missed] = home.restart().missed_at_startup()
    assert missed.text == ("While I was off, you missed: the reminder to check the oven today at 3:20 pm; "
                           "the alarm today at 4 pm.")


def test_alarm_snooze_rings_again(home: Home) -> None:
    home.reply("明天早上七点叫我起床")
    home.clock.set(datetime(2026, 12, 5, 7, 0, tzinfo=ZONE))
    home.assistant.due_announcements()
    assert home.reply("snooze") == "OK, I'll ring again in 9 minutes."
    assert not home.assistant.ringing
    home.clock.advance(9 * 60)
    [again] = home.assistant.due_announcements()
    assert again.text == "现在早上7点9分了，该起床了。"
    assert home.assistant.ringing
    assert home.reply("再睡五分钟") == "好的，5分钟后再叫你。"
    assert home.reply("snooze") == "Nothing is ringing right now."
