// Node's built-ins imported without the `node:` prefix, as older packages do.
import assert from 'assert'
import { createHash } from 'crypto'
import { z } from '@botpress/sdk'

export const money = z.object({ amount: z.number().int(), currency: z.string().length(3) })

assert.ok(money, 'the money schema')
/** A short, stable tag for a schema's shape, as some teams put in descriptions. */
export const shapeTag = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 8)
