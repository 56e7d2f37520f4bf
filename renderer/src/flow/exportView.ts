import { toPng, toSvg } from 'html-to-image';

/** Parts of the canvas that are controls, not drawing: left out of exported images. */
const NOT_EXPORTED = ['react-flow__minimap', 'react-flow__controls', 'react-flow__attribution', 'node-toggle'];

function isExported(node: HTMLElement | SVGElement): boolean {
  const classes = (node as Element).classList;
  return !classes || !NOT_EXPORTED.some((name) => classes.contains(name));
}

/** Saves a data URL as a file through the browser's download (Electron later gets a save dialog). */
function download(dataUrl: string, fileName: string): void {
  const anchor = document.createElement('a');
  anchor.href = dataUrl;
  anchor.download = fileName;
  anchor.rel = 'noopener';
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
}

/**
 * Exports what the canvas shows now (the current pan and zoom) as PNG (at twice the screen
 * resolution) or SVG (the drawing as SVG with the node boxes in a foreignObject, as html-to-image makes it).
 */
export async function exportCurrentView(element: HTMLElement, format: 'png' | 'svg', baseName: string): Promise<string> {
  const options = { backgroundColor: '#ffffff', filter: isExported, cacheBust: false };
  const dataUrl = format === 'png' ? await toPng(element, { ...options, pixelRatio: 2 }) : await toSvg(element, options);
  const fileName = `${baseName}.${format}`;
  download(dataUrl, fileName);
  return fileName;
}
