import { chmod, mkdir, open, readFile } from 'node:fs/promises';
import path from 'node:path';

// Keygate's local state (secrets, the embedded database, emails naming people and their keys) is
// for the system user it runs as alone. Modes are set with chmod: mkdir's and open's modes are
// masked by the umask and leave an existing directory or file as it was.
const PRIVATE_DIR = 0o700;
const PRIVATE_FILE = 0o600;

/**
 * Creates the directory as 0700, or narrows it to 0700 if it was wider. Missing parents are made
 * as `mkdir -p` makes them: they hold nothing but this directory.
 */
export async function ensurePrivateDir(directory: string): Promise<string> {
  await mkdir(path.dirname(directory), { recursive: true });
  await mkdir(directory, { mode: PRIVATE_DIR }).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
  });
  await chmod(directory, PRIVATE_DIR);
  return directory;
}

/** Writes the file as 0600; a file already there is narrowed before its new content goes in. */
export async function writePrivateFile(file: string, data: string): Promise<void> {
  const handle = await open(file, 'w', PRIVATE_FILE);
  try {
    await handle.chmod(PRIVATE_FILE);
    await handle.writeFile(data);
  } finally {
    await handle.close();
  }
}

/** The file's content, trimmed; written with `create()` the first time. A file found wider than 0600 is narrowed. */
export async function readOrCreatePrivateFile(file: string, create: () => string): Promise<string> {
  try {
    await chmod(file, PRIVATE_FILE);
    return (await readFile(file, 'utf8')).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const value = create();
  await writePrivateFile(file, value);
  return value.trim();
}
