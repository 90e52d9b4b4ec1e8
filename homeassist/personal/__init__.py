"""Timers, alarms, reminders, remembered preferences, sensor suggestions and small talk."""
