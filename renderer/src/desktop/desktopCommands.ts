import { listCommands, registerCommand, runCommand } from '../commands';
import { desktopStore, openOverlay, showNotice } from './panels';
import { openRecent } from './recent';
import { setTheme } from './theme';
import { openStartupCsv } from '../testing/setup';
import { appStore } from '../store/store';

/** Host commands that carry an argument: `open-recent:<index>` from the menu or the OS. */
const OPEN_RECENT = /^open-recent:(\d{1,2})$/;

/**
 * Runs a command that came from the Node side (native menu, OS "open with") through the same
 * registry the palette uses, so the menu offers every action as soon as its feature registers it.
 */
export function runHostCommand(command: string): void {
  const recent = OPEN_RECENT.exec(command);
  if (recent) {
    void openRecent(Number(recent[1]));
    return;
  }
  if (runCommand(command)) return;
  const known = listCommands().find((candidate) => candidate.id === command);
  showNotice(known ? `${known.title.replace(/…$/, '')}: open a model first.` : `“${command}” is not available in this version.`);
}

let isRegistered = false;

/** The window's own commands: palette, recent files, panels, theme, help. */
export function registerDesktopCommands(): void {
  if (isRegistered) return;
  isRegistered = true;
  const toggle = (key: 'isLeftPanelHidden' | 'isRightPanelHidden') => desktopStore.setState((state) => ({ [key]: !state[key] }));
  registerCommand({ id: 'command-palette', title: 'Show all commands', group: 'Help', run: () => openOverlay('commands') });
  registerCommand({ id: 'open-recent', title: 'Open recent…', group: 'File', run: () => openOverlay('recent') });
  registerCommand({ id: 'toggle-left-panel', title: 'Toggle model panel', group: 'View', run: () => toggle('isLeftPanelHidden') });
  registerCommand({ id: 'toggle-right-panel', title: 'Toggle node panel', group: 'View', run: () => toggle('isRightPanelHidden') });
  registerCommand({ id: 'theme-system', title: 'Theme: follow the system', group: 'View', run: () => setTheme('system') });
  registerCommand({ id: 'theme-light', title: 'Theme: light', group: 'View', run: () => setTheme('light') });
  registerCommand({ id: 'theme-dark', title: 'Theme: dark', group: 'View', run: () => setTheme('dark') });
  // A CSV from the OS ("open with", second instance): main holds its path, read like `--csv`.
  registerCommand({
    id: 'open-pending-csv',
    title: 'Read the CSV given to the app',
    group: 'Test',
    isEnabled: () => appStore.getState().document !== undefined,
    run: () => openStartupCsv(),
  });
  registerCommand({ id: 'about', title: 'About Splitscope', group: 'Help', run: () => openOverlay('about') });
  registerCommand({ id: 'keyboard-shortcuts', title: 'Keyboard shortcuts', group: 'Help', run: () => openOverlay('shortcuts') });
}
