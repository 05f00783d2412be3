import { CORE_SCHEMA, EVENT_ID, SCALAR_STYLE, constructFromEvents, getScalarValue, parseEvents, type Event } from 'js-yaml'

// Plain keys the two read apart: the yaml library makes a null key '' where
// js-yaml makes it 'null', and takes `<<` as a merge key. None is over 4 characters.
const NULL_OR_MERGE_KEY = /^(?:~|null|Null|NULL|<<|)$/

// What each open collection expects next.
const ITEM = 0 // a sequence's item, or a document's content
const KEY = 1 // a mapping's key
const VALUE = 2 // a mapping's value

/**
 * Whether the events keep to what js-yaml and the yaml library read alike: one
 * document, no directive, anchor, alias or tag, and every key a scalar that is
 * neither null nor a merge key (a quoted `"<<"` is an ordinary key to both).
 */
function keepsToPlainYaml(text: string, events: readonly Event[]): boolean {
  const expecting: number[] = []
  let documents = 0
  for (const event of events) {
    if (event.type === EVENT_ID.POP) {
      expecting.pop()
      continue
    }
    if (event.type === EVENT_ID.DOCUMENT) {
      if (++documents > 1 || event.directives.length) return false
      expecting.push(ITEM)
      continue
    }
    if (event.type === EVENT_ID.ALIAS || event.anchorStart !== -1 || event.tagStart !== -1) return false
    const depth = expecting.length - 1
    if (expecting[depth] === KEY) {
      if (event.type !== EVENT_ID.SCALAR) return false
      const short = event.valueEnd - event.valueStart <= 4
      if (event.style === SCALAR_STYLE.PLAIN && short && NULL_OR_MERGE_KEY.test(getScalarValue(text, event))) return false
      expecting[depth] = VALUE
    } else if (expecting[depth] === VALUE) {
      expecting[depth] = KEY
    }
    if (event.type !== EVENT_ID.SCALAR) expecting.push(event.type === EVENT_ID.MAPPING ? KEY : ITEM)
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
