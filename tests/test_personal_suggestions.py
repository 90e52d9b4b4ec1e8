"""Sensor readings with their age, and threshold suggestions answered with yes or no."""

from __future__ import annotations

from pathlib import Path

import pytest

from homeassist.personal.settings import PersonalConfig, check_rules
from homeassist.understand.intent import Action, Intent
from tests.personal_home import HOT_BEDROOM_RULE, Home, home_config


@pytest.fixture
def home(tmp_path: Path) -> Home:
    return Home(tmp_path, {"rules": [HOT_BEDROOM_RULE], "suggestion_timeout_s": 60})


def test_reading_with_age_both_languages(home: Home) -> None:
    home.report("bedroom_sensor", {"temperature": 29.1, "humidity": 60}, age_s=120)
    assert home.reply("卧室现在多少度") == "卧室现在29.1度，是2分钟前测的。"
    assert home.reply("How warm is it in the bedroom") == "The bedroom is at 29.1 degrees, measured 2 minutes ago."
    assert home.reply("what's the humidity in the bedroom") == (
        "The humidity in the bedroom is 60 percent, measured 2 minutes ago.")
    assert home.reply("卧室湿度多少") == "卧室的湿度是60%，是2分钟前测的。"


def test_reading_just_now_and_hours_ago(home: Home) -> None:
    home.report("bedroom_sensor", {"temperature": 22}, age_s=5)
    assert home.reply("How warm is it in the bedroom") == "The bedroom is at 22 degrees, measured just now."
    home.clock.advance(3 * 3600)
    assert home.reply("卧室现在多少度") == "卧室现在22度，是3小时前测的。"


def test_reading_unknown_is_said(home: Home) -> None:
    assert home.reply("卧室现在多少度") == "我不知道卧室现在多少度，还没有收到读数。"
    home.report("bedroom_sensor", {"battery": 80})
    assert home.reply("how humid is it in the bedroom") == (
        "I don't know the humidity in the bedroom; no reading has arrived.")


def test_reading_from_thermostat_when_no_sensor(home: Home) -> None:
    home.report("living_room_heater", {"local_temperature": 19.5, "occupied_heating_setpoint": 21}, age_s=600)
    assert home.reply("客厅现在多少度") == "客厅现在19.5度，是10分钟前测的。"


def test_reading_offline_sensor(home: Home) -> None:
    home.report("bedroom_sensor", {"temperature": 27}, age_s=7200)
    home.states.set_online("bedroom_sensor", False)
    assert home.reply("How warm is it in the bedroom") == (
        "The bedroom sensor is offline. Its last reading was 27 degrees, 2 hours ago.")


def test_reading_without_sensor_left_to_devices(home: Home) -> None:
    assert home.say("how warm is it in the kitchen") is None
    assert home.say("how warm is it") is None


def test_reading_uses_microphone_area(tmp_path: Path) -> None:
    home = Home(tmp_path)
    config = home.config.model_copy(update={"conversation": home.config.conversation.model_copy(
        update={"microphone_area": "bedroom"})})
    home.assistant.configure(config)
    home.report("bedroom_sensor", {"temperature": 25}, age_s=60)
    assert home.reply("how warm is it") == "The bedroom is at 25 degrees, measured 1 minute ago."


def test_suggestion_yes_returns_intent(home: Home) -> None:
    home.report("bedroom_sensor", {"temperature": 27.5})
    assert home.assistant.on_state_change("bedroom_sensor") is None
    home.report("bedroom_sensor", {"temperature": 29})
    suggestion = home.assistant.on_state_change("bedroom_sensor")
    assert suggestion is not None
    assert suggestion.text == "卧室已经29度了，要打开卧室空调吗？"
    assert suggestion.kind == "suggestion"
    reply = home.say("好的")
    assert reply is not None
    assert reply.intent == Intent(Action.TURN_ON, ("bedroom_ac",))
    assert home.say("好的") is None  # answered once only


