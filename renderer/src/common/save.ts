/** Saves data as a file through the browser's download (Electron shows its save dialog). */
export function saveFile(parts: BlobPart[], fileName: string, contentType: string): void {
  const url = URL.createObjectURL(new Blob(parts, { type: contentType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
