import type { Cancelled, OpenModelResult } from '../../../app/bridge';
import { connectBridge, hasNativeDialog, uploadModelFile } from '../bridgeClient';
import { newJobId, showPendingJob } from '../store/jobs';
import { compareStore } from './compareStore';

const bridge = connectBridge();

function take(result: OpenModelResult | Cancelled): void {
  if (result.status === 'cancelled') return;
  if (result.status === 'error') compareStore.setState({ error: result.error, other: undefined, isOpen: true });
  else compareStore.setState({ other: result.document, error: undefined, isOpen: true });
}

/** Parses a file the user picked as the model to compare the open one with. */
export async function compareWithFile(file: File): Promise<void> {
  const jobId = newJobId();
  showPendingJob(jobId, 'open-model', `Sending ${file.name}`);
  take(await uploadModelFile(file, jobId));
}

/** Compare with…: the native dialog in Electron, the file input in the browser. */
export async function compareWith(fileInput: HTMLInputElement | null): Promise<void> {
  if (hasNativeDialog()) take(await bridge.openModelDialog({ jobId: newJobId() }));
  else fileInput?.click();
}
