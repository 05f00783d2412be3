import type { BotpressClient } from '../api/client.js'
import { InputError, type Problem } from '../base/errors.js'
import type { Definition, Manifest } from '../manifest/load.js'
import { setOwn } from '../base/own.js'

/**
 * The definition with each interface given by name and version resolved to
 * its version id: this workspace's interfaces first, then the public hub's.
 * `name` and `version` are not sent; every entry not found is reported at its line.
 */
export async function resolveInterfaces(client: BotpressClient, manifest: Manifest): Promise<Definition> {
  const { definition, interfaceLookups } = manifest
  if (!interfaceLookups.length) return definition
  const interfaces = { ...definition.interfaces }
  const problems: Problem[] = []
  for (const lookup of interfaceLookups) {
    const found = (await client.findInterface(lookup.name, lookup.version, false)) ?? (await client.findInterface(lookup.name, lookup.version, true))
    if (!found) {
      const location = await lookup.locate()
      problems.push({
        keyPath: `interfaces.${lookup.key}`,
        ...(location && { location }),
        message: `no interface ${lookup.name}@${lookup.version} in this workspace or on the Botpress hub; check its name and version (a version or a range such as ^1.0.0)`,
      })
      continue
    }
    const { name: _name, version: _version, ...entry } = interfaces[lookup.key]!
    setOwn(interfaces, lookup.key, { ...entry, id: found.id })
  }
  if (problems.length) throw new InputError(`${manifest.displayPath} names interfaces Botpress does not have; nothing was written`, problems)
  return { ...definition, interfaces }
}
