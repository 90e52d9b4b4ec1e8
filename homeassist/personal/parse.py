"""Read personal-assistant requests in English and Chinese from one transcript.

`parse` returns None for anything else, so device commands keep their own path.
Every pattern runs on text from `personal.text.prepare`: lower case, Simplified
Chinese, digits for spoken numbers, no punctuation.
"""

from __future__ import annotations

import re
from datetime import date

from homeassist.personal.durations import find_duration
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
from homeassist.personal.text import prepare
from homeassist.personal.when import read_when

# Whole utterances that interrupt speech or a ringing timer.
STOP_WORDS = frozenset({
    "stop", "stop it", "stop talking", "be quiet", "quiet", "shut up", "enough", "that is enough",
    "never mind", "nevermind", "cancel", "silence", "ok stop", "okay stop", "stop the alarm",
    "stop ringing", "turn off the alarm", "dismiss",
    "停", "停下", "停止", "停停", "停一下", "算了", "别说了", "不要说了", "别响了", "不要响了", "闭嘴", "安静",
    "够了", "好了好了", "关掉闹钟", "关闹钟", "别吵了",
})
YES_WORDS = frozenset({
    "yes", "yeah", "yep", "yup", "sure", "ok", "okay", "please", "yes please", "please do", "do it",
    "go ahead", "sounds good", "of course", "alright", "all right",
    "好", "好的", "好啊", "好吧", "可以", "可以的", "行", "行啊", "是", "是的", "要", "要的", "嗯", "嗯嗯", "对",
    "打开吧", "开吧", "麻烦了", "没问题",
})
NO_WORDS = frozenset({
    "no", "nope", "no thanks", "no thank you", "nah", "do not", "dont", "not now", "no need", "leave it",
    "不", "不用", "不用了", "不要", "不要了", "不了", "不必", "别", "先不用", "不需要", "算了吧", "暂时不用",
})

_TIMER_EN = r"\btimers?\b"
_TIMER_ZH = r"计时器|定时器|倒计时|计时"
_TIMER = rf"(?:{_TIMER_EN}|{_TIMER_ZH})"
_TIMER_STATUS = (r"\bhow (?:much time|long)\b.*\bleft\b|\btime (?:is )?left\b|\btimer status\b|"
                 r"\bhow (?:is|are) (?:my|the) \w* ?timers?\b|还剩|还有多久|还有多少时间|还要多久|剩多少")
_CANCEL = r"\b(?:cancel|stop|delete|remove|clear|turn off|kill|end)\b|取消|删除|删掉|关掉|关闭|停止|停掉|不要了"
_EN_NAME_STOP = {"a", "an", "the", "my", "set", "start", "new", "another", "me", "for", "up", "please", "of",
                 "one", "second", "minute", "hour", "minutes", "hours", "seconds", "create", "make", "put", "on",
                 "and", "to", "this", "that", "all", "timer", "timers", "is", "left", "with", "how",
                 "much", "time", "cancel", "stop", "pause", "resume", "delete", "remove", "add", "take", "off",
                 "from", "more", "continue", "unpause", "restart", "long", "what", "status", "check"}
# Words spoken before a Chinese timer name ("帮我设1个煮面的计时器"), stripped from its start.
_ZH_NAME_PREFIXES = ("设置", "设定", "设", "定", "开始", "启动", "开", "帮我", "给我", "给", "请", "来", "一个",
                     "1个", "个", "取消", "删除", "删掉", "关掉", "关闭", "停止", "暂停", "继续", "恢复", "把", "再",
                     "所有", "全部", "那个", "这个", "查看", "看看", "的")


def _has(pattern: str, text: str) -> bool:
    return re.search(pattern, text) is not None


def _english_timer_name(text: str) -> str:
    if match := re.search(r"\b(?:called|named) (\w+(?: \w+)?)", text):
        return match.group(1)
    if match := re.search(r"((?:\w+ ){0,2})timer\b", text):
        words = [w for w in match.group(1).split() if w not in _EN_NAME_STOP and not w[0].isdigit()]
        if words:
            return " ".join(words)
    if match := re.search(r"\btimer for (?:the |my )?([a-z]+(?: [a-z]+)?)$", text):
        words = [w for w in match.group(1).split() if w not in _EN_NAME_STOP]
        return " ".join(words)
    return ""


