"""Reading durations, times and personal-assistant requests in English and Chinese."""

from __future__ import annotations

from datetime import datetime, time

import pytest

from homeassist.personal.durations import find_duration
from homeassist.personal.parse import parse
from homeassist.personal.recurrence import Recurrence, Repeat
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
    ResumeTimer,
    SensorQuestion,
    SmallTalk,
    StartTimer,
    Stop,
    TimerStatus,
)
from homeassist.personal.text import prepare
from homeassist.personal.when import first_due, read_when
from tests.personal_home import START, ZONE

TODAY = START.date()


@pytest.mark.parametrize(("spoken", "seconds"), [
    ("10 minutes", 600),
    ("十分钟", 600),
    ("an hour and a half", 5400),
    ("一个半小时", 5400),
    ("one and a half hours", 5400),
    ("half an hour", 1800),
    ("半小时", 1800),
    ("1 hour 20 minutes", 4800),
    ("两个小时零五分钟", 7500),
    ("ninety seconds", 90),
    ("一分半钟", 90),
    ("a quarter of an hour", 900),
    ("一刻钟", 900),
    ("twenty five minutes", 1500),
])
def test_duration_spoken_forms(spoken: str, seconds: float) -> None:
    duration = find_duration(prepare(spoken))
    assert duration is not None
    assert duration.seconds == seconds


def test_duration_ignores_clock_time() -> None:
    assert find_duration(prepare("七点三十分")) is None


@pytest.mark.parametrize(("spoken", "request_"), [
    ("10 minutes", StartTimer(600, "")),
    ("十分钟", StartTimer(600, "")),
    ("set a timer for an hour and a half", StartTimer(5400, "")),
    ("一个半小时的计时器", StartTimer(5400, "")),
    ("pasta timer for 8 minutes", StartTimer(480, "pasta")),
    ("设一个煮面的计时器八分钟", StartTimer(480, "煮面")),
    ("start a 5 minute timer for the eggs", StartTimer(300, "eggs")),
    ("how much time is left", TimerStatus(None)),
    ("计时器还剩多久", TimerStatus(None)),
    ("how much time is left on the pasta timer", TimerStatus("pasta")),
    ("煮面计时器还剩多久", TimerStatus("煮面")),
    ("add 5 minutes", AdjustTimer(300, None)),
    ("加五分钟", AdjustTimer(300, None)),
    ("给煮面计时器加五分钟", AdjustTimer(300, "煮面")),
    ("take 2 minutes off the pasta timer", AdjustTimer(-120, "pasta")),
    ("5 more minutes on the pasta timer", AdjustTimer(300, "pasta")),
    ("再加五分钟", AdjustTimer(300, None)),
    ("计时器减两分钟", AdjustTimer(-120, None)),
    ("pause the timer", PauseTimer(None)),
    ("暂停煮面的计时器", PauseTimer("煮面")),
    ("resume the timer", ResumeTimer(None)),
    ("继续计时", ResumeTimer(None)),
    ("cancel the pasta timer", CancelTimer("pasta")),
    ("取消煮面的计时器", CancelTimer("煮面")),
    ("cancel all timers", CancelTimer(None, everything=True)),
    ("取消所有计时器", CancelTimer(None, everything=True)),
])
def test_parse_timer_requests(spoken: str, request_: object) -> None:
    assert parse(spoken, TODAY) == request_


@pytest.mark.parametrize("spoken", ["stop", "Stop!", "停", "别响了", "算了", "别说了"])
def test_parse_stop_words(spoken: str) -> None:
    assert parse(spoken, TODAY) == Stop()


@pytest.mark.parametrize(("spoken", "yes"), [("yes", True), ("好的", True), ("好", True), ("可以", True),
                                             ("no", False), ("不用", False)])
def test_parse_yes_and_no(spoken: str, yes: bool) -> None:
    assert parse(spoken, TODAY) == Reply(yes)


