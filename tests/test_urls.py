"""URLs read as browsers read them (linter.urls), and the linter and the sanitizer judging alike.

The expected hosts are what the WHATWG URL standard gives for a URL on an https page (what
Chromium does); where the page's own scheme would change the answer, the reading that names
a host is expected.
"""

from __future__ import annotations

import re
from html import unescape

import markdown
import pytest
from hypothesis import HealthCheck, assume, given, settings, strategies as st

from conftest import clean_text
from linter.config import Config, ConfigError, from_mapping
from linter.document import parse_text
from linter.engine import Linter
from linter.urls import canonical_host, resolve, resource_problem, srcset_urls
from site_config.sanitize import clean_html

# url -> host a browser connects to (None: the page's own host; "": no host at all)
HOSTS = {
    "images/chart.png": None,
    "/images/chart.png": None,
    "?page=2": None,
    "#timeline": None,
    "/\\127.0.0.1:8000/x.png": "127.0.0.1",
    "\\/127.0.0.1:8000/x.png": "127.0.0.1",
    "\\\\127.0.0.1/x.png": "127.0.0.1",
    "///127.0.0.1/x.png": "127.0.0.1",
    "/&#9;/127.0.0.1/x.png": "127.0.0.1",  # entities first: a tab, which browsers delete
    "/&#10;/127.0.0.1/x.png": "127.0.0.1",
    "/&NewLine;/127.0.0.1/x.png": "127.0.0.1",
    "/\n/127.0.0.1/x.png": "127.0.0.1",
    "\x01 //charts.example.net/x.png ": "charts.example.net",  # C0 controls and spaces stripped
    "https://Charts.Example.NET:8443/x.png": "charts.example.net",
    "https:charts.example.net/x.png": "charts.example.net",
    "https:/\\charts.example.net/x.png": "charts.example.net",
    "https://grafana.example.com@charts.example.net/x.png": "charts.example.net",  # the last '@'
    "https://charts.example.net\\@grafana.example.com/": "charts.example.net",  # '\' ends the host
    "https://grafana.example.com#@charts.example.net/": "grafana.example.com",
    "//ch%61rts.example.net/x.png": "charts.example.net",
    "//ｃｈａｒｔｓ。example.net/x.png": "charts.example.net",  # full-width letters and dot
    "//0x7f.1/x.png": "127.0.0.1",
    "//2130706433/x.png": "127.0.0.1",
    "//0177.0.0.1/x.png": "127.0.0.1",
    "//[0:0::1]:8000/x.png": "[::1]",
    "gopher://charts.example.net/x": "charts.example.net",
    "mailto:oncall@example.com": "",
    "data:image/png;base64,iVBORw0KGgo=": "",
    "javascript:alert(1)": "",
}


@pytest.mark.parametrize("url, host", HOSTS.items())
def test_a_url_resolves_to_the_host_a_browser_connects_to(url, host):
    assert resolve(url).host == host


def test_same_site_means_relative_to_the_page():
    assert resolve("images/chart.png").same_site
    assert not resolve("//charts.example.net/x.png").same_site
    assert not resolve("https://grafana.example.com/x.png").same_site


def test_hosts_a_browser_refuses_are_never_allowed():
    for url in ("//", "//256.1.1.1/x.png", "//a b/x.png", "//[::1/x.png"):
        resolved = resolve(url)
        assert not resolved.valid_host, url
        assert resource_problem(url, frozenset({resolved.host or ""})) is not None, url


def test_allowed_hosts_are_matched_in_canonical_form():
    allowed = frozenset({"grafana.example.com"})
    assert resource_problem("https://GRAFANA.example.com/d.png", allowed) is None
    assert resource_problem("//grafana.example.com:3000/d.png", allowed) is None
    assert resource_problem("https://grafana.example.com.evil.example/d.png", allowed)
    assert resource_problem("https://grafana.example.com@evil.example/d.png", allowed)
    assert canonical_host("10.1") == "10.0.0.1"


def test_srcset_candidates_are_split_as_the_html_spec_does():
    assert srcset_urls("a.png 1x, //b.example/c.png 2x,d.png,, e.png (x, y) 3x") == [
        "a.png", "//b.example/c.png", "d.png", "e.png"]
    assert srcset_urls("data:image/png;base64,AA,BB 1x") == ["data:image/png;base64,AA,BB"]


