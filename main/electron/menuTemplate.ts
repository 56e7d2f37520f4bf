import type { MenuItemConstructorOptions } from 'electron';
import type { RecentFile } from '../../app/bridge';

/**
 * Ids of the commands the native menu runs. Each is run in the renderer through its command
 * registry (renderer/src/commands.ts), so the menu, the palette and the shortcuts share one action.
 */
export const MENU_COMMANDS = {
  openModel: 'open-model',
  openCsv: 'open-csv',
  exportBundle: 'export-bundle',
  exportPng: 'export-png',
  exportSvg: 'export-svg',
  commandPalette: 'command-palette',
  zoomIn: 'zoom-in',
  zoomOut: 'zoom-out',
  fitView: 'fit-view',
  toggleLeftPanel: 'toggle-left-panel',
  toggleRightPanel: 'toggle-right-panel',
  themeSystem: 'theme-system',
  themeLight: 'theme-light',
  themeDark: 'theme-dark',
  about: 'about',
  keyboardShortcuts: 'keyboard-shortcuts',
} as const;

/** The command that reads the CSV the OS handed to main ("open with", a second instance). */
export const OPEN_PENDING_CSV = 'open-pending-csv';

/** The command that reopens entry `index` of the recent list (the renderer asks main for it by index). */
export const openRecentCommand = (index: number): string => `open-recent:${index}`;

export interface MenuContext {
  platform: NodeJS.Platform;
  recent: readonly RecentFile[];
  /** Developer tools and reload appear only when not packaged. */
  isPackaged: boolean;
  /** Sends a command id to the renderer. */
  send: (command: string) => void;
  clearRecent: () => void;
}

/**
 * The application menu with each platform's standard shortcuts (CmdOrCtrl maps to ⌘ on macOS):
 * File, Edit (so copy and paste work in text fields), View, Window (macOS) and Help.
 */
export function buildMenuTemplate(context: MenuContext): MenuItemConstructorOptions[] {
  const isMac = context.platform === 'darwin';
  const item = (label: string, command: string, accelerator?: string): MenuItemConstructorOptions => ({
    id: command,
    label,
    ...(accelerator ? { accelerator } : {}),
    click: () => context.send(command),
  });
  const recentItems: MenuItemConstructorOptions[] =
    context.recent.length === 0
      ? [{ label: 'No recent files', enabled: false }]
      : [
          ...context.recent.map((file) => ({
            id: openRecentCommand(file.index),
            label: `${file.fileName}  —  ${file.path}`,
            click: () => context.send(openRecentCommand(file.index)),
          })),
          { type: 'separator' as const },
          { id: 'clear-recent', label: 'Clear Recent', click: () => context.clearRecent() },
        ];

  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      item('Open Model…', MENU_COMMANDS.openModel, 'CmdOrCtrl+O'),
      { id: 'open-recent', label: 'Open Recent', submenu: recentItems },
      item('Open CSV…', MENU_COMMANDS.openCsv, 'CmdOrCtrl+Shift+O'),
      { type: 'separator' },
      item('Export Bundle…', MENU_COMMANDS.exportBundle, 'CmdOrCtrl+Shift+E'),
      item('Export Image (PNG)…', MENU_COMMANDS.exportPng, 'CmdOrCtrl+E'),
      item('Export Image (SVG)…', MENU_COMMANDS.exportSvg),
      { type: 'separator' },
      { role: 'close' },
      ...(isMac ? [] : [{ role: 'quit' as const, label: 'E&xit' }]),
    ],
  };
  const edit: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }],
  };
  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      item('Command Palette…', MENU_COMMANDS.commandPalette, 'CmdOrCtrl+K'),
      { type: 'separator' },
      item('Zoom In', MENU_COMMANDS.zoomIn, 'CmdOrCtrl+='),
      item('Zoom Out', MENU_COMMANDS.zoomOut, 'CmdOrCtrl+-'),
      item('Fit View', MENU_COMMANDS.fitView, 'CmdOrCtrl+0'),
      { type: 'separator' },
      item('Toggle Model Panel', MENU_COMMANDS.toggleLeftPanel, 'CmdOrCtrl+B'),
      item('Toggle Node Panel', MENU_COMMANDS.toggleRightPanel, 'CmdOrCtrl+Alt+B'),
      {
        id: 'theme',
        label: 'Theme',
        submenu: [
          item('Follow System', MENU_COMMANDS.themeSystem),
          item('Light', MENU_COMMANDS.themeLight),
          item('Dark', MENU_COMMANDS.themeDark),
        ],
      },
      { type: 'separator' },
      { role: 'togglefullscreen' },
      ...(context.isPackaged ? [] : [{ type: 'separator' as const }, { role: 'reload' as const }, { role: 'toggleDevTools' as const }]),
    ],
  };
  const help: MenuItemConstructorOptions = {
    role: 'help',
    label: '&Help',
    submenu: [
      item('Keyboard Shortcuts', MENU_COMMANDS.keyboardShortcuts, 'CmdOrCtrl+/'),
      ...(isMac ? [] : [{ type: 'separator' as const }, item('About Splitscope', MENU_COMMANDS.about)]),
    ],
  };
  const template = [file, edit, view];
  if (isMac) {
    template.unshift({
      label: 'Splitscope',
      submenu: [
        item('About Splitscope', MENU_COMMANDS.about),
        { type: 'separator' },
        { role: 'services' },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit' },
      ],
    });
    template.push({ role: 'windowMenu' });
  }
  template.push(help);
  return template;
}
