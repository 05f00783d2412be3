// What `bp build` writes (kept tiny for the example).
'use strict'
module.exports = { handler: async () => ({ status: 200 }) }
