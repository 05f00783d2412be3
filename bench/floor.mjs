// The floor: the least a deploy step must do for the same result, with no
// toolkit and no checks. It reads the same inputs and files, the manifest as
// JSON (the integration.json that bench/fixtures.mjs writes beside the YAML), sends
// the same GET and the same PUT body with the built-in fetch, and writes the
// same outputs and a summary. The benchmark compares the action with it.
import { appendFileSync, readFileSync } from 'node:fs'
import path from 'node:path'

const input = (name) => (process.env[`INPUT_${name.toUpperCase()}`] ?? '').trim()
const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd()
const manifestFile = path.resolve(workspace, input('working-directory') || '.', input('manifest') || 'integration.yml')
const dir = path.dirname(manifestFile)
const manifest = JSON.parse(readFileSync(manifestFile.replace(/\.ya?ml$/, '.json'), 'utf8'))
const { id, name: _name, version: _version, secrets: declared, ...body } = manifest

const read = (file) => readFileSync(path.resolve(dir, file))
if (body.code) body.code = read(body.code).toString('utf8')
if (body.icon) body.icon = read(body.icon).toString('base64')
if (body.readme) body.readme = read(body.readme).toString('base64')
if (body.identifier?.extractScript) body.identifier.extractScript = read(body.identifier.extractScript).toString('utf8')
if (body.configuration?.identifier?.linkTemplateScript) {
  body.configuration.identifier.linkTemplateScript = read(body.configuration.identifier.linkTemplateScript).toString('utf8')
}
const provided = JSON.parse(input('secrets') || '{}')
const secrets = {}
for (const key of Object.keys(declared ?? {})) {
  const name = key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()
  const value = process.env[`SECRET_${name}`] || provided[name]
  if (value) secrets[name] = value
}
if (Object.keys(secrets).length) body.secrets = secrets

const url = `${input('api-url')}/v1/admin/integrations/${input('integration-id') || id}`
const headers = { authorization: `Bearer ${input('token')}`, 'x-workspace-id': input('workspace-id'), 'content-type': 'application/json' }
await (await fetch(url, { headers })).json()
const response = await fetch(url, { method: 'PUT', headers, body: JSON.stringify(body) })
const { integration } = await response.json()

const outputs = {
  'version-id': integration.id,
  'verification-status': integration.verificationStatus,
  'dry-run': 'false',
  name: integration.name,
  version: integration.version,
  visibility: integration.visibility,
  'updated-at': integration.updatedAt,
  integration: JSON.stringify(integration),
}
appendFileSync(
  process.env.GITHUB_OUTPUT,
  Object.entries(outputs)
    .map(([k, v]) => `${k}<<EOF_\n${v}\nEOF_\n`)
    .join(''),
)
appendFileSync(process.env.GITHUB_STEP_SUMMARY, `## ${integration.title} — ${integration.name}@${integration.version}\n\n| Version id | ${integration.id} |\n`)
