import { useEffect, useMemo, useRef, useState } from 'react';
import { listCommands, onCommandsChanged, runCommand, type Command } from '../commands';
import { closeOverlay, useDesktop } from './panels';
import { listRecent, openRecent, type RecentEntry } from './recent';
import { displayShortcut, shortcutOf } from './shortcuts';

interface PaletteItem {
  key: string;
  title: string;
  detail: string;
  isEnabled: boolean;
  run: () => void;
}

/** True when every word of the query appears in the text (any order, any case). */
export function matchesQuery(text: string, query: string): boolean {
  const haystack = text.toLowerCase();
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}

function commandItem(command: Command): PaletteItem {
  const shortcut = shortcutOf(command.id);
  return {
    key: command.id,
    title: command.title,
    detail: [command.group, shortcut && displayShortcut(shortcut)].filter(Boolean).join(' · '),
    isEnabled: command.isEnabled?.() !== false,
    run: () => void runCommand(command.id),
  };
}

/**
 * The command palette (Ctrl/Cmd+K): every registered command, filtered as you type, run with Enter
 * or a click. Its `recent` mode lists the recent files instead.
 */
export function CommandPalette() {
  const mode = useDesktop((state) => state.overlay);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [commands, setCommands] = useState(listCommands);
  const [recent, setRecent] = useState<RecentEntry[]>([]);
  const input = useRef<HTMLInputElement>(null);
  const isOpen = mode === 'commands' || mode === 'recent';

  useEffect(() => {
    if (!isOpen) return;
    setQuery('');
    setActive(0);
    setCommands(listCommands());
    if (mode === 'recent') void listRecent().then(setRecent);
    input.current?.focus();
  }, [isOpen, mode]);
  // Only while open: the page registers its commands one by one as it starts, and listing (sorted by
  // locale) on each took the first paint 30 ms.
  useEffect(() => (isOpen ? onCommandsChanged(() => setCommands(listCommands())) : undefined), [isOpen]);

  const items = useMemo<PaletteItem[]>(() => {
    const all =
      mode === 'recent'
        ? recent.map((entry) => ({ key: `recent-${entry.index}`, title: entry.fileName, detail: entry.detail, isEnabled: true, run: () => void openRecent(entry.index) }))
        : commands.map(commandItem);
    // What can run now comes first (Enter runs the first item); the rest keep their order below it.
    const matching = all.filter((item) => matchesQuery(`${item.title} ${item.detail}`, query));
    return [...matching.filter((item) => item.isEnabled), ...matching.filter((item) => !item.isEnabled)];
  }, [mode, recent, commands, query]);

  if (!isOpen) return null;
  const choose = (item: PaletteItem | undefined) => {
    if (!item?.isEnabled) return;
    closeOverlay();
    item.run();
  };
  return (
    <div className="palette-backdrop" onMouseDown={closeOverlay}>
      <div className="palette" role="dialog" aria-label={mode === 'recent' ? 'Open recent file' : 'Command palette'} data-testid="command-palette" data-mode={mode} onMouseDown={(event) => event.stopPropagation()}>
        <input
          ref={input}
          className="palette-input"
          data-testid="palette-input"
          placeholder={mode === 'recent' ? 'Open a recent file…' : 'Type a command…'}
          aria-label="Filter"
          value={query}
          onChange={(event) => {
            setQuery(event.currentTarget.value);
            setActive(0);
          }}
          onKeyDown={(event) => {
            if (event.key === 'Escape') closeOverlay();
            else if (event.key === 'ArrowDown') setActive((index) => Math.min(index + 1, items.length - 1));
            else if (event.key === 'ArrowUp') setActive((index) => Math.max(index - 1, 0));
            else if (event.key === 'Enter') choose(items[active]);
            else return;
            event.preventDefault();
          }}
        />
        <ul className="palette-list" role="listbox">
          {items.map((item, index) => (
            <li
              key={item.key}
              role="option"
              aria-selected={index === active}
              aria-disabled={!item.isEnabled}
              data-testid="palette-item"
              className={index === active ? 'is-active' : undefined}
              onMouseEnter={() => setActive(index)}
              onClick={() => choose(item)}
            >
              <span className="palette-title">{item.title}</span>
              <span className="palette-detail">{item.detail}</span>
            </li>
          ))}
          {items.length === 0 && <li className="palette-empty">{mode === 'recent' && recent.length === 0 ? 'No recent files yet' : 'No matching command'}</li>}
        </ul>
      </div>
    </div>
  );
}
