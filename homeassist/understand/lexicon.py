"""Signal words of the rule path: verbs, question markers, scopes and fillers.

Each phrase is in normalised form and maps to one or more `Signal`s; the
parser decides from the combination which action a sentence asks for.
"""

from __future__ import annotations

from enum import Enum, auto


class Signal(Enum):
    ON = auto()
    OFF = auto()
    OPEN = auto()
    CLOSE = auto()
    TOGGLE = auto()
    TURN = auto()  # "turn"/"switch" whose particle ("on", "off") may come later
    PARTICLE_ON = auto()
    PARTICLE_OFF = auto()
    LIGHT_UP = auto()  # "light up", "illuminate": on, and the target is lights
    SET = auto()
    QUESTION = auto()
    BRIGHTNESS = auto()
    BRIGHTER = auto()
    DIMMER = auto()
    MAX = auto()
    MIN = auto()
    TEMPERATURE = auto()
    TEMPERATURE_QUESTION = auto()  # "how warm is it", "多少度"
    WARMER = auto()
    COOLER = auto()
    UP = auto()  # "turn up", "调高": brighter for a light, warmer for a thermostat
    DOWN = auto()
    COLOR = auto()
    COLOR_TEMP = auto()
    POSITION = auto()
    SPEED = auto()
    MODE = auto()
    HOME = auto()  # the whole home
    HERE = auto()  # the room the speaker is in
    ALL = auto()
    PRONOUN = auto()  # "it", "它": the devices of the previous turn
    ALSO = auto()  # "also", "那…呢": repeat the previous action elsewhere
    AND = auto()  # "and", "和": the sentence lists several targets
    NEVERMIND = auto()
    BY = auto()  # "by 2 degrees": the value is a change
    FILLER = auto()  # allowed words that carry no meaning of their own


S = Signal