def test_resource_hosts_in_the_configuration_are_validated():
    assert from_mapping({"resource-hosts": ["Grafana.Example.com", "[::1]"]}).resource_hosts == {
        "grafana.example.com", "[::1]"}
    for wrong in ("https://grafana.example.com", "grafana.example.com:3000", "grafana.example.com/d", "", "a b"):
        with pytest.raises(ConfigError, match="no host name"):
            from_mapping({"resource-hosts": [wrong]})
    with pytest.raises(ConfigError, match="list of strings"):
        from_mapping({"resource-hosts": "grafana.example.com"})


# --- the linter and the sanitizer judge every image alike --------------------------------------

IMAGES = [*HOSTS, "https://grafana.example.com/d/checkout.png", "//grafana.example.com/x.png",
          "\\/grafana.example.com/x.png", "https:grafana.example.com/x.png"]
ALLOWED = frozenset({"grafana.example.com"})
_RENDER = markdown.Markdown(extensions=["attr_list", "tables"])


def _linter_reports(destination: str) -> bool:
    text = clean_text() + f"\n## Lessons learned\n\n![chart]({destination})\n"
    linter = Linter(Config(resource_hosts=ALLOWED))
    findings = linter.finish([linter.check_document(parse_text("postmortems/x.md", text))], [])
    return any(finding.code == "PM809" for finding in findings)


def _sanitizer_drops(destination: str) -> bool:
    _RENDER.reset()
    html = _RENDER.convert(f"![chart]({destination})")
    assert "<img" in html, html
    return "src=" in html and "src=" not in clean_html(html, ALLOWED)


@pytest.mark.parametrize("url", [url for url in IMAGES if "\n" not in url and " " not in url.strip()
                                 and not url.startswith(("mailto:", "javascript:", "data:"))])
def test_what_the_linter_reports_the_sanitizer_drops(url):
    destination = url.replace("\x01", "")
    assert _linter_reports(destination) == _sanitizer_drops(destination), destination


def test_the_rule_knows_the_backslash_escapes_of_the_sites_markdown_engine():
    """PM809 reads a Markdown destination as Python-Markdown copies it into the page."""
    from linter.rules.foreign_resource import _PYTHON_MARKDOWN_ESCAPE
    from tests.conftest import REPO, read_mkdocs_yml

    configured = read_mkdocs_yml(REPO / "mkdocs.yml")
    extensions = [next(iter(item)) if isinstance(item, dict) else item for item in configured["markdown_extensions"]]
    escaped = markdown.Markdown(extensions=extensions).ESCAPED_CHARS
    assert {char for char in escaped if _PYTHON_MARKDOWN_ESCAPE.fullmatch("\\" + char)} == set(escaped)
    assert not _PYTHON_MARKDOWN_ESCAPE.fullmatch("\\/")


def test_pm809_costs_linear_time_in_a_hostile_paragraph():
    """Eight times the input costs about eight times as much (a quadratic scan would be 64x)."""
    import time

    from linter.rules import foreign_resource

    unit = "![a](/\\x.example/y.png) [b](c) `d` `` <img src=//x.example/z> ]( ![ "

    def cost(repeats: int) -> float:
        text = clean_text() + "\n## Lessons learned\n\n" + unit * repeats + "\n"
        document = parse_text("postmortems/x.md", text)
        document.tokens  # parsing is not the rule's cost
        best = float("inf")
        for _ in range(3):
            start = time.process_time()
            list(foreign_resource.check(document, type("Context", (), {"config": Config()})()))
            best = min(best, time.process_time() - start)
        return best

    small, large = cost(250), cost(2000)
    assert large < small * 24, (small, large)


# Pieces a hostile destination is made of. No literal tab: Python-Markdown expands it to spaces,
# which leave a host no browser can read (the sanitizer drops it; nothing loads).
_PIECES = ["/", "\\", "\\\\", "&#9;", "&#10;", "&#x5C;", "&#47;", "%5C", "%2F", "http:", "https:", "HTTPS:",
           "grafana.example.com", "evil.example", "@", ":8000", "127.0.0.1", "0x7f.1", ".", "?", "#", "x.png",
           "&amp;", "<", ">", "(", ")", " ", '"']


@settings(max_examples=300, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=7).map("".join))
def test_no_image_the_sanitizer_refuses_for_its_host_passes_the_linter(destination):
    """The linter may refuse more (a destination it cannot tell apart), never less."""
    _RENDER.reset()
    html = _RENDER.convert(f"![chart]({destination})")
    src = re.search(r'<img [^>]*src="([^"]*)"', html)
    assume(src is not None)
    page_url = unescape(src.group(1))
    assume(resolve(page_url, decode_entities=False).scheme in (None, "http", "https"))  # nh3 drops the others anyway
    if resource_problem(page_url, ALLOWED, decode_entities=False):
        assert _linter_reports(destination), (destination, html)