def _chinese_timer_name(text: str) -> str:
    match = re.search(rf"([\u4e00-\u9fff\d.]{{1,12}}?)的?(?:{_TIMER_ZH})", text)
    if match is None:
        return ""
    # Durations and their units are not part of a name ("10分钟计时器").
    name = re.sub(r"\d+(?:\.\d+)?(?:个)?半?(?:小时|分钟|钟头|秒钟|秒|分)?半?", "", match.group(1))
    stripped = True
    while stripped and name:
        stripped = False
        for prefix in _ZH_NAME_PREFIXES:
            if name.startswith(prefix):
                name, stripped = name[len(prefix):], True
    return name


def timer_name(text: str) -> str:
    """Return the timer name in prepared `text` ("pasta", "煮面"), or ""."""
    return _chinese_timer_name(text) if re.search(r"[\u3400-\u9fff]", text) else _english_timer_name(text)


def _parse_timer(text: str) -> Request | None:
    chinese = bool(re.search(r"[\u3400-\u9fff]", text))
    mentions_timer = _has(_TIMER, text) or (chinese and _has(r"定个?\d.*闹钟|\d.*的闹钟", text))
    name = timer_name(text) or None
    everything = _has(r"\ball (?:the |my )?timers|\bevery timer|所有|全部", text)

    if mentions_timer and _has(_CANCEL, text):
        return CancelTimer(None if everything else name, everything)
    if mentions_timer and _has(r"\bpause\b|\bhold\b|暂停", text):
        return PauseTimer(name)
    if mentions_timer and _has(r"\b(?:resume|continue|unpause|restart|start again)\b|继续|恢复", text):
        return ResumeTimer(name)
    if _has(_TIMER_STATUS, text) and (mentions_timer or not _has(r"\b(?:until|till|before)\b|离|距离|到", text)):
        return TimerStatus(name)

    if not mentions_timer and _has(_REMIND_EN if not chinese else _REMIND_ZH, text):
        return None  # "remind me in 20 minutes to add salt" is a reminder
    duration = find_duration(text)
    if duration is not None:
        before = text[:duration.start]
        english_add = re.search(r"\b(?:add|plus|extend|give it)\b|\bmore\b|\bextra\b", text)
        english_subtract = re.search(
            r"\b(?:subtract|remove|minus|take away|reduce|shorten)\b|\btake\b.*\boff\b|\bless\b", text)
        # Chinese puts the verb right before the amount ("加五分钟"); "加热十分钟" is not an addition.
        if english_subtract or (chinese and re.search(r"(?:减|减去|减少|少|缩短)$", before)):
            return AdjustTimer(-duration.seconds, name)
        if english_add or (chinese and re.search(r"(?:加|加上|多加|再加|延长)$", before)):
            return AdjustTimer(duration.seconds, name)
        # A bare duration ("10 minutes", "十分钟") is how people often start a timer.
        bare = re.fullmatch(r"(?:set |start |设|定|开始)?\s*", text[:duration.start]) is not None
        bare = bare and not text[duration.end:].strip()
        countdown = _has(r"^(?:set |start )?(?:a |an )?(?:countdown|count down)\b|^倒计时|^计时", text)
        if mentions_timer or bare or countdown:
            return StartTimer(duration.seconds, name or "")
    return None


_REMIND_EN = r"\bremind(?:er)?s?\b|\bwake me\b|\balarms?\b|\bget me up\b|^remember to\b"
_REMIND_ZH = r"提醒|叫我|叫醒|闹钟|喊我"
# A sentence that starts like this requests a reminder even when it names no time ("提醒我买牛奶").
_EXPLICIT_REMINDER = (r"^(?:remind me|remember to|set an? (?:reminder|alarm)|wake me)\b|"
                      r"^提醒我|^叫我|^叫醒我|^设1?个?(?:提醒|闹钟)")


def _second_person(what: str) -> str:
    replaced = re.sub(r"\bmy\b", "your", what)
    replaced = re.sub(r"\bme\b", "you", replaced)
    replaced = re.sub(r"\bi am\b", "you are", replaced)
    replaced = re.sub(r"\bi\b", "you", replaced)
    replaced = re.sub(r"\bmyself\b", "yourself", replaced)
    return replaced.replace("我", "你")


