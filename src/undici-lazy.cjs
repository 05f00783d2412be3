// Stands in for `undici` in dist/index.js (see scripts/build.mjs). Evaluating
// undici costs about 150 ms and 10 MB on every run, yet this action's own
// requests never use it: @actions/http-client imports it only for proxy
// dispatchers of fetch-based clients. Octokit's fetch (pull-request comments)
// and a proxy dispatcher load the real undici, bundled in dist/undici/, on
// first use.
'use strict'

let undici
function load() {
  if (!undici) undici = require('./undici/index.cjs')
  return undici
}

class ProxyAgent {
  constructor(...args) {
    return new (load().ProxyAgent)(...args)
  }
}

function lazyFetch(...args) {
  return load().fetch(...args)
}

exports.ProxyAgent = ProxyAgent
exports.fetch = lazyFetch
