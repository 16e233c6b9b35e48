/** The installed package: its root (for docs/rules) and version. */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** src/cli/ and dist/cli/ are both two levels below the package root. */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export async function packageVersion(): Promise<string> {
  const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
  return pkg.version ?? '0.0.0';
}
