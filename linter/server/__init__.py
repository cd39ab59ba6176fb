"""``postmortem server``: a Language Server Protocol server for postmortems (pygls).

One job per module: ``positions`` (the linter's 1-based character columns <-> LSP's UTF-16
positions), ``diagnostics`` (findings as LSP diagnostics), ``checker`` (linting one buffer with
the linter's own engine, against the corpus on disk), ``corpus_index`` (the corpus scan, in a
background thread), ``hover``, ``completion``, ``actions`` and ``definition`` (the editor
features), and ``protocol`` (the only module that knows pygls: the wiring). Nothing here lints
by itself: findings are what ``postmortem lint`` reports for the same text and configuration.
"""
