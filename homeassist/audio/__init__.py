"""Audio in and out: the microphone, recordings, the speaker and WAV files."""
