"""Regular-expression pieces for Markdown's bracketed spans that stay linear when searched.

``\\[[^\\]]*\\]`` searched in a text with many ``[`` and no ``]`` scans the rest of the text
again from every ``[``: quadratic (a 40 KB action item of ``\\x1b[2J`` held PM405 for 14 s).
A span that cannot hold its own opener stops at the next one, so no character is scanned from
more than two starts. The price is a bracket nested in link text (``[a [b] c](x)``), which
CommonMark allows and postmortems do not write: there the inner span is read, not the outer.
"""

# What stands between ``[`` and ``]``: link text, a reference label.
BRACKETED = r"[^\[\]]*"
# A link destination in parentheses, with one level of balanced parentheses inside, as URLs
# hold them (``https://en.wikipedia.org/wiki/Canary_(software)``).
IN_PARENTHESES = r"[^()]*(?:\([^()]*\)[^()]*)*"
DESTINATION = rf"\({IN_PARENTHESES}\)"
