"""Timers, reminders and preferences survive a real process restart."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.personal_home import REPOSITORY_ROOT

# Each process builds the test home on a manual clock set from argv, runs
# sentences, and prints what the assistant holds as JSON.
_SCRIPT = """
import json, sys
from datetime import datetime
from pathlib import Path
from tests.personal_home import Home

directory, moment, *sentences = sys.argv[1:]
home = Home(Path(directory), start=datetime.fromisoformat(moment))
missed = [a.text for a in home.assistant.missed_at_startup()]
replies = []
for sentence in sentences:
    if sentence.startswith("wait "):
        home.clock.advance(float(sentence.split()[1]))
    else:
        replies.append(home.reply(sentence))
schedule = home.assistant.schedule
print(json.dumps({
    "missed": missed,
    "replies": replies,
    "timers": [{"name": t.name, "paused": t.paused, "remaining_s": schedule.timers.remaining_s(t)}
               for t in schedule.timers.all()],
    "reminders": [{"what": r.what, "due_at": r.due_at, "recurrence": r.recurrence}
                  for r in schedule.reminders.all()],
    "preferences": [p.fact for p in home.assistant.memory.all()],
}, ensure_ascii=False))
"""


def _run(directory: Path, moment: str, *sentences: str) -> dict[str, object]:
    process = subprocess.run([sys.executable, "-c", _SCRIPT, str(directory), moment, *sentences],
                             cwd=REPOSITORY_ROOT, capture_output=True, text=True, timeout=60, check=False)
    assert process.returncode == 0, process.stderr
    result: dict[str, object] = json.loads(process.stdout)
    return result


def test_restart_keeps_timers_reminders_and_preferences(tmp_path: Path) -> None:
    first = _run(tmp_path, "2026-12-04T15:00:00+08:00",
                 "pasta timer for 8 minutes", "rice timer for 1 hour", "eggs timer for 30 minutes",
                 "wait 300", "pause the eggs timer",
                 "remind me to take my medicine at 8 pm every day", "remind me in 20 minutes to check the oven",
                 "明天早上七点叫我起床", "记住我喜欢卧室二十四度")
    assert first["missed"] == []
    assert len(first["timers"]) == 3  # type: ignore[arg-type]

    # The first process has exited; the second starts ten minutes after the first one did.
    second = _run(tmp_path, "2026-12-04T15:10:00+08:00")
    assert second["missed"] == ["我关机的时候，你错过了：今天下午3点8分结束的pasta计时器。"]
    timers = {t["name"]: t for t in second["timers"]}  # type: ignore[attr-defined]
    assert set(timers) == {"rice", "eggs"}
    assert timers["rice"]["paused"] is False
    assert timers["rice"]["remaining_s"] == 50 * 60
    assert timers["eggs"]["paused"] is True
    assert timers["eggs"]["remaining_s"] == 25 * 60
    whats = sorted(r["what"] for r in second["reminders"])  # type: ignore[attr-defined]
    assert whats == ["check the oven", "take your medicine", "起床"]
    assert second["preferences"] == ["我喜欢卧室24度"]

    # A third start after the oven reminder and the rice timer reports both as missed, once.
    third = _run(tmp_path, "2026-12-04T16:00:00+08:00", "我今天有什么安排")
    assert third["missed"] == ["我关机的时候，你错过了：今天下午3点25分的提醒：check the oven；"
                               "今天下午4点结束的rice计时器。"]
    assert third["replies"] == ["今天的安排：晚上8点take your medicine。"]
    fourth = _run(tmp_path, "2026-12-04T16:00:01+08:00")
    assert fourth["missed"] == []
