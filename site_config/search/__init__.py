"""Full-text search at any size: Material's index split into shards loaded on demand.

``shards`` splits the index (and reads it back, ``entries``), ``worker.js`` is the browser side,
``install`` puts both in the built site. The plugin's ``search_shards`` option turns it on.
"""
