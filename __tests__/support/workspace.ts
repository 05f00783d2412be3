import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { parse as parseYaml } from 'yaml'
import { projectRoot } from './runner.mjs'

export const EXAMPLE_DIR = path.join(projectRoot, 'examples', 'acme-crm')
export const EXAMPLE_ID = 'intver_01JDEMOACMECRM0000000000'

/**
 * A throwaway workspace holding a copy of the example integration under
 * `integrations/acme-crm/`, its manifest edited by `edit` when given.
 */
export async function exampleWorkspace(edit?: (manifest: string) => string): Promise<{ workspace: string; manifest: string }> {
  const workspace = await mkdtemp(path.join(tmpdir(), 'workspace-'))
  const dir = path.join(workspace, 'integrations', 'acme-crm')
  await cp(EXAMPLE_DIR, dir, { recursive: true })
  const manifest = path.join(dir, 'integration.yml')
  if (edit) await writeFile(manifest, edit(await readFile(manifest, 'utf8')))
  return { workspace, manifest: 'integrations/acme-crm/integration.yml' }
}

/** The inputs of a deploy of the example against a local API, by its id, with `extra` on top. */
export function exampleInputs(
  api: { token: string; workspaceId: string; url: string },
  secrets: Record<string, string>,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    token: api.token,
    'workspace-id': api.workspaceId,
    manifest: 'examples/acme-crm/integration.yml',
    'integration-id': EXAMPLE_ID,
    'api-url': api.url,
    secrets: JSON.stringify(secrets),
    ...extra,
  }
}

/**
 * The example's definition as a body carries it, built here from the manifest
 * as this test reads it (not by the action's code): each file key holds its
 * file, `name`, `version` and `secrets` are left out.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the test reaches into it freely, as JSON
export async function exampleDefinitionBody(): Promise<Record<string, any>> {
  const file = (name: string) => readFile(path.join(EXAMPLE_DIR, name))
  const { name: _name, version: _version, secrets: _secrets, ...manifest } = parseYaml(await readFile(path.join(EXAMPLE_DIR, 'integration.yml'), 'utf8'))
  return {
    ...manifest,
    code: (await file('build/index.js')).toString('utf8'),
    icon: (await file('icon.svg')).toString('base64'),
    readme: (await file('hub.md')).toString('base64'),
    identifier: { extractScript: (await file('vrl/extract-identifier.vrl')).toString('utf8') },
    configuration: {
      ...manifest.configuration,
      identifier: { required: false, linkTemplateScript: (await file('vrl/link-template.vrl')).toString('utf8') },
    },
  }
}
