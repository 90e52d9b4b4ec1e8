"""Route a transcript to the rule path first and to the LLM when the rules are not sure."""

from __future__ import annotations

import logging
import re
import time
from dataclasses import dataclass
from typing import Protocol

from homeassist.config import Config
from homeassist.modelstore import load_manifest, require_model
from homeassist.understand.context import Context
from homeassist.understand.guard import guard_llm_intent
from homeassist.understand.intent import Intent
from homeassist.understand.llm import LlamaUnderstanding
from homeassist.understand.llm_http import HttpUnderstanding
from homeassist.understand.rules import RuleParser

logger = logging.getLogger(__name__)

_CJK = re.compile(r"[\u3400-\u9fff]")


def detect_language(text: str) -> str:
    """Return "zh" when the text contains Chinese characters, else "en"."""
    return "zh" if _CJK.search(text) else "en"


def wake_phrase_pattern(wake_model: str) -> re.Pattern[str]:
    """Match the wake phrase (and its last word alone) at the start of a transcript."""
    words = wake_model.replace("_", " ").split()
    alternatives = [r"\W*".join(words), words[-1]]
    if wake_model == "hey_jarvis":
        alternatives.append("(?:嘿|黑|hi)?\\s*贾维斯")
    return re.compile(r"^\W*(?:" + "|".join(alternatives) + r")\b[\W_]*", re.IGNORECASE)


class LlmBackend(Protocol):
    def understand(self, text: str) -> Intent:
        """Return one intent for `text`; blocks."""
        ...

    def warm_up(self) -> None:
        """Prepare the cached prompt prefix; blocks."""
        ...

    def configure(self, config: Config) -> None:
        """Switch to a new configuration without reloading the model."""
        ...


def load_llm(config: Config) -> LlmBackend:
    """Load the configured LLM backend and warm it up (blocking)."""
    backend: LlmBackend
    if config.llm.backend == "openai":
        backend = HttpUnderstanding(config)
    else:
        manifest = load_manifest()
        model_dir = require_model(config.models_dir, config.llm.model, manifest)
        backend = LlamaUnderstanding(config, model_dir / manifest[config.llm.model].files[0].path)
    backend.warm_up()
    return backend


@dataclass(frozen=True)
class Understood:
    intent: Intent
    elapsed_s: float


class Understanding:
    """Rules first, then the LLM. `understand` blocks: run it in a worker thread."""

    def __init__(self, config: Config, llm: LlmBackend | None) -> None:
        self.config = config
        self.rules = RuleParser(config)
        self.llm = llm
        self.context = Context(satellite_area=config.conversation.microphone_area,
                               max_turns=config.conversation.max_turns, window_s=config.conversation.window_s)
        self._wake_phrase = wake_phrase_pattern(config.wake_word.model)

    def strip_wake_phrase(self, text: str) -> str:
        return self._wake_phrase.sub("", text, count=1).strip()

    def understand(self, text: str) -> Understood:
        started = time.perf_counter()
        intent = self.rules.parse(text, self.context)
        if intent is None and self.llm is not None:
            intent = guard_llm_intent(self.llm.understand(text), self.config, text)
        if intent is None:
            from homeassist.understand.intent import Action

            intent = Intent(Action.NONE, source="rules")
        self.context.record(intent)
        return Understood(intent, time.perf_counter() - started)
