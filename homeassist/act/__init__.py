"""Acting on devices: validation, MQTT payloads and publishing."""
