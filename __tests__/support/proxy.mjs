// @ts-check
// An HTTP proxy on 127.0.0.1 that tunnels CONNECT requests, as a self-hosted
// runner's proxy does. Host names in `hosts` are sent to the address given,
// so that tests can name a server that has no DNS entry.
import { createServer } from 'node:http'
import { connect } from 'node:net'

/** @param {Record<string, string>} hosts name → address */
export async function startProxy(hosts) {
  /** @type {string[]} */
  const tunnels = []
  /** Tunnelled sockets leave the server's own bookkeeping: closed by hand. */
  /** @type {Set<import('node:net').Socket | import('node:stream').Duplex>} */
  const sockets = new Set()
  const server = createServer((_req, res) => {
    res.writeHead(405).end('this proxy only tunnels')
  })
  server.on('connect', (req, clientSocket, head) => {
    const [host = '', port = '443'] = (req.url ?? '').split(':')
    tunnels.push(req.url ?? '')
    const upstream = connect(Number(port), hosts[host] ?? host, () => {
      clientSocket.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      upstream.write(head)
      upstream.pipe(clientSocket)
      clientSocket.pipe(upstream)
    })
    sockets.add(upstream).add(clientSocket)
    upstream.on('error', () => clientSocket.destroy())
    clientSocket.on('error', () => upstream.destroy())
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)))
  const address = /** @type {import('node:net').AddressInfo} */ (server.address())
  return {
    url: `http://127.0.0.1:${address.port}`,
    /** Every CONNECT target, as `host:port`. */
    tunnels,
    close() {
      for (const socket of sockets) socket.destroy()
      server.closeAllConnections()
      return new Promise((resolve) => server.close(() => resolve(undefined)))
    },
  }
}
