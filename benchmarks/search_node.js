// Run a built site's search worker in Node, as a browser runs it, and answer queries.
//
//   node benchmarks/search_node.js SITE_DIR WORKER_FILE INDEX_FILE QUERIES.json [--fresh]
//
// WORKER_FILE (relative to SITE_DIR) is the script Material's page starts as its worker: the
// sharded worker (it fetches its shards from SITE_DIR) or Material's own. INDEX_FILE is the
// search_index.json the page hands it in the SETUP message. For each query it prints one JSON
// line: the page locations of the result groups in order and every file the worker loaded
// (fetch or importScripts; the page's own download of INDEX_FILE is added by the caller).
// --fresh: a new worker for every query (a browser's first search: nothing cached).
// --typed: with --fresh, each query typed letter by letter: every prefix is searched, one after
// the other, and the files are all those loaded until the whole word's result.
"use strict"
const fs = require("fs")
const path = require("path")
const vm = require("vm")

const [siteDir, workerFile, indexFile, queriesFile] = process.argv.slice(2, 6)
const fresh = process.argv.includes("--fresh")
const typed = process.argv.includes("--typed")
const ORIGIN = "http://site.invalid/"

function localPath(url) {
  const href = String(url)
  if (!href.startsWith(ORIGIN)) throw new Error("outside the site: " + href)
  return path.join(siteDir, decodeURIComponent(new URL(href).pathname))
}

function startWorker(loadedFiles) {
  const listeners = []
  const replies = []
  let waiting = null
  const context = {
    console, URL, Map, Set, Promise, JSON, Math, Object, Array, String, Number, RegExp, Error, TypeError,
    setTimeout, clearTimeout, structuredClone,
    location: { href: ORIGIN + workerFile, protocol: "http:" },
    addEventListener: (type, fn) => { if (type === "message") listeners.push(fn) },
    postMessage: message => { replies.push(message); if (waiting) { const w = waiting; waiting = null; w() } },
    importScripts: (...urls) => {
      for (const url of urls) {
        const file = localPath(new URL(url, ORIGIN + workerFile))
        loadedFiles.push(path.relative(siteDir, file))
        vm.runInContext(fs.readFileSync(file, "utf8"), context, { filename: file })
      }
    },
    fetch: async url => {
      const file = localPath(url)
      loadedFiles.push(path.relative(siteDir, file))
      const text = fs.readFileSync(file, "utf8")
      return { ok: true, status: 200, json: async () => JSON.parse(text), text: async () => text }
    }
  }
  context.self = context
  vm.createContext(context)
  context.importScripts(ORIGIN + workerFile)
  async function send(message) {
    const before = replies.length
    const done = new Promise(resolve => { waiting = resolve })
    for (const fn of listeners) fn({ data: message })
    while (replies.length === before) await done
    return replies[replies.length - 1]
  }
  return { send }
}

async function main() {
  const index = JSON.parse(fs.readFileSync(path.join(siteDir, indexFile), "utf8"))
  const queries = JSON.parse(fs.readFileSync(queriesFile, "utf8"))
  const setup = { type: 0, data: { config: index.config, docs: index.docs, options: { suggest: false } } }
  let worker = null
  let files = []
  for (const query of queries) {
    if (fresh || worker === null) {
      files = []
      worker = startWorker(files)
      await worker.send(setup)
    }
    const start = files.length
    if (typed)
      for (let length = 1; length < query.length; length++)
        await worker.send({ type: 2, data: query.slice(0, length) })
    const reply = await worker.send({ type: 2, data: query })
    const groups = (reply.data && reply.data.items) || []
    const pages = groups.map(group => group.length ? group[0].location.split("#")[0] : "")
    process.stdout.write(JSON.stringify({ query, pages, files: fresh ? files.slice() : files.slice(start) }) + "\n")
  }
}

main().catch(error => { console.error(error && error.stack || error); process.exit(1) })