@pytest.mark.parametrize("yes_word", ["yes", "好", "可以"])
def test_suggestion_other_yes_words(home: Home, yes_word: str) -> None:
    home.report("bedroom_sensor", {"temperature": 30})
    assert home.assistant.on_state_change("bedroom_sensor") is not None
    reply = home.say(yes_word)
    assert reply is not None
    assert reply.intent == Intent(Action.TURN_ON, ("bedroom_ac",))


@pytest.mark.parametrize(("no_word", "answer"), [("no", "OK, I'll leave it."), ("不用", "好的，那就不动了。")])
def test_suggestion_no_drops_it(home: Home, no_word: str, answer: str) -> None:
    home.report("bedroom_sensor", {"temperature": 30})
    home.assistant.on_state_change("bedroom_sensor")
    reply = home.say(no_word)
    assert reply is not None
    assert reply.text == answer
    assert reply.intent is None
    assert home.say("yes") is None


def test_suggestion_expires(home: Home) -> None:
    home.report("bedroom_sensor", {"temperature": 30})
    home.assistant.on_state_change("bedroom_sensor")
    home.clock.advance(61)
    assert home.say("好的") is None


def test_suggestion_needs_crossing_and_cooldown(home: Home) -> None:
    home.report("bedroom_sensor", {"temperature": 30})
    assert home.assistant.on_state_change("bedroom_sensor") is not None
    home.say("no")
    home.report("bedroom_sensor", {"temperature": 31})
    assert home.assistant.on_state_change("bedroom_sensor") is None  # still above: no new crossing
    home.report("bedroom_sensor", {"temperature": 26})
    home.assistant.on_state_change("bedroom_sensor")
    home.report("bedroom_sensor", {"temperature": 30})
    assert home.assistant.on_state_change("bedroom_sensor") is None  # crossed again within the 600 s cooldown
    home.clock.advance(601)
    home.report("bedroom_sensor", {"temperature": 26})
    home.assistant.on_state_change("bedroom_sensor")
    home.report("bedroom_sensor", {"temperature": 29})
    assert home.assistant.on_state_change("bedroom_sensor") is not None


def test_suggestion_english_with_setpoint(tmp_path: Path) -> None:
    rule = {"id": "dry_bedroom", "device": "bedroom_sensor", "key": "humidity", "below": 30,
            "suggest": {"action": "set_hvac_mode", "devices": ["bedroom_ac"], "value": "heat"}}
    home = Home(tmp_path, {"rules": [rule]}, language="en")
    home.report("bedroom_sensor", {"humidity": 25})
    suggestion = home.assistant.on_state_change("bedroom_sensor")
    assert suggestion is not None
    assert suggestion.text == "The bedroom is at 25 percent. Shall I switch the bedroom air conditioner to heating?"
    reply = home.say("sure")
    assert reply is not None
    assert reply.intent == Intent(Action.SET_HVAC_MODE, ("bedroom_ac",), "heat")


def test_yes_without_suggestion_left_to_devices(home: Home) -> None:
    assert home.say("yes") is None
    assert home.say("不用") is None


def test_rule_unknown_device_rejected() -> None:
    settings = PersonalConfig.model_validate({"rules": [{**HOT_BEDROOM_RULE, "device": "attic_sensor"}]})
    with pytest.raises(ValueError, match="attic_sensor"):
        check_rules(settings, home_config())


def test_rule_needs_one_threshold() -> None:
    with pytest.raises(ValueError, match="exactly one of `above` and `below`"):
        PersonalConfig.model_validate({"rules": [{**HOT_BEDROOM_RULE, "below": 10}]})


def test_suggestion_found_by_polling(home: Home) -> None:
    home.report("bedroom_sensor", {"temperature": 29})
    [suggestion] = home.assistant.due_announcements()
    assert suggestion.kind == "suggestion"
    assert suggestion.text == "卧室已经29度了，要打开卧室空调吗？"
    assert home.assistant.due_announcements() == []
    reply = home.say("好的")
    assert reply is not None
    assert reply.intent == Intent(Action.TURN_ON, ("bedroom_ac",))
