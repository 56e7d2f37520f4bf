import { createStore } from 'zustand/vanilla';

/** What the user chose: follow the OS, or a fixed theme. */
export type ThemeChoice = 'system' | 'light' | 'dark';

const STORAGE_KEY = 'splitscope.theme';
const darkQuery = () => window.matchMedia('(prefers-color-scheme: dark)');

function storedChoice(): ThemeChoice {
  const value = safeStorage()?.getItem(STORAGE_KEY);
  return value === 'light' || value === 'dark' ? value : 'system';
}

/** localStorage, or undefined where the page may not use it (opaque origins, privacy modes). */
export function safeStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

export const themeStore = createStore<{ choice: ThemeChoice; systemIsDark: boolean }>()(() => ({
  choice: 'system',
  systemIsDark: false,
}));

/** The theme in effect. */
export function resolvedTheme(state = themeStore.getState()): 'light' | 'dark' {
  return state.choice === 'system' ? (state.systemIsDark ? 'dark' : 'light') : state.choice;
}

function apply(): void {
  const state = themeStore.getState();
  const root = window.document.documentElement;
  root.dataset.theme = resolvedTheme(state);
  root.dataset.themeChoice = state.choice;
  // Native form controls and scroll bars follow too.
  root.style.colorScheme = resolvedTheme(state);
}

let isStarted = false;

/**
 * Applies the stored choice and follows the OS preference while the choice is `system`. The page's
 * first script calls it (`main.tsx`, before the app's code loads: no React here), so the first
 * paint already has the user's theme and the storage read is not on the first tree's path.
 */
export function startTheme(): void {
  if (isStarted) return;
  isStarted = true;
  const query = darkQuery();
  themeStore.setState({ choice: storedChoice(), systemIsDark: query.matches });
  query.addEventListener('change', (event) => themeStore.setState({ systemIsDark: event.matches }));
  themeStore.subscribe(apply);
  apply();
}

export function setTheme(choice: ThemeChoice): void {
  const storage = safeStorage();
  if (choice === 'system') storage?.removeItem(STORAGE_KEY);
  else storage?.setItem(STORAGE_KEY, choice);
  themeStore.setState({ choice });
}
