// electron-builder `beforePack` hook (CommonJS: electron-builder loads hooks with require). Packaging
// needs the Electron binary for the current OS; where it cannot be had (no internet, as on the CI
// machine) `npm run dist` stops here with one clear line instead of a download stack trace.
'use strict';
const { existsSync, readFileSync } = require('node:fs');
const { join } = require('node:path');

/** Why the Electron distribution is unavailable, or undefined when it is there (mirrors findElectron.ts). */
function electronDistProblem(projectRoot) {
  const packageDir = join(projectRoot, 'node_modules', 'electron');
  if (!existsSync(packageDir)) return 'the electron package is not installed';
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const pathFile = join(packageDir, 'path.txt');
  if (!override && !existsSync(pathFile)) return 'the Electron binary was never downloaded (node_modules/electron has no path.txt)';
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : 'electron';
  const binary = join(override || join(packageDir, 'dist'), relative);
  if (!existsSync(binary)) return `the Electron binary is missing at ${binary}`;
  return undefined;
}

async function beforePack(context) {
  const projectRoot = (context && context.packager && context.packager.projectDir) || process.cwd();
  const problem = electronDistProblem(projectRoot);
  if (problem) {
    process.stderr.write(`npm run dist: cannot package Splitscope here: ${problem}. Run it where the Electron binary can be downloaded.\n`);
    process.exit(1);
  }
}

module.exports = { beforePack, electronDistProblem, default: beforePack };
