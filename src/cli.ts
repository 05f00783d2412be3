#!/usr/bin/env node
// `deploy-botpress-integration convert …`: the command-line side of the action.
import { convert, CONVERT_USAGE } from './definition/convert-command.js'

const [command, ...args] = process.argv.slice(2)
if (command === 'convert') {
  process.exitCode = await convert(
    args,
    (line) => console.log(line),
    (line) => console.error(line),
  )
} else {
  console.error(CONVERT_USAGE)
  process.exitCode = 2
}
