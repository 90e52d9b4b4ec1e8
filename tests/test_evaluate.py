"""The evaluation command: scoring, the robustness set, and accuracy floors on real data."""

from __future__ import annotations

import io
from collections import defaultdict
from pathlib import Path

import pytest

from homeassist.evaluate import (
    DATASETS,
    DEFAULT_DATA_DIR,
    DEFAULT_ROBUSTNESS,
    Outcome,
    Understand,
    changes_devices,
    evaluate,
    main,
    read_robustness_cases,
    rules_factory,
    run_cases,
    score,
)
from homeassist.ha_dataset import Case, Expected, Home, build_home, expected_result, read_cases
from homeassist.understand.context import Context
from homeassist.understand.intent import Action, Intent

DATA_PRESENT = all((DEFAULT_DATA_DIR / name).is_file()
                   for _, intents, fixtures in DATASETS for name in (intents, fixtures))
needs_data = pytest.mark.skipif(
    not DATA_PRESENT,
    reason=f"Home Assistant intent data not found in {DEFAULT_DATA_DIR}",
)

# Sentences per intent and language in the fixed subset, and the share of
# them that must be fully right (intent, devices and value).
SUBSET_PER_INTENT = 40
INTENT_FLOOR = 0.95
OVERALL_FLOOR = 0.97


def test_score_right_and_wrong() -> None:
    expected = Expected(Action.SET_BRIGHTNESS, frozenset({"lamp"}), 50.0)
    assert score(expected, Intent(Action.SET_BRIGHTNESS, ("lamp",), 50)) == (True, True)
    assert score(expected, Intent(Action.SET_BRIGHTNESS, ("lamp",), 40.0)) == (True, False)
    assert score(expected, Intent(Action.SET_BRIGHTNESS, ("lamp", "other"), 50.0)) == (True, False)
    assert score(expected, Intent(Action.TURN_ON, ("lamp",))) == (False, False)
    assert score(expected, None) == (False, False)


def test_score_ambiguous_must_match() -> None:
    expected = Expected(Action.TURN_ON, frozenset(), ambiguous=frozenset({"a", "b"}))
    assert score(expected, Intent(Action.TURN_ON, ambiguous=("a", "b"))) == (True, True)
    assert score(expected, Intent(Action.TURN_ON, ("a",))) == (True, False)


def test_score_negative_allows_only_no_change() -> None:
    assert score(None, None) == (True, True)
    assert score(None, Intent(Action.QUERY_STATE, ("lamp",))) == (True, True)
    assert score(None, Intent(Action.TURN_ON)) == (True, True)
    assert score(None, Intent(Action.TURN_ON, ("lamp",))) == (False, False)


def test_changes_devices() -> None:
    assert changes_devices(Intent(Action.CLOSE, ("blinds",)))
    assert not changes_devices(Intent(Action.QUERY_STATE, ("blinds",)))
    assert not changes_devices(Intent(Action.ANSWER, answer="hello"))
    assert not changes_devices(None)


FIXTURES = {
    "language": "en",
    "floors": [{"name": "First Floor", "id": "first_floor_id"}],
    "areas": [{"name": "Kitchen", "id": "kitchen_id", "floor": "first_floor_id"},
              {"name": "Bedroom", "id": "bedroom_id"}],
    "entities": [
        {"name": "Kitchen ceiling", "id": "light.kitchen_ceiling", "area": "kitchen_id"},
        {"name": "Bedroom Lamp", "id": "light.bedroom_lamp", "area": "bedroom_id"},
        {"name": "Bedroom Curtain", "id": "cover.bedroom", "area": "bedroom_id",
         "attributes": {"device_class": "curtain"}},
        {"name": "Front Door", "id": "lock.front_door"},
    ],
}


def test_build_home_maps_fixtures() -> None:
    home = build_home(FIXTURES)
    assert sorted(d.id for d in home.config.devices) == [
        "cover_bedroom", "light_bedroom_lamp", "light_kitchen_ceiling"]
    assert home.device_classes == {"cover_bedroom": "curtain"}
    assert [(g.id, g.device_ids) for g in home.groups] == [
        ("first_floor_id", ("light_kitchen_ceiling",))]


def test_build_home_adds_file_fixtures() -> None:
    home = build_home(FIXTURES, {"entities": [{"name": "Overhead Light", "domain": "light"}]})
    assert "light_overhead_light" in {d.id for d in home.config.devices}


