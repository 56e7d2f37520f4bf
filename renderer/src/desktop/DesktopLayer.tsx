import { useEffect } from 'react';
import { hasNativeDialog } from '../bridgeClient';
import { CommandPalette } from './CommandPalette';
import { registerDesktopCommands, runHostCommand } from './desktopCommands';
import { DropOverlay } from './DropOverlay';
import { InfoDialog } from './InfoDialog';
import { closeOverlay, desktopStore, useDesktop } from './panels';
import { commandForKey } from './shortcuts';
import './desktop.css';

/**
 * Everything of the desktop experience that floats over the window: the command palette, help
 * dialogs, the drop overlay and notices; plus, in browser mode, the keyboard shortcuts (Electron's
 * native menu owns them there, so a key never runs a command twice).
 */
export function DesktopLayer() {
  const notice = useDesktop((state) => state.notice);
  useEffect(() => {
    registerDesktopCommands();
    if (hasNativeDialog()) return;
    const onKeyDown = (event: KeyboardEvent) => {
      const command = commandForKey(event);
      if (!command) {
        if (event.key === 'Escape' && desktopStore.getState().overlay) closeOverlay();
        return;
      }
      event.preventDefault();
      event.stopPropagation();
      runHostCommand(command);
    };
    // Capture phase: the palette shortcut works even while a text field has focus.
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, []);
  return (
    <>
      <CommandPalette />
      <InfoDialog />
      <DropOverlay />
      {notice && (
        <div className="desktop-notice" role="status" data-testid="desktop-notice">
          {notice}
        </div>
      )}
    </>
  );
}
