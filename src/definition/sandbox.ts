// The process a definition loads in, and how it is stopped. JavaScript alone
// cannot keep code that runs as the runner's user away from the runner's other
// processes: on Linux, where user namespaces are allowed without privileges,
// the process gets PID and mount namespaces of its own (it sees no other
// process in /proc, and everything it starts ends with it); elsewhere, a
// process group of its own, killed whole.
import { spawn, spawnSync, type ChildProcess, type SpawnOptions } from 'node:child_process'

const NAMESPACES = ['--user', '--map-root-user', '--pid', '--fork', '--kill-child', '--mount-proc']

let namespacesUsable: boolean | undefined

/** Whether `unshare` can give a process namespaces of its own here, without privileges (tried once per run). */
function canUseNamespaces(): boolean {
  if (namespacesUsable === undefined) {
    namespacesUsable = process.platform === 'linux' && spawnSync('unshare', [...NAMESPACES, 'true'], { stdio: 'ignore', timeout: 5000, env: {} }).status === 0
  }
  return namespacesUsable
}

export interface Sandboxed {
  child: ChildProcess
  /** How it is kept apart, for the debug log. */
  isolation: string
  /** Kills it and everything it started. */
  kill(): void
}

/** Starts `command` kept apart as well as this platform allows without privileges. */
export function startSandboxed(command: string, args: string[], options: SpawnOptions): Sandboxed {
  const windows = process.platform === 'win32'
  const namespaces = canUseNamespaces()
  const child = namespaces
    ? spawn('unshare', [...NAMESPACES, command, ...args], { ...options, detached: true })
    : spawn(command, args, { ...options, detached: !windows })
  const isolation = namespaces
    ? 'PID, mount and user namespaces of its own (it sees no other process; all it starts ends with it)'
    : windows
      ? 'a process of its own, killed with the processes it started'
      : 'a process group of its own, killed whole (user namespaces are not allowed here)'
  const kill = () => {
    if (child.pid === undefined) return
    try {
      if (windows) spawnSync('taskkill', ['/pid', String(child.pid), '/T', '/F'], { stdio: 'ignore', timeout: 5000 })
      else process.kill(-child.pid, 'SIGKILL')
    } catch {
      // already gone
    }
  }
  return { child, isolation, kill }
}