def test_expected_result_maps_intents() -> None:
    home = build_home(FIXTURES)
    on = expected_result(home, "HassTurnOn", {"area": "Kitchen", "domain": "light"})
    assert on == Expected(Action.TURN_ON, frozenset({"light_kitchen_ceiling"}))
    opening = expected_result(home, "HassTurnOn", {"name": "Bedroom Curtain"})
    assert opening == Expected(Action.OPEN, frozenset({"cover_bedroom"}))
    floor = expected_result(home, "HassLightSet", {"floor": "First Floor", "brightness": 50})
    assert floor == Expected(Action.SET_BRIGHTNESS, frozenset({"light_kitchen_ceiling"}), 50.0)
    assert expected_result(home, "HassStartTimer", {"minutes": 5}) == (
        "HassStartTimer is not handled by the rule path")
    assert expected_result(home, "HassTurnOn", {"domain": "lock"}) == "domain lock is not modelled"


def test_run_cases_takes_any_understanding_function() -> None:
    home = build_home(FIXTURES)
    expected = Expected(Action.TURN_ON, frozenset({"light_bedroom_lamp"}))
    case = Case("turn on the bedroom lamp", "en", "HassTurnOn", "bedroom_id", home, expected)
    seen: list[tuple[str, str | None]] = []

    def factory(built: Home) -> Understand:
        def understand(text: str, context: Context | None) -> Intent | None:
            seen.append((text, context.satellite_area if context else None))
            return Intent(Action.TURN_ON, ("light_bedroom_lamp",), source="llm")
        return understand

    [outcome] = run_cases([case], factory)
    assert seen == [("turn on the bedroom lamp", "bedroom_id")]
    assert outcome.right
    assert not outcome.fast_path


def test_robustness_set_right_and_changes_nothing_on_negatives() -> None:
    outcomes = run_cases(read_robustness_cases(DEFAULT_ROBUSTNESS), rules_factory)
    negatives = [o for o in outcomes if o.case.intent_name == "negative"]
    noise = [o for o in outcomes if o.case.intent_name == "noise"]
    assert len(negatives) >= 30
    assert [o.case.text for o in negatives if changes_devices(o.actual)] == []
    assert [o.case.text for o in noise if not o.right] == []


def _subset(cases: list[Case]) -> list[Case]:
    taken: dict[tuple[str, str], int] = defaultdict(int)
    chosen = []
    for case in cases:
        key = (case.language, case.intent_name)
        if case.unsupported_reason is None and taken[key] < SUBSET_PER_INTENT:
            taken[key] += 1
            chosen.append(case)
    return chosen


@needs_data
@pytest.mark.parametrize(("language", "intents", "fixtures"), DATASETS)
def test_accuracy_floor_per_intent(language: str, intents: str, fixtures: str) -> None:
    cases = _subset(list(read_cases(DEFAULT_DATA_DIR / intents, DEFAULT_DATA_DIR / fixtures)))
    outcomes = run_cases(cases, rules_factory)
    by_intent: dict[str, list[Outcome]] = defaultdict(list)
    for outcome in outcomes:
        by_intent[outcome.case.intent_name].append(outcome)
    below = {
        intent: f"{sum(o.right for o in group)}/{len(group)}"
        for intent, group in by_intent.items()
        if sum(o.right for o in group) < INTENT_FLOOR * len(group)
    }
    assert below == {}
    assert sum(o.right for o in outcomes) >= OVERALL_FLOOR * len(outcomes)


@needs_data
def test_evaluate_reports_every_set() -> None:
    out = io.StringIO()
    totals = evaluate(DEFAULT_DATA_DIR, DEFAULT_ROBUSTNESS, rules_factory, out, max_failures=5)
    report = out.getvalue()
    assert "ha en ALL" in report
    assert "ha zh-cn ALL" in report
    assert "Unsupported, excluded from the figures above:" in report
    assert "HassStartTimer is not handled by the rule path" in report
    assert totals["negative_device_changes"] == 0
    assert totals["ha en"]["fully_right_pct"] >= 97.0
    assert totals["ha zh-cn"]["fully_right_pct"] >= 97.0
    assert totals["ha en"]["p50_ms"] <= 20.0


@needs_data
def test_main_exit_code_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--json", "--max-failures", "0"]) == 0
    output = capsys.readouterr().out
    assert '"negative_device_changes": 0' in output


def test_main_missing_data_dir(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(tmp_path)]) == 2
    error = capsys.readouterr().err
    assert "ha_intents_en.jsonl" in error
    assert "--data-dir" in error


def test_main_missing_robustness_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    if not DATA_PRESENT:
        pytest.skip(f"Home Assistant intent data not found in {DEFAULT_DATA_DIR}")
    assert main(["--robustness", str(tmp_path / "absent.jsonl")]) == 2
    assert "--no-robustness" in capsys.readouterr().err
