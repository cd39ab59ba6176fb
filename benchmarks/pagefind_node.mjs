// Run Pagefind's search (its own pagefind.js and WebAssembly) in Node on a Pagefind bundle.
//
//   node benchmarks/pagefind_node.mjs BUNDLE_DIR QUERIES.json
//
// For each query, a fresh Pagefind (nothing cached, as a browser's first search) and one JSON
// line: the result pages' URLs in order, and the files fetched before the first result could
// be shown (the index chunks, and the fragments of the first 5 results, which Pagefind's UI
// loads to show them). Files fetched to list the remaining results' URLs are not counted.
import fs from "node:fs"
import path from "node:path"
import { pathToFileURL } from "node:url"

const [bundleDir, queriesFile] = process.argv.slice(2, 4)
const ORIGIN = "http://pagefind.invalid/pagefind/"
const SHOWN = 5
let fetched = []

globalThis.fetch = async input => {
  const href = String(input.url || input)
  if (!href.startsWith(ORIGIN)) throw new Error("outside the bundle: " + href)
  const relative = decodeURIComponent(new URL(href).pathname.slice("/pagefind/".length))
  fetched.push(relative)
  const bytes = fs.readFileSync(path.join(bundleDir, relative))
  return new Response(bytes, { status: 200, headers: { "Content-Type": relative.endsWith(".json") ? "application/json" : "application/octet-stream" } })
}

const queries = JSON.parse(fs.readFileSync(queriesFile, "utf8"))
const moduleUrl = pathToFileURL(path.join(bundleDir, "pagefind.js")).href
for (let n = 0; n < queries.length; n++) {
  const pagefind = await import(moduleUrl + "?fresh=" + n)
  fetched = ["pagefind.js"]
  await pagefind.options({ basePath: ORIGIN, baseUrl: "/" })
  await pagefind.init()
  const search = await pagefind.search(queries[n])
  const results = (search && search.results) || []
  const first = await Promise.all(results.slice(0, SHOWN).map(result => result.data()))
  const files = fetched.slice()
  const rest = await Promise.all(results.slice(SHOWN).map(result => result.data()))
  const pages = first.concat(rest).map(data => data.url)
  process.stdout.write(JSON.stringify({ query: queries[n], pages, files }) + "\n")
  await pagefind.destroy?.()
}
