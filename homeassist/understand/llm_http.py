"""The LLM path over an OpenAI-compatible HTTP API (llama.cpp's llama-server, Ollama, ...)."""

from __future__ import annotations

import json
import logging
import urllib.error
import urllib.request
from typing import Any

from homeassist.config import Config
from homeassist.errors import UnderstandingError
from homeassist.understand.intent import Intent
from homeassist.understand.llm import build_messages, build_schema, parse_reply

logger = logging.getLogger(__name__)

TOOL_NAME = "home_action"


class HttpUnderstanding:
    """Same prompt, schema and parsing as the in-process backend, sent to `llm.url`.

    The request is a forced call of one tool whose parameters are the intent
    schema, the form that llama-server, llama-cpp-python's server and Ollama
    all constrain. The device-id enum travels in that schema, so the server
    cannot name a device that is not configured either. `understand` blocks:
    run it in a worker thread.
    """

    def __init__(self, config: Config) -> None:
        self.config = config
        self._endpoint = config.llm.url.rstrip("/") + "/chat/completions"
        self._schema = build_schema(config)

    def configure(self, config: Config) -> None:
        """Use a new device list and server settings."""
        self.config = config
        self._endpoint = config.llm.url.rstrip("/") + "/chat/completions"
        self._schema = build_schema(config)

    def warm_up(self) -> None:
        """Send one request so the server caches the prompt prefix; a server that is down fails here."""
        self.understand("hello")

    def understand(self, text: str) -> Intent:
        body = {
            "model": self.config.llm.model,
            "messages": build_messages(self.config, text),
            "temperature": 0.0,
            "max_tokens": self.config.llm.max_tokens,
            "tools": [{"type": "function", "function": {
                "name": TOOL_NAME,
                "description": "Carry out or answer the user's request in the smart home.",
                "parameters": self._schema,
            }}],
            "tool_choice": {"type": "function", "function": {"name": TOOL_NAME}},
        }
        headers = {"Content-Type": "application/json"}
        if self.config.llm.api_key:
            headers["Authorization"] = f"Bearer {self.config.llm.api_key}"
        request = urllib.request.Request(self._endpoint, data=json.dumps(body).encode(), headers=headers,
                                         method="POST")
        try:
            with urllib.request.urlopen(request, timeout=self.config.llm.timeout_s) as response:
                reply: Any = json.loads(response.read())
        except urllib.error.HTTPError as error:
            detail = f"{self._endpoint} answered HTTP {error.code}"
            raise UnderstandingError("llm_server_failed", url=self._endpoint, detail=detail) from error
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            raise UnderstandingError("llm_server_failed", url=self._endpoint, detail=str(error)) from error
        except json.JSONDecodeError as error:
            raise UnderstandingError("llm_server_failed", url=self._endpoint, detail="reply is not JSON") from error
        try:
            message = reply["choices"][0]["message"]
            calls = message.get("tool_calls") or []
            arguments = calls[0]["function"]["arguments"] if calls else message.get("content") or ""
        except (KeyError, IndexError, TypeError, AttributeError) as error:
            raise UnderstandingError("llm_server_failed", url=self._endpoint,
                                     detail="reply has neither a tool call nor content") from error
        if isinstance(arguments, dict):  # Ollama sends the arguments as an object
            arguments = json.dumps(arguments)
        return parse_reply(str(arguments), self.config)
