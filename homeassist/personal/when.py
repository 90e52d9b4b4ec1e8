"""Spoken dates, times of day and repeats ("明天早上七点", "at 8 pm every day", "每周一")."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from homeassist.personal.durations import find_duration
from homeassist.personal.recurrence import WEEKDAYS, WEEKEND, Recurrence, Repeat

_EN_WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
                "sunday": 6}
_EN_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?"
_EN_MONTHS = {name: number for number, name in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"], start=1)}
_EN_MONTH = "(?:" + "|".join(_EN_MONTHS) + ")"
_ZH_WEEKDAY = {"1": 0, "2": 1, "3": 2, "4": 3, "5": 4, "6": 5, "7": 6, "日": 6, "天": 6}
_ZH_WEEK = r"(?:周|星期|礼拜)"

# "at 7", "7:30", "at 7 30", "7 pm", "8 oclock"; a bare number is a clock time only when marked.
_EN_CLOCK = re.compile(
    r"\b(?P<at>at |by |for )?(?P<h>\d{1,2})(?::(?P<m>\d{2})| (?P<m2>[0-5]\d)(?! (?:minute|second|hour)))?"
    r"(?: ?(?P<ampm>a ?m|p ?m|oclock)\b)?")

# "7点", "7点半", "7点1刻", "7点30分", "19:30".
_ZH_CLOCK = re.compile(
    r"(?P<h>\d{1,2})(?:点钟|点|:(?P<m>\d{2}))(?:(?P<half>半)|(?P<quarter>[13])刻|(?P<m2>\d{1,2})(?:分钟|分)?)?")

_AM, _PM = "am", "pm"
_EN_PERIODS = [
    (r"\b(?:in the morning|this morning|tomorrow morning)\b", _AM),
    (r"\b(?:in the afternoon|this afternoon|tomorrow afternoon|in the evening|this evening|tonight|"
     r"at night|tomorrow evening|tomorrow night|every evening|every night)\b", _PM),
    (r"\bevery morning\b", _AM),
]
_ZH_PERIODS = {"早上": _AM, "早晨": _AM, "上午": _AM, "清晨": _AM, "凌晨": "night", "明早": _AM, "今早": _AM,
               "中午": "noon", "下午": _PM, "傍晚": _PM, "晚上": _PM, "今晚": _PM, "明晚": _PM, "夜里": _PM,
               "半夜": "night"}


@dataclass
class When:
    """Everything a sentence says about when: any part may be missing."""

    at: time | None = None
    day: date | None = None
    after_s: float | None = None  # "in 20 minutes", "20分钟后"
    recurrence: Recurrence | None = None
    period: str | None = None  # "am", "pm", "noon" or "night" when said
    spans: list[tuple[int, int]] = field(default_factory=list)

    @property
    def found(self) -> bool:
        return self.at is not None or self.day is not None or self.after_s is not None or self.recurrence is not None


def _hour_in_period(hour: int, period: str | None) -> int:
    if period == _PM and hour < 12:
        return hour + 12
    if period == _AM and hour == 12:
        return 0
    if period == "noon" and hour < 6:
        return hour + 12  # "中午1点" is 13:00
    if period == "night" and hour == 12:
        return 0
    return hour


def _english_time(text: str, when: When) -> None:
    for pattern, period in _EN_PERIODS:
        if match := re.search(pattern, text):
            when.period = when.period or period
            when.spans.append(match.span())

    if match := re.search(r"\b(?:at )?(noon|midday|midnight)\b", text):
        when.at = time(12) if match.group(1) != "midnight" else time(0)
        when.period = "noon" if match.group(1) != "midnight" else "night"
        when.spans.append(match.span())
        return

    relative = re.search(r"\b(?:at )?(half|quarter|\d{1,2}) (past|to) (\d{1,2})\b", text)
    if relative:
        minutes = {"half": 30, "quarter": 15}.get(relative.group(1)) or int(relative.group(1))
        hour = int(relative.group(3))
        total = hour * 60 + (minutes if relative.group(2) == "past" else -minutes)
        hour, minute = divmod(total % (24 * 60), 60)
        when.at = time(_hour_in_period(hour, when.period) % 24, minute)
        when.spans.append(relative.span())
        return

    clock = _EN_CLOCK.search(text)
    while clock is not None:
        marked = clock.group("at") is not None or clock.group("ampm") is not None or clock.group("m") is not None
        after = text[clock.end():]
        if marked and not re.match(r" ?(?:minute|min|second|sec|hour|hr|degree|%)", after):
            break
        clock = _EN_CLOCK.search(text, clock.end())
    if clock is None:
        return
    hour = int(clock.group("h"))
    minute = int(clock.group("m") or clock.group("m2") or 0)
    ampm = (clock.group("ampm") or "").replace(" ", "")
    if ampm in (_AM, _PM):
        when.period = ampm
    if hour > 23 or minute > 59:
        return
    when.at = time(_hour_in_period(hour, when.period), minute)
    when.spans.append(clock.span())


def _chinese_time(text: str, when: When) -> None:
    for word, period in _ZH_PERIODS.items():
        if word in text:
            when.period = when.period or period
            start = text.index(word)
            when.spans.append((start, start + len(word)))
    clock = _ZH_CLOCK.search(text)
    if clock is None:
        if "中午" in text:
            when.at = time(12)
        return
    hour = int(clock.group("h"))
    if clock.group("half"):
        minute = 30
    elif clock.group("quarter"):
        minute = 15 * int(clock.group("quarter"))
    else:
        minute = int(clock.group("m") or clock.group("m2") or 0)
    if hour > 24 or minute > 59:
        return
    when.at = time(_hour_in_period(hour, when.period) % 24, minute)
    when.spans.append(clock.span())


def _english_day(text: str, today: date, when: When) -> None:
    if match := re.search(r"\b(?:the )?day after tomorrow\b", text):
        when.day = today + timedelta(days=2)
    elif match := re.search(r"\btomorrow\b", text):
        when.day = today + timedelta(days=1)
    elif match := re.search(r"\b(?:today|tonight|this morning|this afternoon|this evening)\b", text):
        when.day = today
    elif match := re.search(rf"\b(?:on |this |next )?({_EN_WEEKDAY})\b", text):
        if text[max(0, match.start() - 6):match.start()].endswith("every ") or match.group(1).endswith("s"):
            return  # a repeat, read by _english_repeat
        weekday = _EN_WEEKDAYS[match.group(1)]
        ahead = (weekday - today.weekday()) % 7 or 7
        when.day = today + timedelta(days=ahead)
    elif match := re.search(rf"\b(?:on )?(?:the )?(\d{{1,2}})(?:st|nd|rd|th)?(?: of)? ({_EN_MONTH})\b|"
                            rf"\b(?:on )?({_EN_MONTH}) (?:the )?(\d{{1,2}})(?:st|nd|rd|th)?\b", text):
        day_number = int(match.group(1) or match.group(4))
        month = _EN_MONTHS[match.group(2) or match.group(3)]
        when.day = _next_date(today, month, day_number)
    if match is not None and when.day is not None:
        when.spans.append(match.span())


def _chinese_day(text: str, today: date, when: When) -> None:
    offsets = [("大后天", 3), ("后天", 2), ("明天", 1), ("明早", 1), ("明晚", 1), ("今天", 0), ("今晚", 0),
               ("今早", 0)]
    for word, offset in offsets:
        if word in text:
            when.day = today + timedelta(days=offset)
            start = text.index(word)
            when.spans.append((start, start + len(word)))
            return
    if match := re.search(r"(?P<m>\d{1,2})月(?P<d>\d{1,2})[日号]", text):
        when.day = _next_date(today, int(match.group("m")), int(match.group("d")))
        when.spans.append(match.span())
        return
    match = re.search(rf"(?P<next>下个?|这个?|本)?{_ZH_WEEK}(?P<d>[1-7日天])", text)
    if match is not None and not text[:match.start()].endswith(("每", "每个")):
        weekday = _ZH_WEEKDAY[match.group("d")]
        qualifier = match.group("next") or ""
        if qualifier.startswith("下"):
            ahead = 7 - today.weekday() + weekday  # a day of next calendar week
        elif qualifier:
            ahead = weekday - today.weekday()  # "这周三" may already be past
        else:
            ahead = (weekday - today.weekday()) % 7 or 7
        when.day = today + timedelta(days=ahead)
        when.spans.append(match.span())


def _next_date(today: date, month: int, day_number: int) -> date | None:
    for year in (today.year, today.year + 1):
        try:
            candidate = date(year, month, day_number)
        except ValueError:
            return None
        if candidate >= today:
            return candidate
    return None


def _english_repeat(text: str, today: date, when: When) -> None:
    daily = re.search(r"\b(?:every ?day|daily|each day|every morning|every evening|every night)\b", text)
    weekdays = re.search(r"\b(?:every weekday|on weekdays|every workday|on workdays|weekdays)\b", text)
    weekends = re.search(r"\b(?:every weekend|on weekends|weekends)\b", text)
    named = re.search(rf"\b(?:every|on|each) ({_EN_WEEKDAY}(?:(?:,? and |, | )(?:every )?{_EN_WEEKDAY})*)\b",
                      text)
    monthly = re.search(r"\b(?:every month(?: on the (\d{1,2})(?:st|nd|rd|th)?)?|monthly|"
                        r"on the (\d{1,2})(?:st|nd|rd|th)? of every month)\b", text)
    weekly = re.search(r"\b(?:every week|weekly)\b", text)
    if weekdays:
        when.recurrence, span = Recurrence(Repeat.WEEKLY, WEEKDAYS), weekdays.span()
    elif weekends:
        when.recurrence, span = Recurrence(Repeat.WEEKLY, WEEKEND), weekends.span()
    elif named and ("every" in named.group(0) or "each" in named.group(0) or named.group(1).endswith("s")):
        days = frozenset(_EN_WEEKDAYS[name.rstrip("s")] for name in re.findall(_EN_WEEKDAY, named.group(1)))
        when.recurrence, span = Recurrence(Repeat.WEEKLY, days), named.span()
    elif daily:
        when.recurrence, span = Recurrence(Repeat.DAILY), daily.span()
    elif monthly:
        day_number = int(monthly.group(1) or monthly.group(2) or (when.day or today).day)
        when.recurrence, span = Recurrence(Repeat.MONTHLY, day_of_month=day_number), monthly.span()
    elif weekly:
        when.recurrence = Recurrence(Repeat.WEEKLY, frozenset({(when.day or today).weekday()}))
        span = weekly.span()
    else:
        return
    when.spans.append(span)


def _chinese_repeat(text: str, today: date, when: When) -> None:
    if match := re.search(r"(?:每个?|所有)?工作日", text):
        when.recurrence = Recurrence(Repeat.WEEKLY, WEEKDAYS)
    elif match := re.search(r"每个?周末", text):
        when.recurrence = Recurrence(Repeat.WEEKLY, WEEKEND)
    elif match := re.search(rf"每个?{_ZH_WEEK}(?P<days>[1-7日天](?:[和、及跟]?(?:{_ZH_WEEK})?[1-7日天])*)", text):
        days = frozenset(_ZH_WEEKDAY[ch] for ch in match.group("days") if ch in _ZH_WEEKDAY)
        when.recurrence = Recurrence(Repeat.WEEKLY, days)
    elif match := re.search(r"每个?月(?:的)?(?P<d>\d{1,2})?[号日]?", text):
        day_number = int(match.group("d") or (when.day or today).day)
        when.recurrence = Recurrence(Repeat.MONTHLY, day_of_month=day_number)
    elif match := re.search(r"每个?(?:周|星期|礼拜)", text):
        when.recurrence = Recurrence(Repeat.WEEKLY, frozenset({(when.day or today).weekday()}))
    elif match := re.search(r"每天|每日|天天|每晚|每天晚上|每天早上|每早", text):
        when.recurrence = Recurrence(Repeat.DAILY)
    else:
        return
    when.spans.append(match.span())


def _relative(text: str, when: When) -> None:
    duration = find_duration(text)
    if duration is None:
        return
    before, after = text[:duration.start], text[duration.end:]
    if before.endswith(("in ", "过", "再过")) or after.startswith(("后", "以后", "之后", " from now")):
        when.after_s = duration.seconds
        start = duration.start - (3 if before.endswith("in ") else 0)
        end = duration.end + next((len(w) for w in ("以后", "之后", "后", " from now") if after.startswith(w)), 0)
        when.spans.append((max(0, start), end))


def read_when(text: str, today: date) -> When:
    """Read every time expression in prepared `text`; `today` is the household's local date."""
    when = When()
    _relative(text, when)
    if when.after_s is not None:
        return when
    if re.search(r"[\u3400-\u9fff]", text):
        _chinese_day(text, today, when)
        _chinese_time(text, when)
        _chinese_repeat(text, today, when)
    else:
        _english_day(text, today, when)
        _english_time(text, when)
        _english_repeat(text, today, when)
    return when


