/**
 * How long an object URL outlives its link's click: the browser reads the file after the click
 * returns, so revoking at once can cut off a large download.
 */
const REVOKE_AFTER_MS = 10_000;

/** Hands a file to the browser as a download, through a hidden link in `document`. */
export function saveDownload(document: Document, file: Blob, fileName: string): void {
  const url = URL.createObjectURL(file);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}
