"""Small talk through the local LLM: short, in the user's language, and never about device actions."""

from __future__ import annotations

import json
import logging
import re
import urllib.error
import urllib.request
from typing import Any, Protocol

from homeassist.i18n import Language, translate

logger = logging.getLogger(__name__)

MAX_SENTENCES = 2
MAX_ENGLISH_WORDS = 60
MAX_CHINESE_CHARACTERS = 80

_SYSTEM_PROMPTS: dict[Language, str] = {
    "en": ("You are a friendly voice assistant in a family home. Reply in English only, in one or two short "
           "spoken sentences, with no lists, code or emoji. You cannot see or control any device in this "
           "conversation: never say that you turned, set, opened or closed anything, and never say what state "
           "a device is in. You are homeassist, which runs only inside this home with no "
           "internet: you do not know the weather, the news, the date or time, or any timer, alarm or "
           "reminder, so say plainly that you cannot tell."),
    "zh": ("你是家里的语音助手，说话亲切自然。只用简体中文回答，最多两句话，不超过八十个字，不要列表、代码或表情符号。"
           "在这段对话里你看不到也控制不了任何设备：不要说你打开、关闭或调节了什么，也不要说任何设备现在的状态。"
           "你叫 homeassist，只在这个家里运行，不联网，不是任何云服务："
           "你不知道天气、新闻、日期时间，也不知道任何计时器、闹钟或提醒，被问到时直接说你无法回答。"),
}

# Sentences that claim to have changed a device or report its state; the model cannot know either.
_CLAIMS = re.compile(
    r"\b(?:i|let me)(?:'ve|'ll|'m)?\s+(?:(?:have|will|can|just|am|now|going to)\s+)*"
    r"(?:turn|switch|set|open|clos|dim|adjust|lock|unlock|start|stop|chang|activat)(?:e|ed|ing|ped|ping)?\b|"
    r"\b(?:lights?|lamps?|thermostat|heater|heating|air ?conditioner|ac|fan|door|lock|curtains?|blinds?|tv|"
    r"temperature)\b[^.!?]{0,30}\b(?:is|are|has been|have been)\s+(?:now\s+)?(?:on|off|open|closed|set|locked|"
    r"unlocked|turned|switched|at)\b|"
    r"(?:已经?|这就|马上|我已|我来|帮你|为你|给你)\s*(?:把.{0,10})?(?:打开|关闭|关掉|关上|开启|调到|调成|调高|调低|设置|设为|锁上|拉开|拉上)|"
    r"(?:灯|空调|暖气|窗帘|门|风扇|电视|温度)[^。！？]{0,10}(?:现在|目前|已经|正在)?(?:是)?"
    r"(?:开着|关着|已开|已关|打开了|关闭了|关掉了|亮了|亮着|在亮|灭了|开了|关了|调到|设为)",
    re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s*")
_CJK = re.compile(r"[\u3400-\u9fff]")


class ChatModel(Protocol):
    """The part of `llama_cpp.Llama` small talk uses."""

    def create_chat_completion(self, *args: Any, **kwargs: Any) -> Any: ...


class HttpChatModel:
    """A `ChatModel` that calls an OpenAI-compatible server's /chat/completions (llama-server, Ollama)."""

    def __init__(self, url: str, model: str, api_key: str | None = None, timeout_s: float = 20.0) -> None:
        self.endpoint = url.rstrip("/") + "/chat/completions"
        self.model = model
        self.api_key = api_key
        self.timeout_s = timeout_s

    def create_chat_completion(self, *, messages: list[dict[str, str]], max_tokens: int,
                               temperature: float) -> Any:
        """Return the server's reply in the OpenAI format; raises RuntimeError when the request failed."""
        body = {"model": self.model, "messages": messages, "max_tokens": max_tokens, "temperature": temperature}
        headers = {"Content-Type": "application/json"}
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        request = urllib.request.Request(self.endpoint, data=json.dumps(body).encode(), headers=headers,
                                         method="POST")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout_s) as response:
                return json.loads(response.read())
        except urllib.error.HTTPError as error:
            raise RuntimeError(f"{self.endpoint} returned HTTP {error.code}") from error
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            raise RuntimeError(f"{self.endpoint} failed: {error}") from error
        except json.JSONDecodeError as error:
            raise RuntimeError(f"{self.endpoint} returned a reply that is not JSON") from error


def _cap_english(sentences: list[str]) -> str:
    words: list[str] = []
    for sentence in sentences:
        sentence_words = sentence.split()
        if words and len(words) + len(sentence_words) > MAX_ENGLISH_WORDS:
            break
        words.extend(sentence_words)
    if len(words) > MAX_ENGLISH_WORDS:
        words = words[:MAX_ENGLISH_WORDS]
        words[-1] = words[-1].rstrip(",;:") + "."
    return " ".join(words)


def _cap_chinese(sentences: list[str]) -> str:
    text = ""
    for sentence in sentences:
        if text and len(text) + len(sentence) > MAX_CHINESE_CHARACTERS:
            break
        text += sentence
    if len(text) > MAX_CHINESE_CHARACTERS:
        text = text[:MAX_CHINESE_CHARACTERS - 1].rstrip("，、；：") + "。"
    return text


def make_speakable(text: str, language: Language) -> str:
    """Shorten a model reply to what is pleasant to hear, without device claims.

    Keeps at most two sentences and about 60 English words or 80 Chinese
    characters, removes markdown and sentences that claim a device action
    or state, and returns "" when nothing usable in `language` is left.
    """
    text = re.sub(r"[*_`#>|]+", "", text)
    text = re.sub(r"^\s*(?:[-•]|\d+[.)])\s*", "", text, flags=re.MULTILINE)
    text = " ".join(text.split())
    sentences = [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]
    kept = [s for s in sentences if not _CLAIMS.search(s)]
    if len(kept) < len(sentences):
        logger.info("small talk: dropped %d sentence(s) that claimed a device action or state",
                    len(sentences) - len(kept))
    kept = kept[:MAX_SENTENCES]
    if not kept:
        return ""
    if language == "zh":
        result = _cap_chinese(kept)
        return result if _CJK.search(result) else ""
    result = _cap_english(kept)
    # A reply mostly in Chinese to an English question is not usable.
    return "" if len(_CJK.findall(result)) > len(result) / 4 else result


class LlmSmallTalk:
    """A `small_talk` callable backed by a chat model: a `llama_cpp.Llama` or an `HttpChatModel`.

    With the 0.5B Qwen model in this process a call blocks for about a second
    on two CPU cores, so run it in the inference worker thread that owns the model.
    """

    def __init__(self, model: ChatModel, max_tokens: int = 96, temperature: float = 0.6) -> None:
        self.model = model
        self.max_tokens = max_tokens
        self.temperature = temperature

    def __call__(self, text: str, language: Language) -> str:
        messages = [{"role": "system", "content": _SYSTEM_PROMPTS[language]}, {"role": "user", "content": text}]
        try:
            result = self.model.create_chat_completion(messages=messages, max_tokens=self.max_tokens,
                                                       temperature=self.temperature)
            content = str(result["choices"][0]["message"]["content"] or "")
        except (RuntimeError, ValueError, KeyError, IndexError, TypeError) as error:
            logger.warning("small talk failed: %s", error)
            return translate("personal_small_talk_failed", language)
        spoken = make_speakable(content, language)
        if not spoken:
            logger.info("small talk: nothing speakable in the model reply %.120r", content)
            return translate("personal_small_talk_failed", language)
        return spoken
