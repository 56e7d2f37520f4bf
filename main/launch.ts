import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { findElectronBinary } from './electron/findElectron';
import { PROJECT_ROOT, resolveUserPath } from './paths';

/**
 * `npm start [-- MODEL]`: the desktop app when the Electron binary exists, else browser mode with a
 * one-line explanation.
 */
// Paths are resolved against the folder npm ran from; options and the port number are not paths.
const argv = process.argv.slice(2).map((argument, index, all) => (argument.startsWith('-') || all[index - 1] === '--port' ? argument : resolveUserPath(argument)));
const electron = findElectronBinary(PROJECT_ROOT);
if ('path' in electron) {
  const child = spawn(electron.path, [join(PROJECT_ROOT, 'dist', 'main', 'electron.mjs'), ...argv], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log(`Electron is not available here (${electron.reason}); starting browser mode instead.`);
  process.argv = [process.argv[0], process.argv[1], ...argv];
  await import('./web/index');
}
