/**
 * `mkdir -p` one level at a time. Node's `mkdir(..., { recursive: true })` loops forever (100 % CPU)
 * on a path under /proc/1, where mkdir answers ENOENT although the parent exists; here each level is
 * made once, so such a folder fails at once with an error naming it.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';

const fsError = (code: string, message: string, at: string): NodeJS.ErrnoException =>
  Object.assign(new Error(message), { code, path: at });

/** Makes `dir` and its missing parents (new ones with `mode`); an existing folder is fine. */
export async function makeDir(dir: string, mode = 0o700): Promise<void> {
  const abs = path.resolve(dir);
  try {
    if ((await fs.stat(abs)).isDirectory()) return;
    throw fsError('EEXIST', `${abs} is not a folder`, abs);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  const parent = path.dirname(abs);
  if (parent !== abs) await makeDir(parent, mode);
  try {
    await fs.mkdir(abs, { mode });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' && (await fs.stat(abs)).isDirectory()) return;
    // The parent exists, so ENOENT means this file system takes no new folders here (/proc).
    if (code === 'ENOENT') throw fsError('EPERM', `cannot create the folder ${abs}`, abs);
    throw e;
  }
}
