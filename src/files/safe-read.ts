import { open, realpath, stat } from 'node:fs/promises'
import path from 'node:path'
import { formatSize } from '../base/size.js'

/**
 * The largest file of each kind the action reads. Sizes are checked before
 * reading, so memory stays bounded whatever a repository holds.
 */
export const FILE_LIMITS = {
  manifest: 4 * 1024 * 1024,
  code: 64 * 1024 * 1024,
  svg: 1024 * 1024,
  markdown: 2 * 1024 * 1024,
  vrl: 64 * 1024,
} as const

/** Why a file the repository names is not read; the message names no content. */
export class FileRefused extends Error {
  override readonly name = 'FileRefused'
}

function isInside(file: string, folder: string): boolean {
  const relative = path.relative(folder, file)
  // By path segment: `..build/index.js` is a folder of the workspace, `../build` is not.
  return relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative))
}

/**
 * Where `file` really is: after every symbolic link, a regular file inside
 * `workspace`, of at most `limit` bytes. Anything else (a path or a link that
 * leaves the workspace, a FIFO, socket or device, a folder, a file too large)
 * is refused before a byte of it is read.
 */
export async function resolveInside(file: string, workspace: string, limit: number): Promise<{ path: string; size: number }> {
  let real: string
  try {
    real = await realpath(file)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new FileRefused(code === 'ENOENT' || code === 'ENOTDIR' ? 'no such file' : String(code ?? error))
  }
  if (!isInside(real, await realpath(workspace))) {
    throw new FileRefused('it leads outside the workspace (through `..`, an absolute path or a symbolic link); only files of the repository are read')
  }
  const info = await stat(real)
  if (info.isDirectory()) throw new FileRefused('it is a folder')
  if (!info.isFile()) throw new FileRefused('it is not a regular file (a FIFO, socket or device)')
  if (info.size > limit) throw new FileRefused(`it has ${formatSize(info.size)}, over the limit of ${formatSize(limit)}`)
  return { path: real, size: info.size }
}

/** Reads a file `resolveInside` accepts, never more than `limit` bytes even if it grows meanwhile. */
export async function readInside(file: string, workspace: string, limit: number): Promise<Buffer> {
  const { path: real } = await resolveInside(file, workspace, limit)
  const handle = await open(real, 'r')
  try {
    const buffer = Buffer.alloc(limit + 1)
    let length = 0
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null)
      if (bytesRead === 0) break
      length += bytesRead
      if (length > limit) throw new FileRefused(`it grew over the limit of ${formatSize(limit)} while being read`)
    }
    return buffer.subarray(0, length)
  } finally {
    await handle.close()
  }
}
