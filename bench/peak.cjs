// Preloaded (node -r) into every measured process, the action and the floor
// alike: on exit, writes the process's peak resident memory to BENCH_PEAK_FILE.
// VmHWM, not getrusage's maxRSS: on Linux the latter keeps the high-water mark
// of the parent that forked the process, so it measures the benchmark itself.
'use strict'
const { readFileSync, writeFileSync } = require('node:fs')
const file = process.env.BENCH_PEAK_FILE
function peakBytes() {
  try {
    const kib = /VmHWM:\s*(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))
    if (kib) return Number(kib[1]) * 1024
  } catch {
    // Not Linux: fall back below.
  }
  return process.resourceUsage().maxRSS * 1024
}
if (file) {
  process.on('exit', () => {
    writeFileSync(file, String(peakBytes()))
  })
}
