/**
 * Every user action the app offers, in one registry: the command palette lists them, the native menu
 * and keyboard shortcuts run them by id, and features register their own (`open-csv`, `focus-path`…).
 */
export interface Command {
  id: string;
  title: string;
  /** Group shown in the palette: File, View, Tree, Test, Export, Help. */
  group: string;
  /** Display form, e.g. `Ctrl+O` (the native menu owns the real accelerators in Electron). */
  shortcut?: string;
  /** False while the command cannot run (no model open…). */
  isEnabled?: () => boolean;
  run: () => void | Promise<void>;
}

const commands = new Map<string, Command>();
const listeners = new Set<() => void>();

/** Adds or replaces a command; returns a function that removes it. */
export function registerCommand(command: Command): () => void {
  commands.set(command.id, command);
  listeners.forEach((listener) => listener());
  return () => {
    if (commands.get(command.id) === command) commands.delete(command.id);
    listeners.forEach((listener) => listener());
  };
}

/** Runs a command by id; false when there is no such command or it is disabled. */
export function runCommand(id: string): boolean {
  const command = commands.get(id);
  if (!command || command.isEnabled?.() === false) return false;
  void command.run();
  return true;
}

/** All registered commands, by group then title. */
export function listCommands(): Command[] {
  return [...commands.values()].sort((a, b) => a.group.localeCompare(b.group) || a.title.localeCompare(b.title));
}

/** Calls `listener` whenever the set of commands changes. */
export function onCommandsChanged(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
