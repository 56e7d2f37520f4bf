import { connectBridge, hasNativeDialog } from '../bridgeClient';

/** Saves a URL (blob or data) as a file through the browser's download. */
function download(url: string, fileName: string): void {
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  anchor.rel = 'noopener';
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
}

/**
 * Saves an exported image: the native Save dialog in Electron (main writes the file where the user
 * chose), a download in the browser. `content` is SVG text or a PNG data URL. Returns what was saved,
 * or undefined when the user cancelled the dialog.
 */
export async function saveImage(fileName: string, format: 'png' | 'svg', content: string): Promise<string | undefined> {
  if (hasNativeDialog()) {
    const result = await connectBridge().saveImageFile({ fileName, format, content });
    return result.status === 'saved' ? result.fileName : undefined;
  }
  if (format === 'png') {
    download(content, fileName);
    return fileName;
  }
  const url = URL.createObjectURL(new Blob([content], { type: 'image/svg+xml' }));
  download(url, fileName);
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return fileName;
}