@pytest.mark.parametrize(("spoken", "what", "alarm", "due", "repeat"), [
    ("remind me to take my medicine at 8 pm every day", "take your medicine", False,
     datetime(2026, 12, 4, 20, 0, tzinfo=ZONE), "daily"),
    ("明天早上七点叫我起床", "起床", True, datetime(2026, 12, 5, 7, 0, tzinfo=ZONE), None),
    ("每周一提醒我倒垃圾", "倒垃圾", False, datetime(2026, 12, 7, 9, 0, tzinfo=ZONE), "weekly:0"),
    ("wake me up at 6:45 tomorrow", "wake up", True, datetime(2026, 12, 5, 6, 45, tzinfo=ZONE), None),
    ("set an alarm for 7", "", True, datetime(2026, 12, 5, 7, 0, tzinfo=ZONE), None),
    ("remind me at 7 to call mom", "call mom", False, datetime(2026, 12, 4, 19, 0, tzinfo=ZONE), None),
    ("remind me in 20 minutes to check the oven", "check the oven", False,
     datetime(2026, 12, 4, 15, 20, tzinfo=ZONE), None),
    ("20分钟后提醒我关火", "关火", False, datetime(2026, 12, 4, 15, 20, tzinfo=ZONE), None),
    ("每个工作日早上6点半叫我", "起床", True, datetime(2026, 12, 7, 6, 30, tzinfo=ZONE), "weekly:0,1,2,3,4"),
    ("每月15号提醒我交房租", "交房租", False, datetime(2026, 12, 15, 9, 0, tzinfo=ZONE), "monthly:15"),
    ("下周三晚上八点半提醒我看球赛", "看球赛", False, datetime(2026, 12, 9, 20, 30, tzinfo=ZONE), None),
    ("every monday and thursday at 6 pm remind me to water the plants", "water the plants", False,
     datetime(2026, 12, 7, 18, 0, tzinfo=ZONE), "weekly:0,3"),
    ("remind me on december 25 at 9 am to call grandma", "call grandma", False,
     datetime(2026, 12, 25, 9, 0, tzinfo=ZONE), None),
    ("tomorrow at 3 remind me to pick up the kids", "pick up the kids", False,
     datetime(2026, 12, 5, 15, 0, tzinfo=ZONE), None),
    ("remind me in 20 minutes to add salt", "add salt", False, datetime(2026, 12, 4, 15, 20, tzinfo=ZONE), None),
    ("20分钟后提醒我多喝水", "多喝水", False, datetime(2026, 12, 4, 15, 20, tzinfo=ZONE), None),
    ("remember to call mom at 5 pm", "call mom", False, datetime(2026, 12, 4, 17, 0, tzinfo=ZONE), None),
])
def test_parse_reminders(spoken: str, what: str, alarm: bool, due: datetime, repeat: str | None) -> None:
    request = parse(spoken, TODAY)
    assert isinstance(request, CreateReminder)
    assert request.what == what
    assert request.alarm is alarm
    assert first_due(request.when, START, wake_up=alarm) == due
    recurrence = request.when.recurrence
    assert (recurrence.encode() if recurrence else None) == repeat


def test_recurrence_31st_uses_last_day() -> None:
    recurrence = Recurrence(Repeat.MONTHLY, day_of_month=31)
    after = datetime(2027, 2, 1, tzinfo=ZONE)
    assert recurrence.next_after(after, time(9), ZONE) == datetime(2027, 2, 28, 9, 0, tzinfo=ZONE)
    assert Recurrence.decode(recurrence.encode()) == recurrence


def test_when_chinese_clock_with_minutes() -> None:
    when = read_when(prepare("下午三点零五分"), TODAY)
    assert when.at == time(15, 5)


@pytest.mark.parametrize(("spoken", "request_"), [
    ("我今天有什么安排", ListSchedule(0)),
    ("what's on today", ListSchedule(0)),
    ("明天有什么安排", ListSchedule(1)),
    ("delete the medicine reminder", DeleteReminder("medicine")),
    ("删除倒垃圾的提醒", DeleteReminder("倒垃圾")),
    ("cancel my alarm", DeleteReminder("", alarms_only=True)),
    ("Remember that I like the bedroom at 24 degrees", Remember("i like the bedroom at 24 degrees")),
    ("记住我喜欢卧室二十四度", Remember("我喜欢卧室24度")),
    ("What do you remember about me", RecallMemory()),
    ("你记得我什么", RecallMemory()),
    ("forget that", Forget(None)),
    ("忘掉它", Forget(None)),
    ("forget that I like the bedroom at 24 degrees", Forget("i like the bedroom at 24 degrees")),
    ("make the bedroom comfortable", ApplyPreference("make the bedroom comfortable")),
    ("把卧室调舒服点", ApplyPreference("把卧室调舒服点")),
    ("How warm is it in the bedroom", SensorQuestion("temperature", "how warm is it in the bedroom")),
    ("卧室现在多少度", SensorQuestion("temperature", "卧室现在多少度")),
    ("卧室湿度多少", SensorQuestion("humidity", "卧室湿度多少")),
    ("what time is it", ClockQuestion("time")),
    ("现在几点", ClockQuestion("time")),
    ("今天星期几", ClockQuestion("date")),
    ("tell me a joke", SmallTalk()),
    ("讲个笑话", SmallTalk()),
])
def test_parse_other_requests(spoken: str, request_: object) -> None:
    assert parse(spoken, TODAY) == request_


@pytest.mark.parametrize("spoken", ["turn on the kitchen light", "打开厨房灯", "set the bedroom to 22 degrees",
                                    "把卧室空调调到二十四度", "is the kitchen light on",
                                    "hello, turn on the kitchen light", "加热十分钟", "离圣诞节还有多久",
                                    "is the bedroom comfortable", "卧室舒服吗", "空调设的多少度"])
def test_parse_leaves_device_commands(spoken: str) -> None:
    assert parse(spoken, TODAY) is None

