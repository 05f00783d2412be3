// @ts-check
// Validation against the official Botpress admin API document
// (__tests__/fixtures/openapi.json, made by `npm run openapi`).
import { readFileSync } from 'node:fs'
import { Ajv } from 'ajv'
import addFormatsModule from 'ajv-formats'

/** @type {any} */
const addFormats = addFormatsModule
const document = JSON.parse(readFileSync(new URL('../fixtures/openapi.json', import.meta.url), 'utf8'))
const ajv = new Ajv({ strict: false, allErrors: true })
addFormats(ajv)
ajv.addSchema(document, 'openapi.json')

/**
 * The JSON Schema of a request body or response, by its name in the document.
 * @param {'requestBodies' | 'responses'} kind
 * @param {string} name
 */
function compile(kind, name) {
  const validate = ajv.getSchema(`openapi.json#/components/${kind}/${name}/content/application~1json/schema`)
  if (!validate) throw new Error(`openapi.json has no ${kind}/${name}`)
  return validate
}

/**
 * Checks a value against a named body of the document.
 * @param {'requestBodies' | 'responses'} kind
 * @param {string} name
 * @param {unknown} value
 * @returns {string[]} the violations, empty when it conforms
 */
export function violations(kind, name, value) {
  const validate = compile(kind, name)
  if (validate(value)) return []
  return (validate.errors ?? []).map(
    (e) => `${e.instancePath || '(root)'} ${e.message}${e.params && 'additionalProperty' in e.params ? `: ${e.params.additionalProperty}` : ''}`,
  )
}

/** The document itself, for tests that compare schemas. */
export const openapi = document