SIGNAL_PHRASES: dict[str, tuple[Signal, ...]] = {
    # English: switching
    "turn on": (S.ON,), "switch on": (S.ON,), "power on": (S.ON,), "bring on": (S.ON,),
    "put on": (S.ON,), "activate": (S.ON,), "enable": (S.ON,), "start": (S.ON,),
    "turn off": (S.OFF,), "switch off": (S.OFF,), "power off": (S.OFF,), "bring off": (S.OFF,),
    "shut off": (S.OFF,), "shut down": (S.OFF,), "deactivate": (S.OFF,), "disable": (S.OFF,),
    "kill": (S.OFF,), "stop": (S.OFF,),
    "turn": (S.TURN,), "switch": (S.TURN,), "bring": (S.TURN,),
    "on": (S.PARTICLE_ON,), "off": (S.PARTICLE_OFF,), "out": (S.PARTICLE_OFF,),
    "toggle": (S.TOGGLE,), "flip": (S.TOGGLE,),
    "light up": (S.LIGHT_UP,), "light it up": (S.LIGHT_UP,), "illuminate": (S.LIGHT_UP,),
    "light": (S.LIGHT_UP,),  # a verb only in "light this room up", else a noun
    "up": (S.UP,), "down": (S.DOWN,),
    "open": (S.OPEN,), "close": (S.CLOSE,), "shut": (S.CLOSE,), "raise": (S.OPEN, S.UP),
    "lower": (S.CLOSE, S.DOWN), "draw": (S.CLOSE,), "roll up": (S.OPEN,), "roll down": (S.CLOSE,),
    "pull up": (S.OPEN,), "pull down": (S.CLOSE,),
    # English: setting values
    "set": (S.SET,), "change": (S.SET,), "make": (S.SET,), "adjust": (S.SET,), "put": (S.SET,),
    "to": (S.FILLER,),
    "brightness": (S.BRIGHTNESS,), "bright": (S.BRIGHTNESS,),
    "brighter": (S.BRIGHTER,), "brighten": (S.BRIGHTER,), "lighter": (S.BRIGHTER,),
    "dim": (S.DIMMER,), "dimmer": (S.DIMMER,), "darker": (S.DIMMER,), "darken": (S.DIMMER,),
    "max": (S.MAX,), "maximum": (S.MAX,), "highest": (S.MAX,), "full": (S.MAX,),
    "min": (S.MIN,), "minimum": (S.MIN,), "lowest": (S.MIN,),
    "temperature": (S.TEMPERATURE,), "temp": (S.TEMPERATURE,),
    "warmer": (S.WARMER,), "hotter": (S.WARMER,), "turn up the heat": (S.WARMER,),
    "turn the heat up": (S.WARMER,), "turn the heating up": (S.WARMER,),
    "cooler": (S.COOLER,), "colder": (S.COOLER,), "turn down the heat": (S.COOLER,),
    "turn the heat down": (S.COOLER,), "turn the heating down": (S.COOLER,),
    "increase": (S.UP,), "decrease": (S.DOWN,), "turn up": (S.UP,), "turn down": (S.DOWN,),
    "how warm": (S.TEMPERATURE_QUESTION,), "how hot": (S.TEMPERATURE_QUESTION,),
    "how cold": (S.TEMPERATURE_QUESTION,),
    "color": (S.COLOR,), "colour": (S.COLOR,), "color temperature": (S.COLOR_TEMP,),
    "colour temperature": (S.COLOR_TEMP,), "white balance": (S.COLOR_TEMP,),
    "position": (S.POSITION,), "speed": (S.SPEED,), "fan speed": (S.SPEED,),
    "mode": (S.MODE,), "by": (S.BY,),
    # English: questions
    "is": (S.QUESTION,), "are": (S.QUESTION,), "what": (S.QUESTION,),
    "which": (S.QUESTION,), "how many": (S.QUESTION,), "how much": (S.QUESTION,),
    "how": (S.QUESTION,), "any": (S.QUESTION,), "does": (S.QUESTION,), "do": (S.QUESTION,),
    "when": (S.QUESTION,), "tell me if": (S.QUESTION,), "tell me whether": (S.QUESTION,),
    "tell me": (S.QUESTION,), "check": (S.QUESTION,), "status": (S.QUESTION,),
    # English: scope
    "everywhere": (S.HOME,), "house": (S.HOME,), "home": (S.HOME,), "apartment": (S.HOME,),
    "all over": (S.HOME,), "every room": (S.HOME,), "each room": (S.HOME,),
    "all the rooms": (S.HOME,), "all rooms": (S.HOME,), "all my rooms": (S.HOME,),
    "every area": (S.HOME,), "all areas": (S.HOME,), "throughout": (S.HOME,),
    "across": (S.HOME,), "entire": (S.HOME,), "whole": (S.HOME,), "flat": (S.HOME,),
    "here": (S.HERE,), "this room": (S.HERE,), "the room": (S.HERE,), "my room": (S.HERE,),
    "our room": (S.HERE,), "this space": (S.HERE,), "in here": (S.HERE,),
    "all": (S.ALL,), "every": (S.ALL,), "each": (S.ALL,), "each and every": (S.ALL,),
    "every single": (S.ALL,), "both": (S.ALL,),
    "it": (S.PRONOUN,), "them": (S.PRONOUN,), "that": (S.PRONOUN,), "those": (S.PRONOUN,),
    "also": (S.ALSO,), "too": (S.ALSO,), "as well": (S.ALSO,), "what about": (S.ALSO,),
    "how about": (S.ALSO,), "and": (S.FILLER, S.ALSO, S.AND),
    "never mind": (S.NEVERMIND,), "nevermind": (S.NEVERMIND,), "cancel": (S.NEVERMIND,),
    "forget it": (S.NEVERMIND,),
    # English: words allowed around a command
    "the": (S.FILLER,), "a": (S.FILLER,), "an": (S.FILLER,), "of": (S.FILLER,),
    "in": (S.FILLER,), "at": (S.FILLER,), "my": (S.FILLER,), "our": (S.FILLER,),
    "your": (S.FILLER,), "i": (S.FILLER,), "me": (S.FILLER,), "want": (S.FILLER,),
    "make sure": (S.FILLER,), "for": (S.FILLER,), "now": (S.FILLER,), "right": (S.FILLER,),
    "there": (S.FILLER,), "be": (S.FILLER,), "with": (S.FILLER,), "some": (S.FILLER,),
    "level": (S.FILLER,), "value": (S.FILLER,), "state": (S.FILLER,), "current": (S.FILLER,),
    "currently": (S.FILLER,), "percent": (S.FILLER,), "degrees": (S.FILLER,),
    "kelvin": (S.FILLER,), "room": (S.FILLER,), "rooms": (S.FILLER,), "area": (S.FILLER,),
    "areas": (S.FILLER,), "single": (S.FILLER,), "again": (S.FILLER,), "please": (S.FILLER,),
    "can": (S.FILLER,), "could": (S.FILLER,), "would": (S.FILLER,), "you": (S.FILLER,),
    "little": (S.FILLER,), "bit": (S.FILLER,), "more": (S.FILLER,), "let": (S.FILLER,),
    "us": (S.FILLER,), "will": (S.FILLER,), "if": (S.FILLER,),
    # Chinese: switching
    "打开": (S.ON, S.OPEN), "开启": (S.ON, S.OPEN), "启动": (S.ON,), "点亮": (S.LIGHT_UP,),
    "开开": (S.ON, S.OPEN), "开": (S.ON, S.OPEN), "拉开": (S.OPEN,), "升起": (S.OPEN,),
    "卷起": (S.OPEN,), "收起": (S.OPEN,),
    "关闭": (S.OFF, S.CLOSE), "关掉": (S.OFF, S.CLOSE), "关上": (S.OFF, S.CLOSE),
    "熄灭": (S.OFF,), "关": (S.OFF, S.CLOSE), "灭": (S.OFF,), "拉上": (S.CLOSE,),
    "合上": (S.CLOSE,), "放下": (S.CLOSE,), "降下": (S.CLOSE,), "停": (S.OFF,),
    "切换": (S.TOGGLE,),
    # Chinese: setting values
    "调到": (S.SET,), "调成": (S.SET,), "调为": (S.SET,), "调至": (S.SET,), "设置为": (S.SET,),
    "设置到": (S.SET,), "设置成": (S.SET,), "设置": (S.SET,), "设为": (S.SET,), "设成": (S.SET,),
    "设定为": (S.SET,), "设定": (S.SET,), "调节为": (S.SET,), "调节到": (S.SET,),
    "调节": (S.SET,), "调整为": (S.SET,), "调整到": (S.SET,), "调整": (S.SET,), "调": (S.SET,),
    "改为": (S.SET,), "改成": (S.SET,), "变成": (S.SET,), "换成": (S.SET,),
    "开到": (S.SET, S.POSITION), "关到": (S.SET, S.POSITION), "拉到": (S.SET, S.POSITION),
    "亮度": (S.BRIGHTNESS,),
    "调亮": (S.BRIGHTER,), "亮一点": (S.BRIGHTER,), "亮一些": (S.BRIGHTER,), "变亮": (S.BRIGHTER,),
    "再亮": (S.BRIGHTER,), "更亮": (S.BRIGHTER,), "太暗": (S.BRIGHTER,), "亮点": (S.BRIGHTER,),
    "调暗": (S.DIMMER,), "暗一点": (S.DIMMER,), "暗一些": (S.DIMMER,), "变暗": (S.DIMMER,),
    "再暗": (S.DIMMER,), "更暗": (S.DIMMER,), "太亮": (S.DIMMER,), "暗点": (S.DIMMER,),
    "最亮": (S.MAX,), "最大": (S.MAX,), "最高": (S.MAX,), "最暗": (S.MIN,), "最小": (S.MIN,),
    "最低": (S.MIN,),
    "温度": (S.TEMPERATURE,), "室温": (S.TEMPERATURE,),
    "多少度": (S.TEMPERATURE_QUESTION,), "几度": (S.TEMPERATURE_QUESTION,),
    "热一点": (S.WARMER,), "暖和一点": (S.WARMER,), "暖一点": (S.WARMER,), "太冷": (S.WARMER,),
    "冷一点": (S.COOLER,), "凉快一点": (S.COOLER,), "凉一点": (S.COOLER,), "太热": (S.COOLER,),
    "调高": (S.UP,), "升高": (S.UP,), "高一点": (S.UP,), "高一些": (S.UP,), "提高": (S.UP,),
    "增加": (S.UP,), "加": (S.UP,), "大一点": (S.UP,), "调大": (S.UP,),
    "调低": (S.DOWN,), "降低": (S.DOWN,), "低一点": (S.DOWN,), "低一些": (S.DOWN,),
    "减少": (S.DOWN,), "减": (S.DOWN,), "小一点": (S.DOWN,), "调小": (S.DOWN,),
    "颜色": (S.COLOR,), "色温": (S.COLOR_TEMP,), "位置": (S.POSITION,), "风速": (S.SPEED,), "档": (S.SPEED,),
    "挡": (S.SPEED,), "模式": (S.MODE,),
    # Chinese: questions
    "吗": (S.QUESTION,), "是不是": (S.QUESTION,), "有没有": (S.QUESTION,), "几个": (S.QUESTION,),
    "多少": (S.QUESTION,), "哪个": (S.QUESTION,), "哪些": (S.QUESTION,), "什么": (S.QUESTION,),
    "怎么样": (S.QUESTION,), "怎样": (S.QUESTION,), "如何": (S.QUESTION,), "开着不": (S.QUESTION,),
    "关着不": (S.QUESTION,), "没有": (S.QUESTION,), "状态": (S.QUESTION,), "开着": (S.QUESTION,),
    "关着": (S.QUESTION,),
    # Chinese: scope and follow-ups
    "全屋": (S.HOME,), "全家": (S.HOME,), "家里": (S.HOME,), "所有房间": (S.HOME,),
    "整个房子": (S.HOME,), "每个房间": (S.HOME,), "到处": (S.HOME,),
    "这里": (S.HERE,), "这儿": (S.HERE,), "这个房间": (S.HERE,),
    "所有的": (S.ALL,), "所有": (S.ALL,), "全部的": (S.ALL,), "全部": (S.ALL,), "都": (S.ALL,),
    "它们": (S.PRONOUN,), "它": (S.PRONOUN,),
    "也": (S.ALSO,), "那": (S.ALSO,), "还有": (S.ALSO, S.AND),
    "没关系": (S.NEVERMIND,), "没事儿": (S.NEVERMIND,), "没事了": (S.NEVERMIND,),
    "没事": (S.NEVERMIND,), "算了": (S.NEVERMIND,), "再见": (S.NEVERMIND,),
    "闭嘴": (S.NEVERMIND,), "退下": (S.NEVERMIND,), "取消": (S.NEVERMIND,),
    "的": (S.FILLER,), "把": (S.FILLER,), "将": (S.FILLER,), "给": (S.FILLER,),
    "是": (S.FILLER,), "了": (S.FILLER,), "现在": (S.FILLER,), "当前": (S.FILLER,),
    "目前": (S.FILLER,), "有": (S.FILLER,), "个": (S.FILLER,), "里": (S.FILLER,),
    "里面": (S.FILLER,), "一点": (S.FILLER,), "一些": (S.FILLER,), "再": (S.FILLER,),
    "到": (S.FILLER,), "为": (S.FILLER,), "成": (S.FILLER,), "和": (S.FILLER, S.AND),
    "跟": (S.FILLER, S.AND), "与": (S.FILLER, S.AND), "以及": (S.FILLER, S.AND),
    "度": (S.FILLER,), "下": (S.FILLER,), "上": (S.FILLER,), "房间": (S.FILLER,),
}

