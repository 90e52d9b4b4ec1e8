"""Durations, clock times, dates and ages written the way they are spoken in each language."""

from __future__ import annotations

from datetime import date, datetime, time

from homeassist.i18n import Language, translate
from homeassist.personal.recurrence import WEEKDAYS, WEEKEND, Recurrence, Repeat

_EN_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_ZH_WEEKDAYS = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")
_EN_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
              "October", "November", "December")


def _plural(count: int, unit: str) -> str:
    return f"{count} {unit}" if count == 1 else f"{count} {unit}s"


def say_duration(seconds: float, language: Language) -> str:
    """Return "1 hour and 30 minutes" / "1小时30分钟"; seconds are dropped from an hour or more."""
    total = max(0, round(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        secs = 0
    if language == "zh":
        parts = []
        if hours:
            parts.append(f"{hours}小时")
        if minutes:
            parts.append(f"{minutes}分钟" if not secs else f"{minutes}分")
        if secs or not parts:
            parts.append(f"{secs}秒")
        return "".join(parts)
    words = []
    if hours:
        words.append(_plural(hours, "hour"))
    if minutes:
        words.append(_plural(minutes, "minute"))
    if secs or not words:
        words.append(_plural(secs, "second"))
    return " and ".join(words)


def say_clock_time(moment: time, language: Language) -> str:
    """Return "7 pm", "7:30 am" / "晚上7点", "早上7点30分"."""
    hour, minute = moment.hour, moment.minute
    if language == "zh":
        if hour < 5:
            period = "凌晨"
        elif hour < 9:
            period = "早上"
        elif hour < 12:
            period = "上午"
        elif hour < 13:
            period = "中午"
        elif hour < 18:
            period = "下午"
        else:
            period = "晚上"
        shown = hour if hour <= 12 else hour - 12
        return f"{period}{shown}点" + (f"{minute}分" if minute else "")
    suffix = "am" if hour < 12 else "pm"
    shown = hour % 12 or 12
    if hour == 0 and minute == 0:
        return "midnight"
    if hour == 12 and minute == 0:
        return "noon"
    return f"{shown}:{minute:02d} {suffix}" if minute else f"{shown} {suffix}"


def say_day(day: date, today: date, language: Language) -> str:
    """Return "today", "tomorrow", "yesterday", "on Monday" or "on December 25" (and the Chinese forms)."""
    offset = (day - today).days
    if offset == 0:
        return translate("personal_today", language)
    if offset == 1:
        return translate("personal_tomorrow", language)
    if offset == -1:
        return translate("personal_yesterday", language)
    if 1 < offset < 7:
        return f"on {_EN_WEEKDAYS[day.weekday()]}" if language == "en" else _ZH_WEEKDAYS[day.weekday()]
    if language == "zh":
        return f"{day.month}月{day.day}日"
    return f"on {_EN_MONTHS[day.month - 1]} {day.day}"


def say_date(day: date, language: Language) -> str:
    """Return "Friday, December 4" / "12月4日，星期五"."""
    if language == "zh":
        return f"{day.month}月{day.day}日，星期{'一二三四五六日'[day.weekday()]}"
    return f"{_EN_WEEKDAYS[day.weekday()]}, {_EN_MONTHS[day.month - 1]} {day.day}"


def say_moment(moment: datetime, now: datetime, language: Language) -> str:
    """Return "tomorrow at 7 am" / "明天早上7点"."""
    day = say_day(moment.date(), now.date(), language)
    clock = say_clock_time(moment.time(), language)
    return f"{day} at {clock}" if language == "en" else f"{day}{clock}"


def say_age(seconds: float, language: Language) -> str:
    """Return how long ago a reading was taken: "just now", "2 minutes ago" / "刚刚", "2分钟前"."""
    seconds = max(0.0, seconds)
    if seconds < 60:
        return translate("personal_just_now", language)
    if seconds < 3600:
        amount = say_duration(round(seconds / 60) * 60, language)
    elif seconds < 2 * 86400:
        amount = say_duration(round(seconds / 3600) * 3600, language)
    else:
        days = round(seconds / 86400)
        amount = _plural(days, "day") if language == "en" else f"{days}天"
    return translate("personal_ago", language, amount=amount)


def say_recurrence(recurrence: Recurrence, language: Language) -> str:
    """Return "every day", "every Monday and Thursday" / "每天", "每周一、周四"."""
    if recurrence.repeat is Repeat.DAILY:
        return "every day" if language == "en" else "每天"
    if recurrence.repeat is Repeat.MONTHLY:
        day_number = recurrence.day_of_month
        if language == "zh":
            return f"每月{day_number}号"
        suffix = "th" if 10 <= day_number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day_number % 10, "th")
        return f"on the {day_number}{suffix} of every month"
    if recurrence.weekdays == WEEKDAYS:
        return "every weekday" if language == "en" else "每个工作日"
    if recurrence.weekdays == WEEKEND:
        return "every weekend" if language == "en" else "每个周末"
    days = sorted(recurrence.weekdays)
    if language == "zh":
        return "每" + "、".join(_ZH_WEEKDAYS[day] for day in days)
    names = [_EN_WEEKDAYS[day] for day in days]
    return "every " + (names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1])


def say_number(value: float) -> str:
    return f"{value:.0f}" if abs(value - round(value)) < 0.05 else f"{value:.1f}"
