import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { buildMenuTemplate } from '../../../main/electron/menuTemplate';
import { acceleratorOf, commandForKey, displayShortcut, SHORTCUTS } from './shortcuts';

const press = (key: string, code: string, modifiers: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }>) => ({
  key,
  code,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...modifiers,
});

describe('keyboard shortcuts', () => {
  it('agree with the native menu’s accelerators', () => {
    const flatten = (items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] =>
      items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);
    const menu = flatten(buildMenuTemplate({ platform: 'linux', recent: [], isPackaged: true, send: () => {}, clearRecent: () => {} }));
    for (const shortcut of SHORTCUTS) {
      expect(menu.find((item) => item.id === shortcut.command)?.accelerator, shortcut.command).toBe(acceleratorOf(shortcut));
    }
  });

  it('maps key presses to commands with Ctrl, or Cmd on macOS', () => {
    expect(commandForKey(press('k', 'KeyK', { ctrlKey: true }), false)).toBe('command-palette');
    expect(commandForKey(press('k', 'KeyK', { metaKey: true }), true)).toBe('command-palette');
    expect(commandForKey(press('k', 'KeyK', { metaKey: true }), false)).toBeUndefined();
    expect(commandForKey(press('O', 'KeyO', { ctrlKey: true, shiftKey: true }), false)).toBe('open-csv');
    expect(commandForKey(press('o', 'KeyO', { ctrlKey: true }), false)).toBe('open-model');
    expect(commandForKey(press('+', 'Equal', { ctrlKey: true }), false)).toBe('zoom-in');
    expect(commandForKey(press('∫', 'KeyB', { metaKey: true, altKey: true }), true)).toBe('toggle-right-panel');
    expect(commandForKey(press('k', 'KeyK', {}), false)).toBeUndefined();
  });

  it('reads as the platform writes shortcuts', () => {
    const openCsv = SHORTCUTS.find((shortcut) => shortcut.command === 'open-csv')!;
    expect(displayShortcut(openCsv, false)).toBe('Ctrl+Shift+O');
    expect(displayShortcut(openCsv, true)).toBe('⇧⌘O');
  });
});
