"""Measure how well understanding maps sentences to intents (`python -m homeassist.evaluate`).

Runs the Home Assistant intent test sentences (English and Chinese) and this
project's robustness set through an understanding function and prints, per
language and intent, how many were fully right, the latency, and every
failure. The understanding function is a parameter: the rule path by
default, or any `(text, context) -> Intent | None` built per configuration.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from homeassist.config import parse_config
from homeassist.ha_dataset import Case, Expected, Home, read_cases
from homeassist.understand.context import Context
from homeassist.understand.intent import DEVICE_ACTIONS, Action, Intent
from homeassist.understand.rules import RuleParser

REPOSITORY_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA_DIR = Path(__file__).resolve().parents[2] / "shared" / "data"
DEFAULT_ROBUSTNESS = REPOSITORY_ROOT / "tests" / "data" / "robustness.jsonl"
DATASETS = (("en", "ha_intents_en.jsonl", "ha_fixtures_en.json"),
            ("zh-cn", "ha_intents_zh-cn.jsonl", "ha_fixtures_zh-cn.json"))

Understand = Callable[[str, Context | None], Intent | None]
UnderstandFactory = Callable[[Home], Understand]

# Actions that change a device. A negative case must produce none of them.
CHANGING_ACTIONS = DEVICE_ACTIONS - {Action.QUERY_STATE}


def rules_factory(home: Home) -> Understand:
    """Build the rule path for one configuration."""
    parser = RuleParser(home.config, groups=home.groups, device_classes=home.device_classes)
    return parser.parse


def llm_factory(use_rules: bool) -> UnderstandFactory:
    """Build the LLM path (after the rules when `use_rules`) with one model shared by all configurations.

    The model is loaded on first use from the default configuration's models
    directory; switching configuration changes the prompt, so the first
    sentence of each fixture set pays for a fresh prefix.
    """
    from homeassist.config import load_config
    from homeassist.understand.guard import guard_llm_intent
    from homeassist.understand.router import LlmBackend, load_llm

    shared: list[LlmBackend] = []

    def factory(home: Home) -> Understand:
        parser = RuleParser(home.config, groups=home.groups, device_classes=home.device_classes)
        if not shared:
            base, _ = load_config(None)
            # The fixture homes list far more devices than a typical home, so the prompt needs room.
            roomy = base.llm.model_copy(update={"context_tokens": 8192})
            shared.append(load_llm(base.model_copy(update={"llm": roomy})))
        llm = shared[0]

        def understand(text: str, context: Context | None) -> Intent | None:
            if use_rules:
                intent = parser.parse(text, context)
                if intent is not None:
                    return intent
            llm.configure(home.config)
            return guard_llm_intent(llm.understand(text), home.config, text)

        return understand

    return factory


@dataclass(frozen=True)
class Outcome:
    case: Case
    actual: Intent | None
    latency_ms: float
    intent_right: bool
    slots_right: bool

    @property
    def right(self) -> bool:
        return self.intent_right and self.slots_right

    @property
    def fast_path(self) -> bool:
        return self.actual is not None and self.actual.source == "rules"


def changes_devices(intent: Intent | None) -> bool:
    return intent is not None and intent.action in CHANGING_ACTIONS and bool(intent.device_ids)


def _same_value(expected: float | str | None, actual: float | str | None) -> bool:
    if isinstance(expected, float) and isinstance(actual, int | float):
        return abs(expected - float(actual)) < 0.01
    return expected == actual


def score(expected: Expected | None, actual: Intent | None) -> tuple[bool, bool]:
    """Return (intent right, slots right). `expected` None means "change nothing"."""
    if expected is None:
        safe = not changes_devices(actual)
        return safe, safe
    if expected.action is Action.NONE:
        right = actual is not None and actual.action is Action.NONE
        return right, right
    if actual is None or actual.action is not expected.action:
        return False, False
    slots = (frozenset(actual.device_ids) == expected.device_ids
             and frozenset(actual.ambiguous) == expected.ambiguous
             and _same_value(expected.value, actual.value))
    return True, slots


def run_cases(cases: Iterable[Case], factory: UnderstandFactory) -> list[Outcome]:
    """Run every case through an understanding function built once per configuration."""
    built: dict[int, Understand] = {}
    outcomes = []
    for case in cases:
        understand = built.get(id(case.home))
        if understand is None:
            understand = built[id(case.home)] = factory(case.home)
        context = Context(satellite_area=case.satellite_area) if case.satellite_area else None
        started = time.perf_counter()
        actual = understand(case.text, context)
        latency_ms = (time.perf_counter() - started) * 1000.0
        intent_right, slots_right = score(case.expected, actual)
        outcomes.append(Outcome(case, actual, latency_ms, intent_right, slots_right))
    return outcomes


def read_ha_cases(data_dir: Path) -> list[Case]:
    cases: list[Case] = []
    for _, intents, fixtures in DATASETS:
        cases.extend(read_cases(data_dir / intents, data_dir / fixtures))
    return cases


def read_robustness_cases(path: Path) -> list[Case]:
    """Read this project's robustness set: noisy commands and sentences that must change nothing.

    Each line has `text`, `lang`, `set` ("noise" or "negative"), and for
    noise cases `expected` with `action`, `device_ids`, `value` and
    `ambiguous`. The configuration is `home.yaml` in the same folder.
    """
    home_path = path.with_name("home.yaml")
    home = Home(parse_config(home_path.read_text(encoding="utf-8"), home_path))
    cases = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        expected = None
        if row.get("expected"):
            raw = row["expected"]
            value = raw.get("value")
            expected = Expected(Action(raw["action"]), frozenset(raw.get("device_ids", [])),
                                float(value) if isinstance(value, int | float) else value,
                                frozenset(raw.get("ambiguous", [])))
        cases.append(Case(text=row["text"], language=row["lang"], intent_name=row["set"],
                          satellite_area=row.get("satellite_area"), home=home,
                          expected=expected, dataset="robustness"))
    return cases


def _percentile(values: Sequence[float], fraction: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def _describe(intent: Intent | None) -> str:
    if intent is None:
        return "None (not understood by this path)"
    parts = [intent.action.value, f"devices={list(intent.device_ids)}"]
    if intent.value is not None:
        parts.append(f"value={intent.value!r}")
    if intent.ambiguous:
        parts.append(f"ambiguous={list(intent.ambiguous)}")
    return " ".join(parts)


def _describe_expected(expected: Expected | None) -> str:
    if expected is None:
        return "no device change"
    text = f"{expected.action.value} devices={sorted(expected.device_ids)}"
    if expected.value is not None:
        text += f" value={expected.value!r}"
    if expected.ambiguous:
        text += f" ambiguous={sorted(expected.ambiguous)}"
    return text


def _row(label: str, outcomes: Sequence[Outcome]) -> str:
    count = len(outcomes)
    latencies = [o.latency_ms for o in outcomes]

    def pct(n: int) -> str:
        return f"{100.0 * n / count:5.1f}%" if count else "    -"

    return (f"{label:<44} {count:>5} {pct(sum(o.intent_right for o in outcomes))}"
            f" {pct(sum(o.slots_right for o in outcomes))} {pct(sum(o.right for o in outcomes))}"
            f" {pct(sum(o.fast_path for o in outcomes))}"
            f" {_percentile(latencies, 0.5):7.2f} {_percentile(latencies, 0.95):7.2f}")


def write_report(outcomes: Sequence[Outcome], unsupported: Sequence[Case], out: TextIO,
                 max_failures: int) -> dict[str, Any]:
    """Print the per-intent table, the unsupported intents and the failures, and return totals."""
    header = (f"{'set / language / intent':<44} {'n':>5} {'intent':>6} {'slots':>6} {'full':>6}"
              f" {'fast':>6} {'p50 ms':>7} {'p95 ms':>7}")
    groups: dict[tuple[str, str, str], list[Outcome]] = defaultdict(list)
    for outcome in outcomes:
        case = outcome.case
        groups[(case.dataset, case.language, case.intent_name)].append(outcome)
    print(header, file=out)
    totals: dict[str, Any] = {}
    for dataset, language in sorted({key[:2] for key in groups}):
        for key in sorted(k for k in groups if k[:2] == (dataset, language)):
            print(_row(f"{dataset} {language} {key[2]}", groups[key]), file=out)
        selected = [o for o in outcomes
                    if (o.case.dataset, o.case.language) == (dataset, language)]
        print(_row(f"{dataset} {language} ALL", selected), file=out)
        totals[f"{dataset} {language}"] = {
            "cases": len(selected),
            "fully_right_pct": 100.0 * sum(o.right for o in selected) / max(1, len(selected)),
            "p50_ms": _percentile([o.latency_ms for o in selected], 0.5),
            "p95_ms": _percentile([o.latency_ms for o in selected], 0.95),
        }
        print(file=out)

    if unsupported:
        counts: dict[tuple[str, str], int] = defaultdict(int)
        for case in unsupported:
            counts[(case.language, case.unsupported_reason or case.intent_name)] += 1
        print("Unsupported, excluded from the figures above:", file=out)
        for (language, reason), count in sorted(counts.items()):
            print(f"  {language} {reason}: {count}", file=out)
        print(file=out)

    failures = [o for o in outcomes if not o.right]
    print(f"Failures: {len(failures)}", file=out)
    for outcome in failures[:max_failures]:
        case = outcome.case
        where = f" [satellite area {case.satellite_area}]" if case.satellite_area else ""
        print(f"- {case.dataset} {case.language} {case.intent_name}: {case.text!r}{where}",
              file=out)
        print(f"    expected: {_describe_expected(case.expected)}", file=out)
        print(f"    actual:   {_describe(outcome.actual)}", file=out)
    if len(failures) > max_failures:
        print(f"  ... and {len(failures) - max_failures} more (raise --max-failures)", file=out)
    return totals


def evaluate(data_dir: Path, robustness: Path | None, factory: UnderstandFactory,
             out: TextIO, max_failures: int = 200, every_nth: int = 0) -> dict[str, Any]:
    """Run all sets, print the report to `out` and return the summary figures."""
    cases = read_ha_cases(data_dir)
    if robustness is not None:
        cases.extend(read_robustness_cases(robustness))
    if every_nth > 1:
        cases = cases[::every_nth]
    scored = [c for c in cases if c.unsupported_reason is None]
    unsupported = [c for c in cases if c.unsupported_reason is not None]
    outcomes = run_cases(scored, factory)
    totals = write_report(outcomes, unsupported, out, max_failures)
    negatives = [o for o in outcomes
                 if o.case.dataset == "robustness" and o.case.intent_name == "negative"]
    totals["negative_device_changes"] = sum(changes_devices(o.actual) for o in negatives)
    print(f"\nNegative set: {totals['negative_device_changes']} device changes"
          f" in {len(negatives)} sentences (must be 0).", file=out)
    return totals


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="homeassist eval",
        description="Evaluate understanding on the Home Assistant intent sentences and the "
                    "robustness set.")
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR,
                        help="folder with ha_intents_*.jsonl and ha_fixtures_*.json "
                             f"(default: {DEFAULT_DATA_DIR})")
    parser.add_argument("--robustness", type=Path, default=DEFAULT_ROBUSTNESS,
                        help=f"robustness set, JSON lines (default: {DEFAULT_ROBUSTNESS})")
    parser.add_argument("--no-robustness", action="store_true", help="skip the robustness set")
    parser.add_argument("--path", choices=["rules", "rules+llm", "llm"], default="rules",
                        help="rules: the rule path alone (default, fast); rules+llm: what the assistant "
                             "does, the LLM for what the rules leave; llm: every sentence through the LLM, "
                             "to measure it alone (slow: about 1-3 s a sentence on 2 cores)")
    parser.add_argument("--limit", type=int, default=0,
                        help="evaluate only every n-th sentence, for a quicker LLM run (0: all)")
    parser.add_argument("--max-failures", type=int, default=200,
                        help="failures to print in full (default: 200)")
    parser.add_argument("--json", action="store_true", help="also print the totals as JSON")
    args = parser.parse_args(argv)

    missing = [name for _, intents, fixtures in DATASETS for name in (intents, fixtures)
               if not (args.data_dir / name).is_file()]
    if missing:
        print(f"Error: {args.data_dir} is missing {', '.join(missing)}. "
              "Pass the folder of the intent data with --data-dir.", file=sys.stderr)
        return 2
    robustness = None if args.no_robustness else args.robustness
    if robustness is not None and not robustness.is_file():
        print(f"Error: robustness set {robustness} not found. Pass --robustness FILE "
              "or --no-robustness.", file=sys.stderr)
        return 2
    factory = rules_factory if args.path == "rules" else llm_factory(use_rules=args.path == "rules+llm")
    totals = evaluate(args.data_dir, robustness, factory, sys.stdout, args.max_failures, args.limit)
    if args.json:
        print(json.dumps(totals, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
