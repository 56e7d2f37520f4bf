import { useEffect, useState } from 'react';
import { openFile } from '../components/Toolbar';
import { openDroppedCsv, isCsvFile } from '../testing/setup';
import { showNotice } from './panels';

const hasFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;

/**
 * Drag and drop onto the window: an overlay while files hover, then a model opens (in the host, as
 * from the Open dialog) or a CSV goes to the testing panel. Listens on the window so a drop lands
 * anywhere, over the canvas too.
 */
export function DropOverlay() {
  const [isOver, setOver] = useState(false);
  useEffect(() => {
    let depth = 0;
    const onEnter = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      depth++;
      setOver(true);
    };
    const onOver = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      // Without this the browser (or Electron) would navigate to the dropped file.
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const onLeave = () => {
      depth = Math.max(0, depth - 1);
      if (depth === 0) setOver(false);
    };
    const onDrop = (event: DragEvent) => {
      event.preventDefault();
      depth = 0;
      setOver(false);
      const file = event.dataTransfer?.files[0];
      if (!file) return;
      if (openDroppedCsv(file)) return;
      if (isCsvFile(file)) return showNotice('Open a model before dropping a CSV to test it.');
      void openFile(file);
    };
    window.addEventListener('dragenter', onEnter);
    window.addEventListener('dragover', onOver);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragenter', onEnter);
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('drop', onDrop);
    };
  }, []);
  if (!isOver) return null;
  return (
    <div className="drop-overlay" data-testid="drop-overlay" aria-hidden="true">
      <div className="drop-message">Drop a model to open it, or a CSV to test the open model</div>
    </div>
  );
}