# Everyday Chinese words that contain a command character (关于 has 关 "off",
# 开心 has 开 "on", 空调 aside). They are read as ordinary words, so that a
# sentence about something else is not taken for a command.
ORDINARY_WORDS = frozenset({
    "关于", "关系", "关心", "关注", "有关", "相关", "机关", "关键", "海关", "难关",
    "开心", "开始", "开车", "开会", "公开", "离开", "开学", "开放", "开发", "开玩笑",
    "开头", "开口", "开饭", "开水", "开业", "开花", "开朗", "展开", "分开", "开销",
    "消灭", "灭火", "停车", "停留", "加油", "加班", "参加", "更加", "加入", "减肥",
    "调查", "强调", "协调", "调皮", "单调", "语调", "门口", "部门", "专门", "热门",
    "出门", "窗口", "态度", "速度", "程度", "年度", "角度", "度假", "上班", "上学",
    "晚上", "早上", "上海", "下午", "下雨", "下班", "下载", "到底", "看到", "找到",
    "收到", "迟到", "因为", "为什么", "认为", "成为", "成功", "完成", "但是", "还是",
    "就是", "可是", "那么", "那些", "那里", "哪里", "公里",
})

# Words that turn a sentence into a question only at its start ("is the lamp on").
QUESTION_AT_START = frozenset({"is", "are", "what", "which", "how many", "how much",
                               "how", "any", "does", "do", "when", "tell me if",
                               "tell me whether", "tell me", "check"})