def _reminder_what(text: str, spans: list[tuple[int, int]]) -> str:
    kept = list(text)
    for start, end in spans:
        for index in range(start, min(end, len(kept))):
            kept[index] = " "
    remainder = " ".join("".join(kept).split())
    if re.search(r"[\u3400-\u9fff]", remainder):
        remainder = remainder.replace(" ", "")
        match = re.search(r"(?:提醒我|提醒|叫我|叫醒我|喊我)(?:一下|去|要|该)?(.*)", remainder)
        what = match.group(1) if match else ""
        what = re.sub(r"^(?:的|在|是)|(?:的闹钟|闹钟|的提醒)$", "", what)
        if not what and ("叫醒" in remainder or "叫我" in remainder):
            what = "起床"
        return _second_person(what.strip())
    match = re.search(r"\b(?:remind me|reminder|alarm|remember)\b(?: (?:to|that|about|for|of))?(.*)", remainder)
    what = match.group(1) if match else ""
    what = re.sub(r"^\s*(?:to|that|about|for|of|at|on)\b", "", what)
    what = re.sub(r"\b(?:at|on|in|by|for)\s*$", "", what).strip()
    if not what and re.search(r"\bwake me\b|\bget me up\b", remainder):
        what = "wake up"
    return _second_person(what)


def _parse_schedule(text: str, today: date) -> Request | None:
    chinese = bool(re.search(r"[\u3400-\u9fff]", text))
    reminder_word = _has(_REMIND_ZH if chinese else _REMIND_EN, text)
    deleting = _has(r"\b(?:delete|remove|cancel|clear|drop|turn off)\b|删除|删掉|取消|去掉|不要", text)
    if reminder_word and deleting:
        everything = _has(r"\ball\b|\bevery\b|所有|全部", text)
        alarms_only = _has(r"\balarms?\b|闹钟", text) and not _has(r"\breminders?\b|提醒", text)
        what = text
        for noise in (r"\b(?:delete|remove|cancel|clear|drop|turn off|the|my|all|reminders?|alarms?|please|"
                      r"about|to|for|of|every)\b", "删除|删掉|取消|去掉|不要|所有|全部|提醒|闹钟|的|我|那个|这个"):
            what = re.sub(noise, " ", what)
        return DeleteReminder(_second_person(" ".join(what.split()) if not chinese else what.replace(" ", "")),
                              everything, alarms_only)
    asks_schedule = _has(
        r"\bwhat is on\b|\bwhat do i have\b|\bmy (?:schedule|agenda|reminders|alarms)\b|\bany (?:reminders|alarms)\b|"
        r"\bwhat (?:reminders|alarms)\b|\blist (?:my |the |all )?(?:reminders|alarms)\b|\bschedule\b|"
        r"什么安排|有安排吗|什么日程|哪些提醒|什么提醒|哪些闹钟|什么闹钟|几个闹钟|我的提醒|我的闹钟|日程", text)
    if asks_schedule:
        return ListSchedule(1 if _has(r"\btomorrow\b|明天", text) else 0)
    if not reminder_word:
        return None
    when = read_when(text, today)
    if not when.found and not _has(_EXPLICIT_REMINDER, text):
        return None
    alarm = _has(r"\bwake me\b|\balarm\b|\bget me up\b|叫我|叫醒|闹钟|喊我", text)
    return CreateReminder(_reminder_what(text, when.spans), when, alarm)


def _parse_memory(text: str) -> Request | None:
    if _has(r"\bwhat do you (?:remember|know) about me\b|\bwhat do you remember\b|\bwhat have you remembered\b|"
            r"你记得我什么|你记住了什么|你记得什么|你还记得我什么|你都记得什么|你知道我什么|关于我你记得", text):
        return RecallMemory()
    if _has(r"^(?:please )?forget (?:about )?(?:that|it|this)$|^忘(?:掉|记|了)(?:它|这个|那个|吧)?$|^不用记了$", text):
        return Forget(None)
    if _has(r"^forget everything|^forget all|忘掉所有|全部忘掉|忘记所有|都忘掉", text):
        return Forget(None, everything=True)
    if match := re.match(r"^(?:please )?forget (?:that |about )?(.+)$|^(?:忘掉|忘记|别记得|不要记住)(.+)$", text):
        return Forget(_second_person_back(match.group(1) or match.group(2)))
    if match := re.match(r"^(?:please )?remember (?:that )?(.+)$|^(?:请)?记住(.+)$|^(?:请)?记一下(.+)$", text):
        return Remember(match.group(1) or match.group(2) or match.group(3))
    return None


