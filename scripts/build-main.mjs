// Builds the Node side with Vite (SSR builds): Electron main, CLI, browser-mode host and launcher as
// ESM, and the sandboxed preload as CommonJS (sandboxed preloads cannot be ES modules).
// Dependencies are bundled so dist/main runs without resolving app/ sources; electron stays external.
import { build } from 'vite';
import { antlrBuildPlugin } from './antlrBuild.mjs';
import { chmodSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const outDir = join(root, 'dist', 'main');

const common = {
  root,
  configFile: false,
  logLevel: 'warn',
  define: { 'process.env.SPLITSCOPE_VERSION': JSON.stringify(version) },
  ssr: { noExternal: true, external: ['electron'] },
  plugins: [antlrBuildPlugin()],
};

await build({
  ...common,
  build: {
    ssr: true,
    target: 'node20',
    outDir,
    emptyOutDir: true,
    sourcemap: true,
    minify: false,
    rollupOptions: {
      input: {
        electron: join(root, 'main/electron/main.ts'),
        cli: join(root, 'main/cli/index.ts'),
        web: join(root, 'main/web/index.ts'),
        launch: join(root, 'main/launch.ts'),
        parseWorker: join(root, 'main/host/parseWorker.ts'),
        scoreThread: join(root, 'main/cli/scoreThread.ts'),
      },
      external: ['electron', /^node:/],
      output: {
        format: 'es',
        entryFileNames: '[name].mjs',
        chunkFileNames: 'chunks/[name]-[hash].mjs',
        banner: (chunk) => (chunk.name === 'cli' ? '#!/usr/bin/env node' : ''),
      },
    },
  },
});

await build({
  ...common,
  build: {
    ssr: true,
    target: 'node20',
    outDir,
    emptyOutDir: false,
    minify: false,
    rollupOptions: {
      input: { preload: join(root, 'main/preload/index.ts') },
      external: ['electron'],
      output: { format: 'cjs', entryFileNames: '[name].cjs' },
    },
  },
});
// `npx splitscope` and `./dist/main/cli.mjs` run the file itself: it needs its execute bits.
chmodSync(join(outDir, 'cli.mjs'), 0o755);
console.log('build-main: dist/main/{electron,cli,web,launch,parseWorker,scoreThread}.mjs and preload.cjs');
