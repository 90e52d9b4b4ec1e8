"""The `personal:` configuration section: ring times and sensor suggestion rules."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from homeassist.understand.intent import DEVICE_ACTIONS, Action

if TYPE_CHECKING:
    from homeassist.config import Config

# The same rules as homeassist.config, restated so that config.py can import
# this module for its `personal` section without an import cycle.
DeviceId = Annotated[str, Field(pattern=r"^[a-z0-9_]+$", max_length=64)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SuggestedAction(Strict):
    """The device command a suggestion offers, in the `Intent` vocabulary."""

    action: Action
    devices: list[DeviceId] = Field(min_length=1)
    value: float | str | None = None

    @model_validator(mode="after")
    def _device_action(self) -> SuggestedAction:
        if self.action not in DEVICE_ACTIONS or self.action is Action.QUERY_STATE:
            raise ValueError(f"action {self.action.value!r} does not change a device; use turn_on, set_hvac_mode, ...")
        return self


class SuggestionRule(Strict):
    """Offer `suggest` when `device`'s `key` reading rises above or falls below `threshold`."""

    id: DeviceId
    device: DeviceId
    key: str = "temperature"
    above: float | None = None
    below: float | None = None
    suggest: SuggestedAction
    cooldown_s: float = Field(default=3600.0, ge=0, description="minimum seconds between two offers of this rule")

    @model_validator(mode="after")
    def _one_threshold(self) -> SuggestionRule:
        if (self.above is None) == (self.below is None):
            raise ValueError(f"rule {self.id!r} needs exactly one of `above` and `below`")
        return self


class PersonalConfig(Strict):
    """The `personal:` section; the database itself lives in the top-level `state_dir`."""

    ring_duration_s: float = Field(default=60.0, ge=5, le=1800,
                                   description="seconds a timer or alarm rings unless stopped")
    ring_repeat_s: float = Field(default=10.0, ge=2, le=300, description="seconds between repeats of the message")
    snooze_s: float = Field(default=540.0, ge=60, le=3600, description="seconds a plain 'snooze' delays an alarm")
    chime_rate_hz: Literal[16000, 22050] = 16000
    suggestion_timeout_s: float = Field(default=120.0, ge=5, le=3600,
                                        description="seconds a suggestion waits for a yes or no")
    rules: list[SuggestionRule] = Field(default_factory=list)


def check_rules(settings: PersonalConfig, config: Config) -> None:
    """Raise ValueError naming the first rule that refers to an unknown device."""
    known = {d.id for d in config.devices}
    for rule in settings.rules:
        for device_id in [rule.device, *rule.suggest.devices]:
            if device_id not in known:
                raise ValueError(f"personal.rules {rule.id!r} names device {device_id!r}, which is not under "
                                 f"`devices` (known: {', '.join(sorted(known)) or 'none'})")
