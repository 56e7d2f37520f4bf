import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';

/** Window chrome that is not part of the model: hidden panels and the open overlay, if any. */
export interface DesktopState {
  isLeftPanelHidden: boolean;
  isRightPanelHidden: boolean;
  /** The command palette (`commands`), its recent-files list (`recent`), or an info dialog. */
  overlay: 'commands' | 'recent' | 'about' | 'shortcuts' | undefined;
  /** A short message for actions that cannot run (a CSV drop before CSV testing exists…). */
  notice: string | undefined;
}

export const desktopStore = createStore<DesktopState>()(() => ({
  isLeftPanelHidden: false,
  isRightPanelHidden: false,
  overlay: undefined,
  notice: undefined,
}));

export function useDesktop<T>(selector: (state: DesktopState) => T): T {
  return useStore(desktopStore, selector);
}

export const openOverlay = (overlay: DesktopState['overlay']) => desktopStore.setState({ overlay });
export const closeOverlay = () => desktopStore.setState({ overlay: undefined });

let noticeTimer: ReturnType<typeof setTimeout> | undefined;
/** Shows a message for a few seconds (and in the console, so it is never lost). */
export function showNotice(notice: string): void {
  console.warn(`splitscope: ${notice}`);
  desktopStore.setState({ notice });
  clearTimeout(noticeTimer);
  noticeTimer = setTimeout(() => desktopStore.setState({ notice: undefined }), 6_000);
}
