"""The published site: a MkDocs plugin that turns the postmortem corpus into an incident library.

It uses the linter through its public API (``linter.api``) only. ``plugin.py`` orchestrates the
MkDocs events and delegates every job: settings (``config.py``), the corpus (``corpus.py``),
the ``lint`` setting (``lint_policy.py``), the pages to add and the navigation
(``planning.py``), the kinds of page and how each makes its content (``page_kinds.py``), the
HTML of the pages shown from postmortem values (``pages.py``, from the overridable fragments
of ``templates.py``), the reports (``report_pages.py``, charts vetted by ``svg.py``), bodies
rendered on all cores (``prerender.py``), sanitizing (``sanitize.py``), search
(``search/``: the index in shards; ``search_index.py``, ``search_sections.py``, ``dirty_search.py``), publishing (``publish.py``)
and lint results kept while serving (``lint_cache.py``). ``theme/`` holds the Material partials
we override (to escape titles), the fragments (``fragments/postmortem/``) and the small script
and stylesheet the pages use. docs/site.md describes the pages and how a site overrides them.
"""
