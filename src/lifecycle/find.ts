import type { BotpressClient } from '../api/client.js'
import { ApiError } from '../api/errors.js'
import type { RemoteIntegration } from '../botpress/integration.js'
import { InputError } from '../base/errors.js'
import type { Manifest } from '../manifest/load.js'
import { qualifyName, sameName, type Lookup } from './lookup.js'

/** The version to deploy: one that exists (update), or one to create. */
export type Target =
  | { operation: 'update'; integration: RemoteIntegration; foundBy: 'id' | 'name' }
  | { operation: 'create'; name: string; version: string; previous: RemoteIntegration | undefined }

export type ExistingVersion = Extract<Target, { operation: 'update' }>

export interface FindOptions {
  workspaceId: string
  /** What a missing version means: create it, or fail. */
  ifMissing: 'create' | 'fail'
  expectedVersion?: string
}

/** Finds the version the run deploys: by id (it must exist), or by name and version. */
export async function findTarget(client: BotpressClient, lookup: Lookup, manifest: Manifest, options: FindOptions): Promise<Target> {
  if (lookup.by === 'id') {
    const integration = await client.getIntegration(lookup.id)
    checkIdentity(manifest, integration, options.expectedVersion)
    return { operation: 'update', integration, foundBy: 'id' }
  }

  const name = qualifyName(lookup.name, await client.getWorkspaceHandle(options.workspaceId), manifest.displayPath)
  const found = await client.findIntegration(name, lookup.version)
  if (found) return { operation: 'update', integration: found, foundBy: 'name' }
  if (options.ifMissing === 'fail') {
    throw new InputError(
      `${name}@${lookup.version} does not exist on Botpress, and \`if-missing\` is \`fail\`; nothing was sent. ` +
        'Create it with `if-missing: create` (the default) or `bp deploy`, or set `version` in the manifest to a version that exists.',
    )
  }
  // As Botpress's CLI does: the version just below, whose secrets the new one may keep.
  const previous = await client.findIntegration(name, `<${lookup.previousBelow ?? lookup.version}`)
  return { operation: 'create', name, version: lookup.version, previous }
}

/** The version a create lost to another run's create: it exists now, so it is updated instead. */
export async function findAfterConflict(client: BotpressClient, name: string, version: string): Promise<ExistingVersion> {
  const found = await client.findIntegration(name, version)
  if (!found) throw new ApiError(`Botpress said ${name}@${version} already exists, but cannot find it; run the workflow again.`)
  return { operation: 'update', integration: found, foundBy: 'name' }
}

/** The manifest's `name` and `version`, and `expected-version`, guard against updating the wrong integration. */
function checkIdentity(manifest: Manifest, remote: RemoteIntegration, expectedVersion: string | undefined): void {
  const mismatches: string[] = []
  if (manifest.name !== undefined && !sameName(manifest.name, remote.name)) {
    mismatches.push(`name is "${manifest.name}" in ${manifest.displayPath} but "${remote.name}" on Botpress`)
  }
  if (manifest.version !== undefined && manifest.version !== remote.version) {
    mismatches.push(`version is "${manifest.version}" in ${manifest.displayPath} but "${remote.version}" on Botpress`)
  }
  if (expectedVersion !== undefined && expectedVersion !== remote.version) {
    mismatches.push(`\`expected-version\` is ${expectedVersion} but the id points at version ${remote.version}`)
  }
  if (mismatches.length) {
    throw new InputError(
      `Integration ${remote.id} is ${remote.name}@${remote.version}, not what this run expects: ${mismatches.join('; ')}. ` +
        'Nothing was sent. Point `integration-id` at the right version, or fix the manifest.',
    )
  }
}
