import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The remembered window: its normal (not maximised) bounds and whether it was maximised. */
export interface WindowState {
  bounds: Rectangle;
  isMaximized: boolean;
}

export const DEFAULT_SIZE = { width: 1400, height: 900 };
export const MIN_SIZE = { width: 800, height: 500 };
/** At least this much of the title bar must lie on a display, so the user can grab the window. */
const MIN_VISIBLE = 80;

function overlap(a: Rectangle, b: Rectangle): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return width > 0 && height > 0 ? width * height : 0;
}

/**
 * Fits remembered bounds to the displays there are now (work areas, without task bars): a window
 * saved on a monitor that is gone, or larger than the screen, comes back whole on a visible one.
 * Without a usable saved state it returns the default size centred on the primary display.
 */
export function clampToDisplays(saved: Rectangle | undefined, workAreas: readonly Rectangle[]): Rectangle {
  const primary = workAreas[0] ?? { x: 0, y: 0, ...DEFAULT_SIZE };
  const isUsable =
    saved && [saved.x, saved.y, saved.width, saved.height].every(Number.isFinite) && saved.width >= 1 && saved.height >= 1;
  if (!isUsable) {
    const width = Math.min(DEFAULT_SIZE.width, primary.width);
    const height = Math.min(DEFAULT_SIZE.height, primary.height);
    return { x: Math.round(primary.x + (primary.width - width) / 2), y: Math.round(primary.y + (primary.height - height) / 2), width, height };
  }
  // The display showing most of the window, else the primary one.
  let target = primary;
  let best = 0;
  for (const area of workAreas) {
    const shared = overlap(saved, area);
    if (shared > best) [best, target] = [shared, area];
  }
  const width = Math.round(Math.min(Math.max(saved.width, MIN_SIZE.width), target.width));
  const height = Math.round(Math.min(Math.max(saved.height, MIN_SIZE.height), target.height));
  const titleBar = { x: saved.x, y: saved.y, width: saved.width, height: 30 };
  const isGrabbable = workAreas.some((area) => overlap(titleBar, area) >= MIN_VISIBLE * titleBar.height);
  let x = Math.round(saved.x);
  let y = Math.round(saved.y);
  if (!isGrabbable || best === 0) {
    x = target.x + Math.round((target.width - width) / 2);
    y = target.y + Math.round((target.height - height) / 2);
  }
  // Keep the whole window on its display.
  x = Math.min(Math.max(x, target.x), target.x + target.width - width);
  y = Math.min(Math.max(y, target.y), target.y + target.height - height);
  return { x, y, width, height };
}

/** Reads the saved window state; anything missing or damaged gives undefined (the default window). */
export function readWindowState(path: string): WindowState | undefined {
  if (!existsSync(path)) return undefined;
  try {
    const value = JSON.parse(readFileSync(path, 'utf8')) as Partial<WindowState>;
    const bounds = value.bounds;
    if (!bounds || ![bounds.x, bounds.y, bounds.width, bounds.height].every((n) => typeof n === 'number' && Number.isFinite(n))) return undefined;
    return { bounds: { x: bounds.x, y: bounds.y, width: bounds.width, height: bounds.height }, isMaximized: value.isMaximized === true };
  } catch (error) {
    console.error(`splitscope: ignoring unreadable window state ${path}: ${(error as Error).message}`);
    return undefined;
  }
}

export function writeWindowState(path: string, state: WindowState): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(state, null, 2));
}
