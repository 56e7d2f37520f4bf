/**
 * Keyboard shortcuts of the app's commands, one table for the browser's key handler, the palette,
 * the shortcuts dialog and (by a test) the native menu's accelerators, so they cannot drift apart.
 * `mod` is Cmd on macOS and Ctrl elsewhere.
 */
export interface Shortcut {
  command: string;
  /** `KeyboardEvent.key`, lower case. */
  key: string;
  /** `KeyboardEvent.code`, for keys whose `key` changes with Alt or the layout. */
  code: string;
  mod: boolean;
  shift?: boolean;
  alt?: boolean;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { command: 'command-palette', key: 'k', code: 'KeyK', mod: true },
  { command: 'open-model', key: 'o', code: 'KeyO', mod: true },
  { command: 'open-csv', key: 'o', code: 'KeyO', mod: true, shift: true },
  { command: 'export-png', key: 'e', code: 'KeyE', mod: true },
  { command: 'export-bundle', key: 'e', code: 'KeyE', mod: true, shift: true },
  { command: 'zoom-in', key: '=', code: 'Equal', mod: true },
  { command: 'zoom-out', key: '-', code: 'Minus', mod: true },
  { command: 'fit-view', key: '0', code: 'Digit0', mod: true },
  { command: 'toggle-left-panel', key: 'b', code: 'KeyB', mod: true },
  { command: 'toggle-right-panel', key: 'b', code: 'KeyB', mod: true, alt: true },
  { command: 'keyboard-shortcuts', key: '/', code: 'Slash', mod: true },
];

/** Keys the canvas handles itself (CanvasToolbar), listed in the shortcuts dialog. */
export const CANVAS_KEYS: ReadonlyArray<[string, string]> = [
  ['f', 'Fit the tree in view'],
  ['w / Esc', 'The whole tree at once / back to the drawing'],
  ['] or n', 'Next tree'],
  ['[ or p', 'Previous tree'],
  ['/ or Ctrl+F', 'Search nodes'],
  ['Enter / Shift+Enter', 'Next / previous match'],
];

export const isMacPlatform = (): boolean => /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

/** Electron's accelerator string for a shortcut (what the native menu must use). */
export function acceleratorOf(shortcut: Shortcut): string {
  const key = shortcut.key.length === 1 ? shortcut.key.toUpperCase() : shortcut.key;
  return ['CmdOrCtrl', shortcut.alt && 'Alt', shortcut.shift && 'Shift', key].filter(Boolean).join('+');
}

/** How the shortcut reads on this platform: `Ctrl+Shift+O`, or `⌥⇧⌘O` on macOS. */
export function displayShortcut(shortcut: Shortcut, isMac = isMacPlatform()): string {
  const key = shortcut.key.toUpperCase();
  if (isMac) return `${shortcut.alt ? '⌥' : ''}${shortcut.shift ? '⇧' : ''}⌘${key}`;
  return ['Ctrl', shortcut.alt && 'Alt', shortcut.shift && 'Shift', key].filter(Boolean).join('+');
}

export function shortcutOf(command: string): Shortcut | undefined {
  return SHORTCUTS.find((shortcut) => shortcut.command === command);
}

interface KeyPress {
  key: string;
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/** The command a key press runs, if any. */
export function commandForKey(event: KeyPress, isMac = isMacPlatform()): string | undefined {
  const mod = isMac ? event.metaKey && !event.ctrlKey : event.ctrlKey && !event.metaKey;
  if (!mod) return undefined;
  const key = event.key.toLowerCase();
  const match = SHORTCUTS.find(
    (shortcut) =>
      !!shortcut.shift === event.shiftKey &&
      !!shortcut.alt === event.altKey &&
      (shortcut.key === key || shortcut.code === event.code || (shortcut.key === '=' && key === '+')),
  );
  return match?.command;
}
