"""Corpus-wide facts the cross-file rules need, small enough to keep for 10,000 files."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class DocSummary:
    path: str
    id: str | None
    id_line: int
    id_column: int
    related: tuple[tuple[str, int, int], ...] = field(default_factory=tuple)  # (id, line, column)
    links: tuple = ()  # linter.links.MdLink: relative links to .md files, which must be postmortems
    # What PM705 compares (frontmatter only, so files a changed-files run does not lint have it too).
    status: str | None = None
    date: str | None = None
    category: tuple[str, int, int] | None = None  # root_cause_category: (value, line, column)
    services: tuple[str, ...] = ()
    # What PM705 quotes of an earlier incident, read while its file was parsed: how many action
    # items it lists, and the open ones as (action, owner, due). None for a file the run did not
    # parse (a changed-files run): PM705 reads that file when it quotes it.
    action_items: tuple[int, tuple[tuple[str, str, str], ...]] | None = None


def summarize(document, with_body: bool = True) -> DocSummary:
    """``with_body``: the Markdown was parsed (else only the frontmatter: no action items known)."""
    meta = document.meta
    identifier = meta.get("id") if isinstance(meta.get("id"), str) else None
    line, column = (document.frontmatter.location_of_value("id") if identifier else (1, 1))
    related = []
    values = meta.get("related")
    if isinstance(values, list):
        for index, value in enumerate(values):
            if isinstance(value, str):
                related.append((value, *document.frontmatter.location_of_value("related", index)))
    from linter.links import md_links

    category = meta.get("root_cause_category")
    services = meta.get("services")
    return DocSummary(document.path, identifier, line, column, tuple(related), md_links(document),
                      status=_text(meta.get("status")), date=_text(meta.get("date")),
                      category=(category, *document.frontmatter.location_of_value("root_cause_category"))
                      if isinstance(category, str) and category else None,
                      services=tuple(s for s in services if isinstance(s, str)) if isinstance(services, list) else (),
                      action_items=action_item_digest(document) if with_body else None)


def action_item_digest(document) -> tuple[int, tuple[tuple[str, str, str], ...]]:
    """``(how many action items, the open ones as (action, owner, due))``: DocSummary.action_items."""
    items = document.action_items
    return len(items), tuple((item.get("action"), item.get("owner"), item.get("due")) for item in items if not item.done)


def _text(value) -> str | None:
    return value if isinstance(value, str) and value else None


def summarize_frontmatter_only(source, link_names: frozenset[str] = frozenset()) -> DocSummary:
    """The summary of a file the run does not lint: only its frontmatter is read, no Markdown
    unless the text names one of ``link_names`` (files a change removed): then its links are
    read too, to find those that now lead nowhere."""
    from linter.document import Document, MAX_FILE_BYTES, decode, file_lines, parse_text, read_regular_file
    from linter.frontmatter import load_frontmatter

    try:
        raw = read_regular_file(source.path, MAX_FILE_BYTES)
    except OSError:
        return DocSummary(source.display, None, 1, 1)
    if raw is None:
        return DocSummary(source.display, None, 1, 1)
    text, _, _ = decode(raw)
    if text is None:
        return DocSummary(source.display, None, 1, 1)
    if link_names and any(name in text for name in link_names):
        return summarize(parse_text(source.display, text))
    lines = file_lines(text)
    document = Document(path=source.display, lines=lines, frontmatter=load_frontmatter(lines), tokens=[])
    return summarize(document, with_body=False)
