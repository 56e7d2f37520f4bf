import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { buildMenuTemplate, MENU_COMMANDS, openRecentCommand, type MenuContext } from './menuTemplate';

function build(overrides: Partial<MenuContext> = {}) {
  const sent: string[] = [];
  let cleared = 0;
  const template = buildMenuTemplate({
    platform: 'linux',
    recent: [],
    isPackaged: true,
    send: (command) => sent.push(command),
    clearRecent: () => cleared++,
    ...overrides,
  });
  return { template, sent, cleared: () => cleared };
}

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);
}

const byId = (items: MenuItemConstructorOptions[], id: string) => flatten(items).find((item) => item.id === id);
const click = (item: MenuItemConstructorOptions | undefined) => (item?.click as unknown as () => void)();

describe('application menu', () => {
  it('has File, Edit, View and Help with the issue’s actions', () => {
    const { template } = build();
    expect(template.map((item) => item.label)).toEqual(['&File', '&Edit', '&View', '&Help']);
    const labels = flatten(template).map((item) => item.label).filter(Boolean);
    for (const label of ['Open Model…', 'Open Recent', 'Open CSV…', 'Export Bundle…', 'Export Image (PNG)…', 'Zoom In', 'Zoom Out', 'Fit View', 'Toggle Model Panel', 'Theme', 'Keyboard Shortcuts', 'About Splitscope', 'Command Palette…']) {
      expect(labels, label).toContain(label);
    }
  });

  it('uses the standard shortcuts', () => {
    const { template } = build();
    expect(byId(template, MENU_COMMANDS.openModel)?.accelerator).toBe('CmdOrCtrl+O');
    expect(byId(template, MENU_COMMANDS.commandPalette)?.accelerator).toBe('CmdOrCtrl+K');
    expect(byId(template, MENU_COMMANDS.zoomIn)?.accelerator).toBe('CmdOrCtrl+=');
    expect(byId(template, MENU_COMMANDS.zoomOut)?.accelerator).toBe('CmdOrCtrl+-');
    const accelerators = flatten(template).map((item) => item.accelerator).filter(Boolean);
    expect(new Set(accelerators).size).toBe(accelerators.length);
  });

  it('sends each action to the renderer as a command id', () => {
    const { template, sent } = build();
    for (const id of Object.values(MENU_COMMANDS)) click(byId(template, id));
    expect(sent.sort()).toEqual(Object.values(MENU_COMMANDS).sort());
  });

  it('lists recent files by index, and clears them', () => {
    const { template, sent, cleared } = build({
      recent: [
        { index: 0, fileName: 'a.txt', path: '/m/a.txt' },
        { index: 1, fileName: 'b.json', path: '/m/b.json' },
      ],
    });
    click(byId(template, openRecentCommand(1)));
    expect(sent).toEqual(['open-recent:1']);
    click(byId(template, 'clear-recent'));
    expect(cleared()).toBe(1);
    const empty = build().template;
    const recentMenu = byId(empty, 'open-recent')?.submenu as MenuItemConstructorOptions[];
    expect(recentMenu).toEqual([{ label: 'No recent files', enabled: false }]);
  });

  it('follows macOS conventions there: app menu first, Close instead of Exit, Window menu', () => {
    const { template } = build({ platform: 'darwin' });
    expect(template[0].label).toBe('Splitscope');
    expect(template.some((item) => item.role === 'windowMenu')).toBe(true);
    const roles = flatten(template).map((item) => item.role);
    expect(roles).toContain('close');
    expect(roles.filter((role) => role === 'quit')).toHaveLength(1);
  });

  it('closes the window from File on every platform, and quits from File outside macOS', () => {
    const fileRoles = (platform: NodeJS.Platform) => (build({ platform }).template.find((item) => item.label === '&File')!.submenu as MenuItemConstructorOptions[]).map((item) => item.role);
    expect(fileRoles('linux')).toEqual(expect.arrayContaining(['close', 'quit']));
    expect(fileRoles('win32')).toEqual(expect.arrayContaining(['close', 'quit']));
    expect(fileRoles('darwin')).toContain('close');
    expect(fileRoles('darwin')).not.toContain('quit');
  });

  it('offers developer tools only in development', () => {
    expect(flatten(build().template).some((item) => item.role === 'toggleDevTools')).toBe(false);
    expect(flatten(build({ isPackaged: false }).template).some((item) => item.role === 'toggleDevTools')).toBe(true);
  });
});
