// The README's inputs and outputs tables, made from action.yml so that a
// description or a default lives in one place. `npm run readme` rewrites them
// between their markers; __tests__/unit/docs.test.ts fails when they differ.
import { readFile, writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'

const cell = (text) =>
  String(text)
    .replace(/\s*\n\s*/g, ' ')
    .replace(/\|/g, '\\|')
    .trim()

/** @param {{ inputs: Record<string, any>, outputs: Record<string, any> }} action */
export function actionTables(action) {
  const inputs = Object.entries(action.inputs).map(([name, input]) => {
    const fallback = input.required ? '*(required)*' : input.default === undefined || input.default === '' ? '' : `\`${input.default}\``
    return `| \`${name}\` | ${fallback} | ${cell(input.description)} |`
  })
  const outputs = Object.entries(action.outputs).map(([name, output]) => `| \`${name}\` | ${cell(output.description)} |`)
  return {
    inputs: ['| input | default | meaning |', '|---|---|---|', ...inputs].join('\n'),
    outputs: ['| output | meaning |', '|---|---|', ...outputs].join('\n'),
  }
}

/** The README with both tables made anew between their markers. */
export function withTables(readme, action) {
  const tables = actionTables(action)
  let result = readme
  for (const [kind, table] of Object.entries(tables)) {
    const start = `<!-- action.yml ${kind} -->`
    const end = `<!-- /action.yml ${kind} -->`
    const from = result.indexOf(start)
    const to = result.indexOf(end)
    if (from < 0 || to < from) throw new Error(`README.md has no ${start} … ${end} markers`)
    result = `${result.slice(0, from + start.length)}\n${table}\n${result.slice(to)}`
  }
  return result
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = new URL('../', import.meta.url)
  const action = parse(await readFile(new URL('action.yml', root), 'utf8'))
  const readme = await readFile(new URL('README.md', root), 'utf8')
  await writeFile(new URL('README.md', root), withTables(readme, action))
}