def _second_person_back(fact: str) -> str:
    return fact.strip()


_PREFERENCE_EN = (r"\b(?:comfortable|comfy|cosy|cozy|the way i like|how i like|to my liking|my preferred|"
                  r"my usual|my favou?rite (?:temperature|setting))\b")
_PREFERENCE_ZH = r"舒服|舒适|我喜欢的|我习惯的|老样子|我平时的|我常用的"


def _parse_preference(text: str) -> Request | None:
    # "is the bedroom comfortable" and "卧室舒服吗" are questions, not requests to act.
    question = _has(r"^(?:is|are|was|does|do|how|why|what|which)\b|吗$|不舒服|怎么样", text)
    if not question and (_has(_PREFERENCE_EN, text) or _has(_PREFERENCE_ZH, text)):
        return ApplyPreference(text)
    return None


def _parse_sensor(text: str) -> Request | None:
    if _has(r"\bhow (?:humid|damp|dry)\b|\bhumidity\b|湿度|多潮|潮不潮|干不干", text):
        return SensorQuestion("humidity", text)
    asks_setpoint = _has(r"\bset to\b|\bsetpoint\b|\btarget\b|设的|设成|设在|开的|调的|调到|调成", text)
    if not asks_setpoint and _has(r"\bhow (?:warm|hot|cold|cool)\b|\bwhat is the temperature\b|"
                                  r"\btemperature (?:in|of)\b|多少度|几度|温度多少|温度是多少|温度怎么样|多热|多冷|"
                                  r"热不热|冷不冷", text):
        return SensorQuestion("temperature", text)
    return None


def _parse_clock(text: str) -> Request | None:
    if _has(r"^(?:what time is it|what is the time|do you have the time|tell me the time)(?: now)?$|"
            r"^(?:现在)?几点(?:了|钟)?$|^现在什么时间$|^现在是几点$", text):
        return ClockQuestion("time")
    if _has(r"^(?:what is the date|what date is it|what is today date|what day is (?:it|today))(?: today)?$|"
            r"^今天(?:是)?(?:几号|几月几号|星期几|周几|礼拜几|什么日子)$", text):
        return ClockQuestion("date")
    return None


def _parse_small_talk(text: str) -> Request | None:
    # Greetings count only as the whole sentence, so "hello, turn on the light" stays a device command.
    if _has(r"^(?:hello|hi|hi there|hey|good morning|good evening|good night|thank you|thanks|"
            r"thank you very much|how are you|who are you|what is your name|what can you do)(?: \w+)?$|"
            r"^(?:你好|您好|早上好|早安|晚上好|晚安|谢谢|谢谢你|你好吗|你是谁|你叫什么名字?|你会什么|你能做什么|"
            r"聊聊天)$", text):
        return SmallTalk()
    if _has(r"\b(?:tell|know) (?:me )?(?:a|another|some|any) (?:jokes?|story|stories|riddles?)\b|\bjoke\b|"
            r"笑话|讲个故事|讲故事|说个故事|脑筋急转弯", text):
        return SmallTalk()
    return None


def parse(text: str, today: date) -> Request | None:
    """Return the personal-assistant request in `text`, or None when it is not one."""
    prepared = prepare(text)
    if not prepared:
        return None
    if prepared in STOP_WORDS:
        return Stop()
    if _has(r"^snooze\b|^(?:let me )?sleep (?:a bit|\d+ more minutes?)|^贪睡|^再睡", prepared):
        duration = find_duration(prepared)
        return Snooze(duration.seconds if duration else None)
    if prepared in YES_WORDS:
        return Reply(yes=True)
    if prepared in NO_WORDS:
        return Reply(yes=False)
    for reader in (_parse_timer, lambda t: _parse_schedule(t, today), _parse_memory, _parse_preference,
                   _parse_sensor, _parse_clock, _parse_small_talk):
        request = reader(prepared)
        if request is not None:
            return request
    return None
