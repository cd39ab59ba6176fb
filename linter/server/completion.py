"""Completion in the frontmatter: the keys the schema allows (those not written yet), and for
a key's value the values it allows. Everything comes from what the linter checks against,
so a completed value is never one it then reports: the frontmatter schema built from the
configuration (severities, statuses, detection sources, taxonomy slugs, extended ones
included), and the corpus (services already named, ids for ``related``)."""

from __future__ import annotations

from lsprotocol import types

from linter.config import Config
from linter.frontmatter import split_frontmatter
from linter.schema import schema_for
from linter.server.frontmatter_place import place
from linter.server.positions import UTF16, from_lsp, to_lsp


def written_keys(lines: list[str]) -> set[str]:
    """The top-level keys the frontmatter has already (a key is offered once)."""
    block = split_frontmatter(lines)
    if block is None:
        return set()
    close = block[1] if block[1] != -1 else len(lines)
    return {text.split(":", 1)[0].strip() for text in lines[block[0] + 1:close] if ":" in text and not text[:1].isspace()}


def key_choices(config: Config, parent: str | None = None) -> dict[str, str]:
    """Key -> its description (or its type), at the top level or under ``parent`` (impact)."""
    properties = schema_for(config)["properties"]
    if parent is not None:
        properties = properties.get(parent, {}).get("properties", {})
    return {key: spec.get("description") or _kind(spec) for key, spec in properties.items()}


def _kind(spec: dict) -> str:
    if "enum" in spec:
        return "one of: " + ", ".join(map(str, spec["enum"]))
    return str(spec.get("type", "value"))


def value_choices(config: Config, services: list[str], ids: list[str]) -> dict[str, list[str]]:
    """Key -> the values (or list items) it allows, where the schema or the corpus knows them."""
    choices: dict[str, list[str]] = {}
    for key, spec in schema_for(config)["properties"].items():
        allowed = spec.get("enum") or spec.get("items", {}).get("enum")
        if allowed:
            choices[key] = [str(value) for value in allowed]
    choices["services"] = services
    choices["related"] = ids
    return choices


def completions(lines: list[str], position: types.Position, config: Config, services: list[str],
                ids: list[str], encoding: str = UTF16) -> list[types.CompletionItem]:
    """The items for the cursor, each replacing what is typed of its word."""
    line, column = from_lsp(lines, position.line, position.character, encoding)
    where = place(lines, position.line, column - 1)
    if where is None:
        return []
    start = types.Position(*to_lsp(lines, line, where.start + 1, encoding))
    span = types.Range(start, position)
    if where.key is None:  # a key
        present = set() if where.parent else written_keys(lines)
        return [types.CompletionItem(label=key, kind=types.CompletionItemKind.Property, detail=detail,
                                     text_edit=types.TextEdit(span, f"{key}: "))
                for key, detail in key_choices(config, where.parent).items() if key not in present]
    values = value_choices(config, services, ids).get(where.key, [])
    return [types.CompletionItem(label=value, kind=types.CompletionItemKind.EnumMember if where.key != "related"
                                 else types.CompletionItemKind.Reference, text_edit=types.TextEdit(span, value))
            for value in values]
