"""Errors per pipeline stage, each with a stable code and a bilingual message."""

from __future__ import annotations

from typing import Any

from homeassist.i18n import Language, translate


class HomeassistError(Exception):
    """Base error: `code` is stable; the message is rendered in the user's language."""

    code = "homeassist_error"

    def __init__(self, message_key: str, **params: Any) -> None:
        self.message_key = message_key
        self.params = params
        super().__init__(translate(message_key, "en", **params))

    def user_message(self, language: Language) -> str:
        """Render the message in `language`."""
        return translate(self.message_key, language, **self.params)


class ConfigError(HomeassistError):
    code = "config_invalid"


class ModelError(HomeassistError):
    code = "model_unavailable"


class AudioError(HomeassistError):
    code = "audio_failed"


class WakeWordError(HomeassistError):
    code = "wake_word_failed"


class SpeechToTextError(HomeassistError):
    code = "speech_to_text_failed"


class UnderstandingError(HomeassistError):
    code = "understanding_failed"


class ActionError(HomeassistError):
    code = "action_failed"


class TextToSpeechError(HomeassistError):
    code = "text_to_speech_failed"
