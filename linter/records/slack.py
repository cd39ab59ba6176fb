"""A Slack channel export: one channel's day-file (a JSON list of messages), or a folder of them.

Messages carry ``ts`` (epoch seconds with microseconds, as a string), ``user`` (an id, resolved to
a name through the export's ``users.json`` when there is one), bot messages ``subtype:
bot_message`` with ``username`` or ``bot_profile``, and replies a ``thread_ts`` other than their
own ``ts``. Text uses Slack's markup (``<@U123>``, ``<https://x|label>``, ``&lt;``), decoded here;
the renderer escapes what is left. Milestones only where a message says one in the words of
``linter.milestones.MILESTONES`` (and is not a question).
"""

from __future__ import annotations

import os
import re
from datetime import datetime, timezone

from linter.milestones import MILESTONES
from linter.records.event import Event, RecordError
from linter.records.reading import read_json

USERS_FILE = "users.json"
DAY_FILE = re.compile(r"\d{4}-\d{2}-\d{2}\.json\Z")
SKIPPED_SUBTYPES = {"channel_join", "channel_leave", "group_join", "group_leave"}  # noise, and "joined" reads as an acknowledgement
_TS = re.compile(r"\d{1,12}(\.\d{1,6})?\Z")
_MARKUP = re.compile(r"<([^<>]*)>")


def looks_like(data) -> bool:
    return isinstance(data, list) and bool(data) and all(isinstance(item, dict) and "ts" in item for item in data)


def day_files(folder: str) -> list[str]:
    names = sorted(name for name in os.listdir(folder) if DAY_FILE.match(name))
    return [os.path.join(folder, name) for name in names]


def users_file(folder: str) -> str | None:
    """``users.json`` in the channel folder or in the export's root above it."""
    for candidate in (os.path.join(folder, USERS_FILE), os.path.join(os.path.dirname(os.path.abspath(folder)), USERS_FILE)):
        if os.path.isfile(candidate):
            return candidate
    return None


def names_near(folder: str) -> dict[str, str]:
    """The user names of the export a day-file or channel folder belongs to ({} without users.json)."""

    users = users_file(folder)
    return user_names(read_json(users), users) if users else {}


def user_names(data, source: str) -> dict[str, str]:
    """``{id: name}`` from users.json: the real name, else the display name, else the handle."""
    if not isinstance(data, list):
        raise RecordError(f"{source}: expected a list of users")
    names = {}
    for index, user in enumerate(data):
        if not isinstance(user, dict) or not isinstance(user.get("id"), str):
            raise RecordError(f"{source}: user {index} has no 'id'")
        profile = user.get("profile") if isinstance(user.get("profile"), dict) else {}
        for value in (profile.get("real_name"), user.get("real_name"), profile.get("display_name"), user.get("name")):
            if isinstance(value, str) and value.strip():
                names[user["id"]] = value.strip()
                break
    return names


def timestamp(value, where: str) -> datetime:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not _TS.match(value):
        raise RecordError(f"{where}: 'ts' {str(value)[:40]!r} is not epoch seconds such as \"1712459700.000200\"")
    seconds, _, fraction = value.partition(".")
    try:
        moment = datetime.fromtimestamp(int(seconds), timezone.utc)
    except (OverflowError, OSError, ValueError):
        raise RecordError(f"{where}: 'ts' {value!r} is out of range") from None
    return moment.replace(microsecond=int((fraction or "0").ljust(6, "0")))


def plain_text(text: str, names: dict[str, str]) -> str:
    """Slack markup as plain words: mentions by name, links as 'label (url)', entities decoded."""
    def replace(match: re.Match) -> str:
        inner = match.group(1)
        target, _, label = inner.partition("|")
        if target.startswith("@"):
            return "@" + (label or names.get(target[1:], target[1:]))
        if target.startswith("#"):
            return "#" + (label or target[1:])
        if target.startswith("!"):
            return label or "@" + target[1:].split("^")[0]
        return f"{label} ({target})" if label and label != target else target
    text = _MARKUP.sub(replace, text)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def message_text(message: dict) -> str:
    text = message.get("text") if isinstance(message.get("text"), str) else ""
    if not text.strip():  # bots often post only attachments
        attachments = message.get("attachments")
        for attachment in attachments if isinstance(attachments, list) else []:
            if isinstance(attachment, dict):
                for key in ("fallback", "text", "title", "pretext"):
                    if isinstance(attachment.get(key), str) and attachment[key].strip():
                        return attachment[key]
    return text


def actor_of(message: dict, names: dict[str, str]) -> str | None:
    if message.get("subtype") == "bot_message" or "bot_id" in message and "user" not in message:
        profile = message.get("bot_profile") if isinstance(message.get("bot_profile"), dict) else {}
        name = message.get("username") or profile.get("name")
        return name if isinstance(name, str) and name.strip() else "bot"
    user = message.get("user")
    if not isinstance(user, str):
        return None
    if user in names:
        return names[user]
    profile = message.get("user_profile") if isinstance(message.get("user_profile"), dict) else {}
    name = profile.get("real_name") or profile.get("display_name")
    return name if isinstance(name, str) and name.strip() else user


def milestone_said(text: str) -> str | None:
    """The first lifecycle milestone (in lifecycle order) the message states, not asks about."""
    if text.rstrip().endswith("?"):
        return None
    for key, (_, pattern) in MILESTONES.items():
        if pattern.search(text):
            return key
    return None


def events(messages: list, source: str, names: dict[str, str] | None = None) -> list[Event]:
    names = names or {}
    result = []
    for index, message in enumerate(messages):
        where = f"{source}: message {index}"
        if not isinstance(message, dict):
            raise RecordError(f"{where} is not an object")
        at = timestamp(message.get("ts"), where)
        if isinstance(message.get("subtype"), str) and message["subtype"] in SKIPPED_SUBTYPES:
            continue
        text = " ".join(plain_text(message_text(message), names).split())
        if not text:
            continue  # a file share or a deleted message: nothing to say in a timeline
        actor = actor_of(message, names)
        thread = message.get("thread_ts")
        if isinstance(thread, str) and thread != message.get("ts"):
            actor = f"{actor or 'unknown'} (in thread)"
        milestone = milestone_said(text)
        result.append(Event(at, text, actor, milestone))
    return result


def folder_events(folder: str) -> list[Event]:
    files = day_files(folder)
    if not files:
        raise RecordError(f"{folder}: no Slack day-files (YYYY-MM-DD.json) in this folder")

    names = names_near(folder)
    result = []
    for path in files:
        data = read_json(path)
        if not isinstance(data, list):
            raise RecordError(f"{path}: a Slack day-file is a JSON list of messages")
        result.extend(events(data, path, names))
    return result
