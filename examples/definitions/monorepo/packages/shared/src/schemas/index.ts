import { z } from '@botpress/sdk'

export const money = z.object({ amount: z.number().int(), currency: z.string().length(3) })
