import { useEffect, useState } from 'react';
import { connectBridge } from '../bridgeClient';
import { listCommands } from '../commands';
import { closeOverlay, useDesktop } from './panels';
import { CANVAS_KEYS, displayShortcut, SHORTCUTS } from './shortcuts';

/** Help → About and Help → Keyboard shortcuts. */
export function InfoDialog() {
  const overlay = useDesktop((state) => state.overlay);
  const [version, setVersion] = useState('');
  useEffect(() => {
    if (overlay === 'about') void connectBridge().getHostInfo().then((info) => setVersion(`${info.version} (${info.kind === 'electron' ? 'desktop' : 'browser mode'})`));
  }, [overlay]);
  if (overlay !== 'about' && overlay !== 'shortcuts') return null;
  const titles = new Map(listCommands().map((command) => [command.id, command.title]));
  return (
    <div className="palette-backdrop" onMouseDown={closeOverlay} onKeyDown={(event) => event.key === 'Escape' && closeOverlay()}>
      <div className="modal info-dialog" role="dialog" aria-label={overlay === 'about' ? 'About Splitscope' : 'Keyboard shortcuts'} data-testid={`${overlay}-dialog`} onMouseDown={(event) => event.stopPropagation()}>
        {overlay === 'about' ? (
          <>
            <h2>Splitscope</h2>
            <p>Open a trained tree model (LightGBM, XGBoost, scikit-learn, Spark), see every split, test it, ship it as a service.</p>
            <p className="muted">Version {version}</p>
          </>
        ) : (
          <>
            <h2>Keyboard shortcuts</h2>
            <table className="shortcut-table">
              <tbody>
                {SHORTCUTS.map((shortcut) => (
                  <tr key={shortcut.command}>
                    <td>
                      <kbd>{displayShortcut(shortcut)}</kbd>
                    </td>
                    <td>{titles.get(shortcut.command) ?? shortcut.command}</td>
                  </tr>
                ))}
                {CANVAS_KEYS.map(([keys, action]) => (
                  <tr key={keys}>
                    <td>
                      <kbd>{keys}</kbd>
                    </td>
                    <td>{action}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
        <div className="modal-actions">
          <button type="button" autoFocus onClick={closeOverlay}>
            Close
          </button>
        </div>
      </div>
    </div>
  );
}
