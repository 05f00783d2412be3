import { CORE_SCHEMA, EVENT_ID, SCALAR_STYLE, constructFromEvents, getScalarValue, parseEvents, type Event } from 'js-yaml'

// What a plain key may not be: the yaml library makes a null key '' where
// js-yaml makes it 'null', and `<<` is a merge key to the yaml library.
const NULL_KEY = /^(?:~|null|Null|NULL|)$/
const MERGE_KEY = '<<'

/**
 * Whether the events keep to what js-yaml and the yaml library read alike: one
 * document, no directive, anchor, alias or tag, and every key a scalar that is
 * neither null nor a merge key.
 */
function keepsToPlainYaml(text: string, events: readonly Event[]): boolean {
  // The open collections; a mapping alternates key and value.
  const open: Array<{ mapping: boolean; keyNext: boolean }> = []
  let documents = 0
  for (const event of events) {
    if (event.type === EVENT_ID.POP) {
      open.pop()
      continue
    }
    if (event.type === EVENT_ID.DOCUMENT) {
      if (++documents > 1 || event.directives.length) return false
      open.push({ mapping: false, keyNext: false })
      continue
    }
    if (event.type === EVENT_ID.ALIAS || event.anchorStart !== -1 || event.tagStart !== -1) return false
    const parent = open[open.length - 1]
    if (parent?.mapping) {
      if (parent.keyNext) {
        if (event.type !== EVENT_ID.SCALAR) return false
        const key = getScalarValue(text, event)
        if (key === MERGE_KEY || (event.style === SCALAR_STYLE.PLAIN && NULL_KEY.test(key))) return false
      }
      parent.keyNext = !parent.keyNext
    }
    if (event.type !== EVENT_ID.SCALAR) open.push({ mapping: event.type === EVENT_ID.MAPPING, keyNext: true })
  }
  return documents === 1
}

/**
 * The manifest's data as js-yaml's event parser reads it (several times faster
 * than the yaml library on a large manifest), or undefined when the text is not
 * a map in plain YAML (see keepsToPlainYaml) or has any error, duplicate keys
 * included: the yaml library then reads it, and places each problem at its line.
 */
export function readPlainYaml(text: string): Record<string, unknown> | undefined {
  try {
    const events = parseEvents(text, {})
    if (!keepsToPlainYaml(text, events)) return undefined
    const [data] = constructFromEvents(events, { source: text, schema: CORE_SCHEMA, maxAliases: 0 })
    return data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}
