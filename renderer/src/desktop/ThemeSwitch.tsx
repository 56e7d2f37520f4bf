import { useStore } from 'zustand';
import { resolvedTheme, setTheme, themeStore, type ThemeChoice } from './theme';

function useTheme(): { choice: ThemeChoice; theme: 'light' | 'dark' } {
  const choice = useStore(themeStore, (state) => state.choice);
  const systemIsDark = useStore(themeStore, (state) => state.systemIsDark);
  return { choice, theme: resolvedTheme({ choice, systemIsDark }) };
}

/** Theme picker in the top bar: follow the OS, light or dark. */
export function ThemeSwitch() {
  const { choice, theme } = useTheme();
  return (
    <select
      className="theme-switch"
      data-testid="theme-switch"
      aria-label="Theme"
      title={`Theme (now ${theme})`}
      value={choice}
      onChange={(event) => setTheme(event.currentTarget.value as ThemeChoice)}
    >
      <option value="system">System theme</option>
      <option value="light">Light</option>
      <option value="dark">Dark</option>
    </select>
  );
}
