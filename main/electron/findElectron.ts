import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Finds the Electron executable without triggering a download (requiring the `electron` package
 * would try to fetch the binary, which fails on machines without internet). Returns the path, or
 * the reason it is not available.
 */
export function findElectronBinary(projectRoot: string): { path: string } | { reason: string } {
  const packageDir = join(projectRoot, 'node_modules', 'electron');
  if (!existsSync(packageDir)) return { reason: 'the electron package is not installed' };
  const pathFile = join(packageDir, 'path.txt');
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined;
  const candidate = override
    ? join(override, relative ?? 'electron')
    : relative
      ? join(packageDir, 'dist', relative)
      : undefined;
  if (!candidate) return { reason: 'the Electron binary was never downloaded (node_modules/electron has no path.txt)' };
  if (!existsSync(candidate)) return { reason: `the Electron binary is missing at ${candidate}` };
  return { path: candidate };
}
