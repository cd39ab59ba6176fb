"""The published site: a MkDocs plugin that turns the postmortem corpus into an incident library.

Only ``plugin.py`` and ``config.py`` know MkDocs. The rest are plain modules — the corpus model
(``corpus.py``), URL-safe names (``slugs.py``), HTML sanitizing (``sanitize.py``) and page
content (``pages.py`` with its Jinja templates in ``templates/``) — so that porting the site to
another generator touches the plugin alone. ``theme/`` holds the Material partials we override
(to escape titles) and the small script and stylesheet the pages use.
"""
