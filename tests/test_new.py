"""``postmortem new``: a scaffold that is valid, complete and only asks to be filled in."""

from __future__ import annotations

import datetime
import os
import re
from pathlib import Path

import pytest

from conftest import clean_text, run_cli
from linter import formatspec
from linter.document import parse_text, read_document
from linter.scaffold import MAX_SLUG_LENGTH, slugify

TITLE = "Checkout errors after pricing model update"
FILE_NAME = re.compile(r"\d{4}-\d{2}-\d{2}-[a-z0-9]+(-[a-z0-9]+)*\.md\Z")  # what PM108 accepts


@pytest.fixture
def repo(tmp_path, monkeypatch) -> Path:
    """An empty repository root with a default configuration, as the working directory."""
    (tmp_path / ".postmortem.toml").write_text("", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def new(*args: str):
    return run_cli("new", *args)


def create(*extra: str, title: str = TITLE) -> Path:
    result = new(title, "--severity", "SEV2", "--service", "checkout", "--date", "2026-04-07", *extra)
    assert result.code == 0, result.err
    return Path(result.out.strip())


def lint_codes(path: Path) -> list[str]:
    result = run_cli("lint", "--format", "json", str(path))
    assert result.code in (0, 1), result.err
    return [finding["code"] for finding in result.json()["findings"]]


def test_writes_the_dated_file_and_prints_only_its_path(repo):
    result = new(TITLE, "--severity", "SEV2", "--service", "checkout", "--service", "pricing-agent",
                 "--date", "2026-04-07", "--author", "@alice")
    assert result.code == 0, result.err
    assert result.out == "postmortems/2026/2026-04-07-checkout-errors-after-pricing-model-update.md\n"
    meta = read_document(result.out.strip()).meta
    assert meta == {"id": "PM-2026-001", "title": TITLE, "date": "2026-04-07", "severity": "SEV2",
                    "status": "draft", "services": ["checkout", "pricing-agent"], "authors": ["@alice"]}


def test_a_fresh_scaffold_only_asks_to_be_filled_in(repo):
    path = create("--author", "@alice")
    codes = lint_codes(path)
    assert set(codes) == {"PM203", "PM401"}  # empty sections; an action-item table with no rows
    assert codes.count("PM401") == 1


def test_without_an_author_the_placeholder_is_the_only_extra_finding(repo):
    path = create()
    codes = lint_codes(path)
    assert set(codes) == {"PM203", "PM204", "PM401"}
    document = read_document(str(path))
    [placeholder] = [line for line in document.lines if "TODO" in line]
    assert placeholder.strip() == '- "@TODO"' and document.meta["authors"] == ["@TODO"]


def test_every_section_in_order_with_a_one_line_hint(repo):
    document = read_document(str(create("--author", "@alice")))
    assert [section.canonical for section in document.sections] == list(formatspec.CORE_SECTIONS)
    for section in document.sections:
        body = [line for line in document.lines[section.line:section.end_line] if line.strip()]
        assert re.fullmatch(r"<!-- .{20,} -->", body[0]), section.title
        assert section.is_empty or section.canonical == "Action items"
    actions = document.section("Action items")
    assert "| Action | Owner | Due | Priority | Link |" in document.lines[actions.line:actions.end_line]
    for name in ("Where we got lucky", "Lessons learned"):  # not required: say so
        assert "Optional" in document.lines[document.section(name).line + 1]


def test_publishing_fields_are_left_as_comments(repo):
    document = read_document(str(create("--author", "@alice")))
    frontmatter = document.lines[: document.frontmatter.end_line]
    for key in (*formatspec.LIFECYCLE_KEYS, "incident_commander", "impact", "detection", "root_cause_category"):
        assert any(line.startswith(f"# {key}:") for line in frontmatter), key
        assert key not in document.meta


def test_next_id_comes_from_frontmatter_not_from_text(repo):
    folder = repo / "postmortems"
    (folder / "2025").mkdir(parents=True)
    (folder / "2026" / "deep").mkdir(parents=True)
    variants = {
        "2025/2025-12-01-a.md": ("PM-2026-014", "PM-2025-090"),  # other year
        "2026/2026-01-01-b.md": ("PM-2026-014", "PM-2026-003"),
        "2026/deep/2026-02-01-c.md": ("PM-2026-014", "PM-2026-017"),
    }
    for name, (old, new_id) in variants.items():
        (folder / name).write_text(clean_text().replace(old, new_id), encoding="utf-8")
    # Ids that a regex over the files would find, but that are not frontmatter ids:
    (folder / "2026" / "2026-03-01-d.md").write_text(
        clean_text().replace("id: PM-2026-014", "# id: PM-2026-500\nid: PM-2026-004")
        + "\n```yaml\nid: PM-2026-900\n```\n", encoding="utf-8")
    (folder / "2026" / "2026-03-02-broken.md").write_text("---\nid: PM-2026-800\ntitle: [unclosed\n---\n", encoding="utf-8")
    path = create("--author", "@alice")
    assert read_document(str(path)).meta["id"] == "PM-2026-018"
    other_year = create("--author", "@alice", "--date", "2025-06-01")
    assert read_document(str(other_year)).meta["id"] == "PM-2025-091"


def test_never_overwrites(repo):
    path = create("--author", "@alice")
    path.write_text(path.read_text(encoding="utf-8") + "\nMy notes.\n", encoding="utf-8")
    before = path.read_bytes()
    result = new(TITLE, "--severity", "SEV2", "--service", "checkout", "--date", "2026-04-07")
    assert result.code == 2
    assert "already exists" in result.err and "Traceback" not in result.err
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]  # no temporary left behind


