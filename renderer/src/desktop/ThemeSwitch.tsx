import { setTheme, useTheme, type ThemeChoice } from './theme';

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
