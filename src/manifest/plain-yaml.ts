import { CORE_SCHEMA, EVENT_ID, SCALAR_STYLE, constructFromEvents, getScalarValue, parseEvents, type Event, type ScalarEvent } from 'js-yaml'
import { InputError } from '../base/errors.js'

// Plain keys the two read apart: the yaml library makes a null key '' where
// js-yaml makes it 'null', and takes `<<` as a merge key. None is over 4 characters.
const NULL_OR_MERGE_KEY = /^(?:~|null|Null|NULL|<<|)$/

// A plain number whose exponent may overflow a double (YAML 1.2 core schema's float form).
const OVERFLOWING_NUMBER = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)[eE][-+]?[0-9]{3,}$/

/** Whether a plain scalar is a number that may overflow; its text is built only for one that starts like a number and is long enough. */
function mayOverflow(text: string, event: ScalarEvent): boolean {
  if (event.valueEnd - event.valueStart < 5 || !/[-+.0-9]/.test(text[event.valueStart]!)) return false
  return OVERFLOWING_NUMBER.test(getScalarValue(text, event))
}

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
    } else {
      // js-yaml keeps 1e400 a string, the yaml library makes it Infinity: the library reads it, and the check refuses it.
      if (event.type === EVENT_ID.SCALAR && event.style === SCALAR_STYLE.PLAIN && mayOverflow(text, event)) return false
      if (expecting[depth] === VALUE) expecting[depth] = KEY
    }
    if (event.type !== EVENT_ID.SCALAR) expecting.push(event.type === EVENT_ID.MAPPING ? KEY : ITEM)
  }
  return documents === 1
}

/** How deep a manifest may nest: a JSON Schema nested twenty levels takes about forty; the largest real ones, ten. */
export const MAX_DEPTH = 64
/** How many values (maps, lists, scalars) a manifest may hold: about 13 times the benchmark's large integration. */
export const MAX_NODES = 500_000

/** 1-based line and column of `offset` in `text`. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1
  let start = 0
  for (let at = text.indexOf('\n'); at !== -1 && at < offset; at = text.indexOf('\n', at + 1)) {
    line++
    start = at + 1
  }
  return { line, column: offset - start + 1 }
}

/**
 * The manifest's events (js-yaml's parser: linear, and builds no value), once
 * its nesting and its number of values are known to be within bounds; before
 * either YAML reader builds anything from them. A manifest over a bound is
 * refused at the place it crosses it. Undefined when js-yaml finds another
 * error: the yaml library then reads it, and places each problem.
 */
export function boundedEvents(text: string, displayPath: string): Event[] | undefined {
  const refuse = (offset: number, why: string) => {
    const { line, column } = lineAndColumn(text, offset)
    return new InputError(`${displayPath} is not a manifest this action reads; nothing was sent`, [
      { message: why, location: { file: displayPath, line, column } },
    ])
  }
  // js-yaml ends a line at a lone CR, the yaml library does not: refused, so that both read the same.
  const loneCr = /\r(?!\n)/.exec(text)
  if (loneCr) throw refuse(loneCr.index, 'a carriage return not followed by a line feed (a lone CR): save the file with LF or CRLF line ends')
  // A `%YAML 1.1` directive makes the yaml library read `yes` as true, js-yaml as "yes": YAML 1.2 only.
  const directive = /^%\S*/m.exec(text)
  let events: Event[]
  try {
    events = parseEvents(text, { maxDepth: MAX_DEPTH })
  } catch (error) {
    const mark = (error as { mark?: { position?: number } }).mark
    if (/maxDepth/.test(String((error as Error).message)) && mark?.position !== undefined) {
      throw refuse(mark.position, `nested more than ${MAX_DEPTH} levels deep: a manifest needs a few dozen at most`)
    }
    return undefined
  }
  let nodes = 0
  for (const event of events) {
    if (event.type === EVENT_ID.DOCUMENT && event.directives.length && directive) {
      throw refuse(directive.index, `the directive ${directive[0]}: this action reads YAML 1.2 alone; remove the directive`)
    }
    if (event.type === EVENT_ID.POP || event.type === EVENT_ID.DOCUMENT) continue
    if (++nodes > MAX_NODES) {
      const offset = 'start' in event ? event.start : 'valueStart' in event ? event.valueStart : 0
      throw refuse(
        offset,
        `holds more than ${MAX_NODES.toLocaleString('en')} values (maps, lists and scalars): a manifest needs a few tens of thousands at most`,
      )
    }
  }
  return events
}

/**
 * The manifest's data as js-yaml's event parser reads it (several times faster
 * than the yaml library on a large manifest), or undefined when the text is not
 * a map in plain YAML (see keepsToPlainYaml) or has any error, duplicate keys
 * included: the yaml library then reads it, and places each problem at its line.
 */
export function readPlainYaml(text: string, parsed?: Event[]): Record<string, unknown> | undefined {
  try {
    const events = parsed ?? parseEvents(text, {})
    if (!keepsToPlainYaml(text, events)) return undefined
    const [data] = constructFromEvents(events, { source: text, schema: CORE_SCHEMA, maxAliases: 0 })
    return data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}
