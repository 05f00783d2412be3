import { EXACT_VERSION } from '../botpress/integration.js'
import { InputError } from '../base/errors.js'
import type { Manifest } from '../manifest/load.js'

/** How the run finds its version on Botpress: by id, or by name and version. */
export type Lookup =
  | { by: 'id'; id: string }
  /** `previousBelow`: the version whose releases below it a create keeps secrets from; `version` itself when not given. */
  | { by: 'name'; name: string; version: string; previousBelow?: string }

/**
 * Chooses the lookup before any request: the `integration-id` input, else the
 * manifest's `id`, else its `name` and `version`. By name, `expected-version`
 * is compared with the manifest's version here, so that a mismatch sends nothing.
 */
export function chooseLookup(manifest: Manifest, settings: { integrationId?: string; expectedVersion?: string }): Lookup {
  const id = settings.integrationId ?? manifest.id
  if (id !== undefined) {
    if (id === '.' || id === '..') {
      const source = settings.integrationId !== undefined ? 'The `integration-id` input' : `The \`id\` of ${manifest.displayPath}`
      throw new InputError(
        `${source} is "${id}", which is not an id: give the version's id (intver_…), or leave it out to find the version by name and version. Nothing was sent.`,
      )
    }
    return { by: 'id', id }
  }
  const { name, version, displayPath } = manifest
  if (name === undefined || version === undefined) {
    throw new InputError(
      `${displayPath} says neither which version to deploy nor its id: set \`name\` and \`version\` in it (the action finds that version on Botpress, or creates it), ` +
        'or set the `integration-id` input to the id of an existing version. Nothing was sent.',
    )
  }
  // Botpress versions are semver; a tag or branch name that slipped through `${GITHUB_REF_NAME#v}` is not.
  if (!EXACT_VERSION.test(version)) {
    throw new InputError(`\`version\` in ${displayPath} is "${version}", which is not a semantic version such as 1.5.0. Nothing was sent.`)
  }
  if (settings.expectedVersion !== undefined && settings.expectedVersion !== version) {
    throw new InputError(
      `\`expected-version\` is ${settings.expectedVersion} but ${displayPath} says version ${version}: bump \`version\` in the manifest ` +
        '(or write `version: ${GITHUB_REF_NAME#v}`) so that the tag and the manifest agree. Nothing was sent.',
    )
  }
  return { by: 'name', name, version }
}

/** A name's workspace handle (`acme` of `acme/acme-crm`) and the rest; no handle in Botpress's own names. */
export function splitName(name: string): { handle?: string; bare: string } {
  const slash = name.indexOf('/')
  return slash < 0 ? { bare: name } : { handle: name.slice(0, slash), bare: name.slice(slash + 1) }
}

/**
 * The name Botpress knows the integration by in this workspace: a bare name
 * gets the workspace's handle, as Botpress's CLI does. A name with another
 * handle belongs to another workspace: refused before anything is written.
 */
export function qualifyName(name: string, workspaceHandle: string | undefined, displayPath: string): string {
  const { handle } = splitName(name)
  if (handle === undefined) return workspaceHandle ? `${workspaceHandle}/${name}` : name
  if (handle !== workspaceHandle) {
    throw new InputError(
      `\`name\` in ${displayPath} is "${name}", with handle "${handle}", but this workspace's handle is ${workspaceHandle ? `"${workspaceHandle}"` : 'not set'}. ` +
        `Write the name without a handle (it gets this workspace's), or check \`workspace-id\`. Nothing was sent.`,
    )
  }
  return name
}

/**
 * Whether the manifest's name is the remote's: a bare manifest name matches
 * the remote with any handle (the id was found in this workspace, so the handle
 * is this workspace's), and a bare remote name (Botpress's own) as written.
 */
export function sameName(manifestName: string, remoteName: string): boolean {
  if (manifestName === remoteName) return true
  return splitName(manifestName).handle === undefined && splitName(remoteName).bare === manifestName
}