def first_due(when: When, now: datetime, *, wake_up: bool = False) -> datetime | None:
    """Return the first moment `when` points at after `now`, or None when it names no time.

    Without a period, an hour from 1 to 11 means the next time the clock shows
    it: "at 7" said at 15:00 means 19:00. An alarm ("wake me up at 7") always
    means the morning.
    """
    zone = now.tzinfo
    assert zone is not None
    if when.after_s is not None:
        return now + timedelta(seconds=when.after_s)
    at = when.at
    if at is None:
        if when.day is None and when.recurrence is None:
            return None
        at = time(9) if when.period in (None, _AM) else time(18)
    candidates = [at]
    if when.period is None and 1 <= at.hour <= 11 and not wake_up:
        candidates.append(at.replace(hour=at.hour + 12))
    if when.recurrence is not None:
        start = datetime.combine(when.day, time(0), tzinfo=zone) - timedelta(microseconds=1) if when.day else now
        return min(when.recurrence.next_after(start, candidate, zone) for candidate in candidates)
    if when.day is not None:
        moments = [datetime.combine(when.day, candidate, tzinfo=zone) for candidate in candidates]
        future = [moment for moment in moments if moment > now]
        if when.day != now.date() or len(candidates) == 1:
            # "tomorrow at 3": 3 pm is likelier than 3 am, unless a period was said.
            return moments[-1] if when.period is None and at.hour < 7 and not wake_up else moments[0]
        return min(future) if future else None
    moments = []
    for candidate in candidates:
        moment = datetime.combine(now.date(), candidate, tzinfo=zone)
        if moment <= now:
            moment = datetime.combine(now.date() + timedelta(days=1), candidate, tzinfo=zone)
        moments.append(moment)
    return min(moments)
