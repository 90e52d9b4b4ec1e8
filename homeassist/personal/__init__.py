"""Timers, alarms, reminders, remembered preferences, sensor suggestions and small talk."""
from homeassist.personal import catalog as _catalog  # noqa: F401
