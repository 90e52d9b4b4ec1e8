"""Small talk: spoken-length replies with no device claims, stop words, and the real local model."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from homeassist.modelstore import DEFAULT_MODELS_DIR
from homeassist.personal.conversation import HttpChatModel, LlmSmallTalk, make_speakable
from tests import test_llm_http
from tests.conftest import free_port
from tests.personal_home import Home

# A real llama.cpp server on 127.0.0.1, started once for this module.
server_url = test_llm_http.server_url

MODEL = DEFAULT_MODELS_DIR / "llm" / "qwen2.5-coder-0.5b-instruct-q4_k_m.gguf"
_CJK = re.compile(r"[\u3400-\u9fff]")


def test_speakable_keeps_two_sentences() -> None:
    text = "Why did the cat sit on the computer? To keep an eye on the mouse! Cats love that. Really."
    assert make_speakable(text, "en") == "Why did the cat sit on the computer? To keep an eye on the mouse!"


def test_speakable_caps_english_words() -> None:
    long_sentence = " ".join(["word"] * 90) + "."
    assert len(make_speakable(long_sentence, "en").split()) == 60


def test_speakable_caps_chinese_characters() -> None:
    text = "这是一个很长的句子" * 12 + "。"
    spoken = make_speakable(text, "zh")
    assert len(spoken) <= 80
    assert spoken.endswith("。")


def test_speakable_strips_markdown_and_lists() -> None:
    assert make_speakable("**Sure!**\n- Paris is the capital.", "en") == "Sure! Paris is the capital."


@pytest.mark.parametrize(("reply", "language", "kept"), [
    ("I have turned on the kitchen light. Have a nice evening!", "en", "Have a nice evening!"),
    ("The living room lights are now on. Enjoy!", "en", "Enjoy!"),
    ("Sure, I can turn on the light for you.", "en", ""),
    ("Let me switch that off. Good night!", "en", "Good night!"),
    ("好的，我已经帮你打开客厅的灯。祝你晚上愉快！", "zh", "祝你晚上愉快！"),
    ("卧室的空调现在开着。", "zh", ""),
])
def test_speakable_drops_device_claims(reply: str, language: Any, kept: str) -> None:
    assert make_speakable(reply, language) == kept


def test_speakable_rejects_wrong_language() -> None:
    assert make_speakable("Paris is the capital of France.", "zh") == ""
    assert make_speakable("巴黎是法国的首都。", "en") == ""


class _BrokenModel:
    def create_chat_completion(self, *args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("llama_decode returned -1")


def test_small_talk_model_failure_apologises() -> None:
    assert LlmSmallTalk(_BrokenModel())("tell me a joke", "en") == "Sorry, I don't have a good answer to that."


def test_small_talk_without_model(tmp_path: Path) -> None:
    home = Home(tmp_path)
    assert home.reply("讲个笑话") == "抱歉，语言模型没有加载，现在没法聊天。"


def test_stop_word_ends_turn(tmp_path: Path) -> None:
    home = Home(tmp_path, small_talk=lambda text, language: "unused")
    for word in ("stop", "算了", "别说了", "停"):
        reply = home.say(word)
        assert reply is not None
        assert reply.stop_speaking
        assert reply.text == ""


@pytest.fixture(scope="module")
def small_talk() -> Iterator[LlmSmallTalk]:
    if not MODEL.is_file():
        pytest.fail(f"{MODEL} is missing; run: homeassist models install qwen2.5-coder-0.5b-instruct-q4_k_m")
    from llama_cpp import Llama

    model = Llama(model_path=str(MODEL), n_ctx=1024, n_threads=2, verbose=False, seed=7)
    yield LlmSmallTalk(model, temperature=0.0)
    model.close()


@pytest.mark.slow
def test_small_talk_real_model_english(tmp_path: Path, small_talk: LlmSmallTalk) -> None:
    home = Home(tmp_path, small_talk=small_talk, language="en")
    answer = home.reply("tell me a joke")
    assert answer
    assert not _CJK.search(answer)
    assert len(answer.split()) <= 60
    assert len(re.findall(r"[.!?](?:\s|$)", answer)) <= 2


@pytest.mark.slow
def test_small_talk_real_model_chinese(tmp_path: Path, small_talk: LlmSmallTalk) -> None:
    home = Home(tmp_path, small_talk=small_talk)
    answer = home.reply("讲个笑话")
    assert _CJK.search(answer)
    assert len(answer) <= 80
    assert len(re.findall(r"[。！？]", answer)) <= 2


@pytest.mark.slow
def test_small_talk_http_server(server_url: str) -> None:
    model = HttpChatModel(server_url, "qwen2.5-coder-0.5b-instruct-q4_k_m", timeout_s=60)
    answer = LlmSmallTalk(model, temperature=0.0)("what is the capital of France", "en")
    assert "Paris" in answer
    assert len(answer.split()) <= 60


def test_small_talk_http_server_down() -> None:
    model = HttpChatModel(f"http://127.0.0.1:{free_port()}/v1", "any", timeout_s=2)
    assert LlmSmallTalk(model)("讲个笑话", "zh") == "抱歉，这个我答不上来。"
