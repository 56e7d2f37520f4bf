import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { clampToDisplays, DEFAULT_SIZE, MIN_SIZE, readWindowState, writeWindowState, type Rectangle } from './windowState';

const laptop: Rectangle = { x: 0, y: 0, width: 1920, height: 1050 };
const rightMonitor: Rectangle = { x: 1920, y: 0, width: 2560, height: 1400 };

function isInside(window: Rectangle, area: Rectangle): boolean {
  return window.x >= area.x && window.y >= area.y && window.x + window.width <= area.x + area.width && window.y + window.height <= area.y + area.height;
}

describe('window bounds clamped to visible displays', () => {
  it('keeps bounds that fit', () => {
    const saved = { x: 100, y: 80, width: 1200, height: 800 };
    expect(clampToDisplays(saved, [laptop])).toEqual(saved);
  });

  it('keeps a window on a second monitor that is still there', () => {
    const saved = { x: 2100, y: 100, width: 1600, height: 1000 };
    expect(clampToDisplays(saved, [laptop, rightMonitor])).toEqual(saved);
  });

  it('brings back a window from a monitor that was unplugged, centred on the primary display', () => {
    const bounds = clampToDisplays({ x: 2100, y: 100, width: 1600, height: 1000 }, [laptop]);
    expect(isInside(bounds, laptop)).toBe(true);
    expect(bounds.width).toBe(1600);
    expect(bounds.x).toBe(160);
  });

  it('shrinks a window larger than its display and pulls a hanging-off window back', () => {
    const large = clampToDisplays({ x: 10, y: 10, width: 4000, height: 3000 }, [laptop]);
    expect(large).toEqual({ x: 0, y: 0, width: 1920, height: 1050 });
    const hanging = clampToDisplays({ x: 1500, y: 700, width: 1000, height: 700 }, [laptop]);
    expect(isInside(hanging, laptop)).toBe(true);
  });

  it('enforces the minimum size and uses the default for junk', () => {
    expect(clampToDisplays({ x: 10, y: 10, width: 50, height: 20 }, [laptop])).toMatchObject(MIN_SIZE);
    expect(clampToDisplays(undefined, [laptop])).toEqual({ x: 260, y: 75, ...DEFAULT_SIZE });
    expect(clampToDisplays({ x: Number.NaN, y: 0, width: 10, height: 10 }, [laptop])).toMatchObject(DEFAULT_SIZE);
  });
});

describe('window state file', () => {
  let folder: string | undefined;
  afterEach(() => folder && rmSync(folder, { recursive: true, force: true }));

  it('round-trips and ignores damaged files', () => {
    folder = mkdtempSync(join(tmpdir(), 'splitscope-window-'));
    const path = join(folder, 'nested', 'window-state.json');
    expect(readWindowState(path)).toBeUndefined();
    writeWindowState(path, { bounds: { x: 1, y: 2, width: 1000, height: 700 }, isMaximized: true });
    expect(readWindowState(path)).toEqual({ bounds: { x: 1, y: 2, width: 1000, height: 700 }, isMaximized: true });
    writeFileSync(path, '{"bounds": {"x": "left"}}');
    expect(readWindowState(path)).toBeUndefined();
    writeFileSync(path, 'not json');
    expect(readWindowState(path)).toBeUndefined();
  });
});
