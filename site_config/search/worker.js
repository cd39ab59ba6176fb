/* postmortem-kit: the search worker of a sharded index (site_config/search/shards.py).
 *
 * Material's page talks to this worker with Material's own messages (SETUP, READY, QUERY,
 * RESULT), so its search field, result list and highlighting stay as they are. SETUP carries
 * Material's index config and no documents; each QUERY loads the manifest once, then the term
 * shards holding the query's words (a prefix each, as Material appends `*` to every word),
 * ranks the pages those postings name, loads the first few pages' entries and lets Material's
 * own search worker (loaded below, unchanged) search and highlight just those pages. Result
 * text is Material's: the entries are the ones Material wrote, escaped as Material escapes them.
 *
 * It also runs inside the iframe-worker shim of a site opened from disk (file://), where there
 * is no fetch of files: shards are scripts then, loaded with the shim's importScripts.
 */
(function () {
  "use strict"
  var MATERIAL_WORKER = "__MATERIAL_WORKER__"  /* install.py writes the file name of Material's worker */
  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3
  var MAX_SHARDS_PER_WORD = 4  /* a one-letter prefix does not download the whole index */

  var scriptUrl = typeof document !== "undefined"
    ? document.querySelector("script[src]").src  /* iframe-worker shim: the first script is this one */
    : self.location.href
  var base = new URL("../../../", scriptUrl)  /* assets/javascripts/workers/ -> the site's root */
  var offline = base.protocol === "file:"
  var suffix = offline ? ".js" : ".json"
  var post = self.postMessage.bind(self)

  /* Material's worker registers its message handler when it loads: keep it for ourselves. */
  var materialHandler = null
  var ownAddEventListener = self.addEventListener.bind(self)
  self.addEventListener = function (type, listener, options) {
    if (type === "message" && materialHandler === null) { materialHandler = listener; return }
    return ownAddEventListener(type, listener, options)
  }
  var materialLoaded = Promise.resolve(importScripts(new URL(MATERIAL_WORKER, scriptUrl).href))
  var answer = null  /* Material's reply is captured here while we talk to it */
  self.postMessage = function (message) {
    if (answer !== null) { var resolve = answer; answer = null; resolve(message) } else post(message)
  }
  function material(message) {
    return materialLoaded.then(function () {
      return new Promise(function (resolve) {
        answer = resolve
        materialHandler({ data: message })
      })
    })
  }

  /* Shards: fetched as JSON over HTTP, loaded as scripts from disk. */
  var loaded = new Map()
  var scripts = new Map()
  self.__postmortemShard = function (name, data) {
    var waiting = scripts.get(name)
    if (waiting) waiting(data)
  }
  function shard(name) {
    if (!loaded.has(name)) {
      var url = new URL("search/shards/" + name + suffix, base).href
      var promise = offline
        ? new Promise(function (resolve) { scripts.set(name, resolve); importScripts(url) })
        : fetch(url).then(function (response) {
          if (!response.ok) throw new Error(url + ": " + response.status)
          return response.json()
        })
      loaded.set(name, promise.catch(function (error) {
        loaded.delete(name)  /* a file missing while `mkdocs serve` rebuilds: ask again next query */
        throw error
      }))
    }
    return loaded.get(name)
  }

  var setup = null  /* Material's SETUP data: its config and options */
  var searched = ""  /* the pages Material's index holds now */

  function words(query, separator) {
    var out = []
    var parts = query.toLowerCase().replace(/"/g, " ").split(/\s+/)
    for (var p = 0; p < parts.length; p++) {
      var part = parts[p]
      if (!part || part.charAt(0) === "-") continue  /* prohibited words find no pages */
      part = part.replace(/^\+/, "").replace(/^(title|text|tags):/, "").replace(/^\*+/, "").replace(/[*~^]\d*$/, "")
      var pieces = part.split(separator)
      for (var i = 0; i < pieces.length; i++) if (pieces[i]) out.push(pieces[i])
    }
    return out
  }

  /* The term shards that may hold words starting with `prefix` (they are sorted). */
  function shardsFor(prefix, firsts) {
    var low = 0, high = firsts.length
    while (low < high) { var mid = (low + high) >> 1; if (firsts[mid] <= prefix) low = mid + 1; else high = mid }
    var start = Math.max(low - 1, 0), names = []
    for (var n = start; n < firsts.length && names.length < MAX_SHARDS_PER_WORD; n++) {
      if (n > start && !(firsts[n].lastIndexOf(prefix, 0) === 0)) break
      names.push("terms/" + n)
    }
    return names
  }

  /* The pages to search: the most words of the query first, then the rarer words. */
  function rank(manifest, query) {
    var separator = new RegExp(manifest.separator)
    var list = words(query, separator)
    return Promise.all(list.map(function (word) {
      return Promise.all(shardsFor(word, manifest.terms).map(shard)).then(function (shards) {
        var counts = new Map()
        for (var s = 0; s < shards.length; s++) for (var term in shards[s]) {
          if (term.lastIndexOf(word, 0) !== 0) continue
          var postings = shards[s][term], page = 0
          for (var i = 0; i < postings.length; i += 2) {
            page += postings[i]
            counts.set(page, (counts.get(page) || 0) + postings[i + 1])
          }
        }
        return counts
      })
    })).then(function (perWord) {
      var scores = new Map()
      perWord.forEach(function (counts) {
        var weight = Math.log(1 + manifest.pages / Math.max(counts.size, 1))
        counts.forEach(function (count, page) {
          scores.set(page, (scores.get(page) || 0) + 1000 + weight * Math.log(1 + count))
        })
      })
      return Array.from(scores.keys())
        .sort(function (a, b) { return scores.get(b) - scores.get(a) || a - b })
        .slice(0, manifest.pages_per_query)
    })
  }

  function search(query) {
    return shard("manifest").then(function (manifest) {
      return rank(manifest, query)
    }).then(function (pages) {
      if (!pages.length) return { type: RESULT, data: { items: [] } }
      pages.sort(function (a, b) { return a - b })
      var key = pages.join(",")
      var ready = key === searched ? Promise.resolve() : Promise.all(pages.map(function (page) {
        return shard("pages/" + page)
      })).then(function (entries) {
        var docs = [].concat.apply([], entries)
        return material({ type: SETUP, data: { config: setup.config, docs: docs, options: setup.options } })
          .then(function () { searched = key })
      })
      return ready.then(function () { return material({ type: QUERY, data: query }) })
    })
  }

  /* One message at a time, in order; a query overtaken by a newer one is not answered. */
  var queue = Promise.resolve()
  var latest = 0
  ownAddEventListener("message", function (event) {
    var message = event.data
    if (message.type === SETUP) {
      queue = queue.then(function () {
        setup = { config: message.data.config, options: message.data.options }
        searched = ""
        post({ type: READY })
      })
      return
    }
    if (message.type !== QUERY) return
    var number = ++latest
    queue = queue.then(function () {
      if (number !== latest) return
      return search(String(message.data || "")).then(function (reply) {
        if (number === latest) post(reply)
      }, function (error) {
        console.warn("search: " + error)
        post({ type: RESULT, data: { items: [] } })
      })
    })
  })
})()
