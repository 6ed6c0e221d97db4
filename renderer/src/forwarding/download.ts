import type { Job } from '@shared/contract';
import { api } from '../api';
import { saveFile } from '../common/save';

const CHUNK = 4 * 1024 * 1024;

function base64Bytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * Saves a finished export through the browser's download (Electron shows its save dialog).
 * The file is read in slices over the same API as everything else, so it works in both modes.
 */
export async function downloadJob(job: Job): Promise<void> {
  if (!job.output) throw new Error('This export has no file');
  const parts: Uint8Array<ArrayBuffer>[] = [];
  for (let offset = 0; ; ) {
    const slice = await api.readJobOutput({ id: job.id, offset, length: CHUNK });
    const bytes = base64Bytes(slice.base64);
    parts.push(bytes);
    offset += bytes.length;
    if (slice.eof || bytes.length === 0) break;
  }
  saveFile(parts, job.output.fileName, job.output.contentType);
}