@pytest.mark.parametrize("title, slug", [
    (TITLE, "checkout-errors-after-pricing-model-update"),
    ("Zahlungsfehler für Kunden in Österreich", "zahlungsfehler-fur-kunden-in-osterreich"),
    ("Straße & Æbleskiver: 5xx at 40%", "strasse-and-aebleskiver-5xx-at-40"),
    ("Didn't page on-call", "didnt-page-on-call"),
    ("支付失败 payments down", "payments-down"),
    ("支付失败", "incident"),
    ("../../etc/passwd", "etc-passwd"),
    ("  --  ", "incident"),
])
def test_slugs(title, slug):
    assert slugify(title) == slug


def test_long_titles_are_cut_at_a_word():
    slug = slugify("Search returned zero results for queries containing model numbers with hyphens and slashes")
    assert len(slug) <= MAX_SLUG_LENGTH and not slug.endswith("-")
    assert "search-returned-zero-results-for-queries-containing-model".startswith(slug)
    assert FILE_NAME.match(f"2026-04-07-{slug}.md")
    assert len(slugify("x" * 200)) == MAX_SLUG_LENGTH


@pytest.mark.parametrize("title", [
    'He said "stop" \\ then: # not a comment', "yes", "14:03", "null", "- [a, b]", "{x: 1}",
    "'single' quotes", "Zero\u200bwidth and soft\u00adhyphen", "Emoji 🔥 outage",
])
def test_any_one_line_title_round_trips_exactly(repo, title):
    path = create("--author", "@alice", title=title)
    document = read_document(str(path))
    assert document.meta["title"] == title
    assert not document.frontmatter.problems
    assert FILE_NAME.match(path.name)
    assert set(lint_codes(path)) <= {"PM203", "PM204", "PM401"}
    assert "\u200b" not in path.read_text(encoding="utf-8")  # invisible characters are written as escapes


@pytest.mark.parametrize("args, message", [
    (["Line one\nline two", "--severity", "SEV2", "--service", "checkout"], "one line"),
    (["   ", "--severity", "SEV2", "--service", "checkout"], "title is empty"),
    ([TITLE, "--severity", "SEV5", "--service", "checkout"], "not one of SEV1, SEV2, SEV3, SEV4"),
    ([TITLE, "--severity", "SEV2", "--service", "check\x1bout"], "control characters"),
    (["Checkout \u202eerrors", "--severity", "SEV2", "--service", "checkout"], "bidi overrides"),  # PM109 would report it
    (["Checkout \x1b[2Jerrors", "--severity", "SEV2", "--service", "checkout"], "control characters"),
    ([TITLE, "--severity", "SEV2", "--service", "checkout", "--author", "TBD"], "not an owner handle"),
    ([TITLE, "--severity", "SEV2", "--service", "checkout", "--date", "2026-02-30"], "YYYY-MM-DD"),
    ([TITLE, "--severity", "SEV2", "--service", "checkout", "--date", "7 April"], "YYYY-MM-DD"),
    ([TITLE, "--service", "checkout"], "--severity"),
    ([TITLE, "--severity", "SEV2"], "--service"),
])
def test_bad_input_is_a_clear_usage_error(repo, args, message):
    result = new(*args)
    assert result.code == 2
    assert message in result.err and "Traceback" not in result.err
    assert not (repo / "postmortems").exists()


def test_severity_scheme_comes_from_configuration(repo):
    (repo / ".postmortem.toml").write_text('severities = ["P1", "P2", "P3"]\n', encoding="utf-8")
    result = new(TITLE, "--severity", "p2", "--service", "checkout", "--date", "2026-04-07", "--author", "@a")
    assert result.code == 0, result.err
    path = Path(result.out.strip())
    assert read_document(str(path)).meta["severity"] == "P2"
    assert set(lint_codes(path)) == {"PM203", "PM401"}


def test_default_date_is_today_in_utc(repo):
    before = datetime.datetime.now(datetime.timezone.utc).date().isoformat()
    result = new(TITLE, "--severity", "SEV3", "--service", "checkout")
    after = datetime.datetime.now(datetime.timezone.utc).date().isoformat()
    name = Path(result.out.strip()).name
    assert name[:10] in {before, after}


def test_dir_option_and_the_path_never_escapes_it(repo, tmp_path_factory):
    custom = create("--author", "@a", "--dir", "incidents")
    assert custom == Path("incidents/2026/2026-04-07-checkout-errors-after-pricing-model-update.md")
    outside = tmp_path_factory.mktemp("outside")
    (repo / "linked").mkdir()
    os.symlink(outside, repo / "linked" / "2026")
    result = new(TITLE, "--severity", "SEV2", "--service", "checkout", "--date", "2026-04-07", "--dir", "linked")
    assert result.code == 2 and "outside" in result.err
    assert list(outside.iterdir()) == []


def test_modeline_only_when_the_schema_file_exists(repo):
    plain = create("--author", "@a")
    assert "yaml-language-server" not in plain.read_text(encoding="utf-8")
    assert run_cli("schema").code == 0
    (repo / "postmortem.schema.json").write_text(run_cli("schema").out, encoding="utf-8")
    path = create("--author", "@a", title="Second incident")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "---" and lines[1] == "# yaml-language-server: $schema=../../postmortem.schema.json"
    assert (path.parent / "../../postmortem.schema.json").resolve() == (repo / "postmortem.schema.json").resolve()
    document = parse_text(str(path), "\n".join(lines))
    assert document.meta["title"] == "Second incident" and not document.frontmatter.problems
    assert set(lint_codes(path)) == {"PM203", "PM401"}
