import { afterAll, describe, expect, it } from '@jest/globals'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { text } from 'node:stream/consumers'
import { jsonBody } from '../../src/api/body.js'
import { FileText } from '../../src/files/file-text.js'

const folders: string[] = []
afterAll(() => Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true }))))

async function file(content: string | Buffer): Promise<FileText> {
  const folder = await mkdtemp(path.join(tmpdir(), 'body-'))
  folders.push(folder)
  const target = path.join(folder, 'index.js')
  await writeFile(target, content)
  return new FileText(target, Buffer.byteLength(content), 'build/index.js')
}

describe('jsonBody', () => {
  it('is the JSON of the value, with each file streamed in as a string, and its exact length', async () => {
    const tricky = 'const s = "quote" + \'\\\\\' + `\n\t` // é, 中文, 🎉, \u2028, \u0001\n'
    // Over a megabyte, so that the file comes in several chunks; a 4-byte character on every line.
    const big = 'x = "🎉"; // 0123456789\n'.repeat(60_000)
    const value = { title: 'CRM "quoted" 🎉', code: await file(tricky), nested: { other: await file(big), after: [1, null, 'z'] } }
    const body = await jsonBody(value)
    const sent = await text(body.open())
    expect(JSON.parse(sent)).toEqual({ title: 'CRM "quoted" 🎉', code: tricky, nested: { other: big, after: [1, null, 'z'] } })
    expect(Buffer.byteLength(sent)).toBe(body.contentLength)
    expect(sent).toBe(JSON.stringify({ title: 'CRM "quoted" 🎉', code: tricky, nested: { other: big, after: [1, null, 'z'] } }))
  })

  it('escapes every character as JSON.stringify does, whichever chunk boundary cuts a character', async () => {
    // Every control character, quote, backslash, DEL, two-, three- and four-byte characters, a BOM, U+2028.
    const every = `\uFEFF${Array.from({ length: 0x80 }, (_, code) => String.fromCharCode(code)).join('')}ÿ€中\u2028🎉`
    // A chunk escaped ends every 64 KiB, a read from disk every MiB.
    for (const [boundary, character] of [65_536, 1_048_576].flatMap((at) => ['ÿ', '€', '中', '🎉'].map((c) => [at, c] as const))) {
      for (let cut = 1; cut < Buffer.byteLength(character); cut++) {
        // The boundary falls `cut` bytes into the character.
        const content = `${'a'.repeat(boundary - cut)}${character}${every}`
        const body = await jsonBody({ code: await file(content) })
        const sent = await text(body.open())
        expect(sent).toBe(JSON.stringify({ code: content }))
        expect(body.contentLength).toBe(Buffer.byteLength(sent))
      }
    }
  })

  it('can be opened again for a retry', async () => {
    const body = await jsonBody({ code: await file('a();') })
    expect(await text(body.open())).toBe('{"code":"a();"}')
    expect(await text(body.open())).toBe('{"code":"a();"}')
  })

  it('refuses a file that is not UTF-8, naming the byte, before anything is sent', async () => {
    // 70,000 bytes: the bad byte is in the second 64 KiB chunk; a character split between chunks is fine.
    const good = Buffer.from(`a${'é'.repeat(35_000)}`)
    const bad = Buffer.concat([good.subarray(0, 65_537), Buffer.from([0xff]), good.subarray(65_537)])
    await expect(jsonBody({ code: await file(bad) })).rejects.toThrow('build/index.js is not valid UTF-8 at byte 65537')
    await expect(jsonBody({ code: await file(Buffer.concat([Buffer.from('ok'), Buffer.from([0xe4, 0xb8])])) })).rejects.toThrow('at byte 2')
    await expect(jsonBody({ code: await file(good) })).resolves.toMatchObject({ contentLength: 70_001 + 11 })
  })

  it('is plain JSON without files', async () => {
    const body = await jsonBody({ integrationId: 'x' })
    expect(await text(body.open())).toBe('{"integrationId":"x"}')
    expect(body.contentLength).toBe(21)
  })
})
