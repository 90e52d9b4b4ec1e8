"""Remembered preferences: storing, listing, forgetting, and using them in a later request."""

from __future__ import annotations

from pathlib import Path

import pytest

from homeassist.understand.intent import Action, Intent
from tests.personal_home import Home


@pytest.fixture
def home(tmp_path: Path) -> Home:
    return Home(tmp_path)


def test_preference_english_used_later(home: Home) -> None:
    assert home.reply("Remember that I like the bedroom at 24 degrees") == (
        "OK, I'll remember that you like the bedroom at 24 degrees.")
    reply = home.say("make the bedroom comfortable")
    assert reply is not None
    assert reply.text == "You like the bedroom at 24 degrees."
    assert reply.intent == Intent(Action.SET_TEMPERATURE, ("bedroom_ac",), 24.0)


def test_preference_chinese_used_later(home: Home) -> None:
    assert home.reply("记住我喜欢卧室二十四度") == "好的，我记住了：你喜欢卧室24度。"
    reply = home.say("把卧室调舒服点")
    assert reply is not None
    assert reply.text == "你喜欢卧室24度。"
    assert reply.intent == Intent(Action.SET_TEMPERATURE, ("bedroom_ac",), 24.0)


def test_preference_survives_restart(home: Home) -> None:
    home.reply("记住我喜欢客厅二十二度")
    home.restart()
    reply = home.say("make the living room comfortable")
    assert reply is not None
    assert reply.intent == Intent(Action.SET_TEMPERATURE, ("living_room_heater",), 22.0)


def test_preference_new_setpoint_replaces_old(home: Home) -> None:
    home.reply("Remember that I like the bedroom at 24 degrees")
    assert home.reply("记住我喜欢卧室二十三度") == "好的，我记住了：你喜欢卧室23度，不再是24度。"
    assert len(home.assistant.memory.all()) == 1
    reply = home.say("make the bedroom comfortable")
    assert reply is not None
    assert reply.intent == Intent(Action.SET_TEMPERATURE, ("bedroom_ac",), 23.0)


def test_preference_unknown_place_setting(home: Home) -> None:
    assert home.reply("make the bedroom comfortable") == (
        "I don't know how you like the bedroom yet. Tell me, for example: "
        "remember that I like the bedroom at 24 degrees.")
    assert home.reply("把厨房调舒服点") == "厨房没有空调或暖气。"


def test_preference_without_place_left_to_devices(home: Home) -> None:
    assert home.say("make it comfortable") is None


def test_recall_lists_everything(home: Home) -> None:
    assert home.reply("What do you remember about me") == "You haven't asked me to remember anything yet."
    home.reply("Remember that I like the bedroom at 24 degrees")
    home.reply("remember that my sister's birthday is on May 3")
    assert home.reply("What do you remember about me") == (
        "I remember that you like the bedroom at 24 degrees; your sister's birthday is on may 3.")
    assert home.reply("你记得我什么") == (
        "我记得：you like the bedroom at 24 degrees；your sister's birthday is on may 3。")


def test_forget_that_removes_last_mentioned(home: Home) -> None:
    home.reply("记住我喜欢卧室二十四度")
    home.reply("记住我每天六点起床")
    assert home.reply("忘掉它") == "好的，我已经忘掉：你每天6点起床。"
    assert [p.fact for p in home.assistant.memory.all()] == ["我喜欢卧室24度"]
    assert home.reply("forget that") == "Forget what? Tell me what to forget."


def test_forget_that_after_applying_preference(home: Home) -> None:
    home.reply("Remember that I like the bedroom at 24 degrees")
    home.reply("remember that I take the bus to work")
    home.say("make the bedroom comfortable")
    assert home.reply("forget that") == "OK, I've forgotten that you like the bedroom at 24 degrees."
    assert [p.fact for p in home.assistant.memory.all()] == ["i take the bus to work"]


def test_forget_specific_preference(home: Home) -> None:
    home.reply("Remember that I like the bedroom at 24 degrees")
    home.reply("remember that I take the bus to work")
    assert home.reply("forget that I like the bedroom at 24 degrees") == (
        "OK, I've forgotten that you like the bedroom at 24 degrees.")
    assert home.reply("forget that I like the kitchen at 30 degrees") == "I don't remember anything like that."
    reply = home.say("make the bedroom comfortable")
    assert reply is not None
    assert reply.intent is None


def test_forget_everything(home: Home) -> None:
    home.reply("记住我喜欢卧室二十四度")
    home.reply("记住我每天六点起床")
    assert home.reply("全部忘掉") == "好的，你告诉我的2件事都忘掉了。"
    assert home.assistant.memory.all() == []
