import { isAbsolute, resolve } from 'node:path';

/**
 * Security policies of the desktop app as pure functions (Electron's security checklist), so unit
 * tests check each rule without the Electron binary. main.ts wires them to the real events.
 */

/** The app loads exactly one page, its own index.html; any other navigation is refused. */
export function isNavigationAllowed(targetUrl: string, appPageUrl: string): boolean {
  try {
    const target = new URL(targetUrl);
    const page = new URL(appPageUrl);
    // Same file, only the hash may differ (in-page anchors).
    return target.protocol === 'file:' && page.protocol === 'file:' && target.pathname === page.pathname && target.search === page.search;
  } catch {
    return false;
  }
}

/** Every permission request (camera, notifications, geolocation, clipboard read…) is denied. */
export function isPermissionGranted(_permission: string): boolean {
  return false;
}

/**
 * The only URLs `shell.openExternal` may open: the project's own pages, over HTTPS. Everything else,
 * including every URL that comes from a model file or the renderer, stays closed.
 */
export const EXTERNAL_URL_ALLOW_LIST: readonly string[] = ['https://github.com/splitscope/splitscope'];

export function isExternalUrlAllowed(url: string): boolean {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' || parsed.username || parsed.password) return false;
    return EXTERNAL_URL_ALLOW_LIST.some((allowed) => {
      const base = new URL(allowed);
      return parsed.origin === base.origin && (parsed.pathname === base.pathname || parsed.pathname.startsWith(`${base.pathname}/`));
    });
  } catch {
    return false;
  }
}

/**
 * The files named on a command line (first launch, or a second instance on Windows/Linux "open
 * with"): `--csv FILE` names a CSV; a free argument is a model, or a CSV by its extension. Chromium's
 * own switches (`--user-data-dir=…`…) start with `-` and are skipped.
 *
 * `isPackaged`: a packaged app's argv is [app, file…]; in development it is [electron, main.mjs, file…].
 */
export function filesFromArgv(argv: readonly string[], isPackaged: boolean, workingDirectory: string): { model?: string; csv?: string } {
  const rest = argv.slice(isPackaged ? 1 : 2);
  const absolute = (file: string) => (isAbsolute(file) ? file : resolve(workingDirectory, file));
  const files: { model?: string; csv?: string } = {};
  for (let index = 0; index < rest.length; index++) {
    const argument = rest[index];
    if (argument === '--csv' && rest[index + 1] !== undefined) files.csv ??= absolute(rest[++index]);
    else if (argument.startsWith('--csv=')) files.csv ??= absolute(argument.slice('--csv='.length));
    else if (argument === '' || argument.startsWith('-')) continue;
    else if (fileKind(argument) === 'csv') files.csv ??= absolute(argument);
    else files.model ??= absolute(argument);
  }
  return files;
}

/** Which kind of file a path is, by its extension: CSVs go to testing, everything else is tried as a model. */
export function fileKind(path: string): 'csv' | 'model' {
  return /\.(csv|tsv)$/i.test(path) ? 'csv' : 'model';
}
