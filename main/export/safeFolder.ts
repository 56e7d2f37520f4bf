import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { lstat, mkdir, open, rename, rm, rmdir, unlink } from 'node:fs/promises';
import { dirname, join, relative, isAbsolute, sep } from 'node:path';

/**
 * File operations that never leave a bundle folder: nothing is written or deleted through a
 * symbolic link, and no path may climb out of the folder. The folder itself is given as its real
 * path (the user may have named a link to it; that choice is theirs), and every path below it is
 * checked component by component with `lstat`, which does not follow links.
 */

/** Thrown when a path inside the folder is a link or leaves the folder; nothing was touched for it. */
export class UnsafePathError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = 'UnsafePathError';
  }
}

/**
 * True for a path of the shape our bundles use: relative, `/`-separated, no empty, `.` or `..`
 * segment, no backslash, colon or control character (so no drive letter or UNC path either).
 */
export function isSafeRelativePath(path: string): boolean {
  if (path === '' || path.length > 255 || path.startsWith('/')) return false;
  // eslint-disable-next-line no-control-regex
  if (/[\\:\u0000-\u001f]/.test(path)) return false;
  return path.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}

function isInside(root: string, path: string): boolean {
  const rest = relative(root, path);
  return rest !== '' && !rest.startsWith('..' + sep) && rest !== '..' && !isAbsolute(rest);
}

async function lstatOrUndefined(path: string) {
  try {
    return await lstat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Why `path` (relative to `root`) cannot be written or deleted safely, or undefined: each folder on
 * the way must be a real folder (or not exist yet). The last component may be anything: a link
 * there is replaced or removed itself, never followed.
 */
export async function unsafeReason(root: string, path: string): Promise<string | undefined> {
  if (!isSafeRelativePath(path)) return `${JSON.stringify(path)} is not a plain path inside the folder`;
  const segments = path.split('/');
  let current = root;
  for (const segment of segments.slice(0, -1)) {
    current = join(current, segment);
    const info = await lstatOrUndefined(current);
    if (!info) return undefined;
    if (info.isSymbolicLink()) return `${current} is a symbolic link`;
    if (!info.isDirectory()) return `${current} is not a folder`;
  }
  return undefined;
}

async function checked(root: string, path: string): Promise<string> {
  const reason = await unsafeReason(root, path);
  if (reason) throw new UnsafePathError(path, reason);
  const target = join(root, ...path.split('/'));
  if (!isInside(root, target)) throw new UnsafePathError(path, `${JSON.stringify(path)} leaves the folder`);
  return target;
}

/**
 * Writes `content` to `path` under `root`: into a fresh temporary file in the same folder, opened
 * with O_CREAT|O_EXCL (and O_NOFOLLOW where the OS has it), so it can never be a link, then renamed
 * over the target. A link at the target is replaced by the file; what it pointed to is untouched.
 */
export async function writeInside(root: string, path: string, content: string | Uint8Array): Promise<void> {
  const target = await checked(root, path);
  // Make the folders one at a time, each checked, so a link planted on the way is never followed.
  const segments = path.split('/');
  for (let depth = 1; depth < segments.length; depth++) {
    const folder = join(root, ...segments.slice(0, depth));
    await mkdir(folder).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
    const info = await lstat(folder);
    if (!info.isDirectory() || info.isSymbolicLink()) throw new UnsafePathError(path, `${folder} is not a real folder`);
  }
  const temp = join(dirname(target), `.${segments.at(-1)}.${randomBytes(6).toString('hex')}.partial`);
  const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);
  const handle = await open(temp, flags, 0o666);
  try {
    await handle.writeFile(content, 'utf8');
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/**
 * Removes `path` under `root` if it is a file or a link (the link itself, never its target). A
 * folder at that path is left alone. Afterwards removes the folders on its way that became empty.
 */
export async function removeInside(root: string, path: string): Promise<void> {
  const target = await checked(root, path);
  const info = await lstatOrUndefined(target);
  if (info && !info.isDirectory()) await unlink(target);
  const segments = path.split('/');
  for (let depth = segments.length - 1; depth >= 1; depth--) {
    const folder = join(root, ...segments.slice(0, depth));
    const folderInfo = await lstatOrUndefined(folder);
    if (!folderInfo?.isDirectory()) return;
    try {
      await rmdir(folder);
    } catch {
      return; // not empty: the user's files stay
    }
  }
}
