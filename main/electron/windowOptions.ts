import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * The one place the window's security-relevant options are set (Electron's security checklist):
 * context isolation and the sandbox on, no Node in the renderer, no remote content, web security on.
 * Unit-tested so a regression cannot slip in.
 */
export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1400,
    height: 900,
    minWidth: 800,
    minHeight: 500,
    show: false,
    title: 'Splitscope',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  };
}

/**
 * Content-Security-Policy for the renderer: only the app's own files; workers from blob: for layout.
 * `'wasm-unsafe-eval'` lets the scoring workers compile a model to WebAssembly (app/eval/wasm.ts);
 * it allows WebAssembly compilation only, not `eval` or `new Function` (which `'unsafe-eval'` would).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
