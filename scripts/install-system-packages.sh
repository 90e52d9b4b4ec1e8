#!/usr/bin/env bash
# Install the Debian/Ubuntu packages homeassist needs, skipping those already present.
#   mosquitto       MQTT broker the tests start on 127.0.0.1
#   espeak-ng       Mandarin speech, and the wake phrase in sample recordings
#   libportaudio2   sounddevice (microphone and speaker)
#   libsndfile1     soundfile (WAV and FLAC recordings)
#   build-essential, cmake   compiling llama-cpp-python, which has no binary wheel
set -euo pipefail

packages=(mosquitto espeak-ng libportaudio2 libsndfile1 build-essential cmake)
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi

echo "Installing system packages: ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
    sudo=()
elif command -v sudo >/dev/null; then
    sudo=(sudo)
else
    echo "Missing packages ${missing[*]} and no root rights; install them as root and run again." >&2
    exit 1
fi
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
