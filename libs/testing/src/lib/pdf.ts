import { execFileSync } from 'node:child_process';

// pdf-parse v2 (pdfjs) loads its worker with a dynamic import, which Jest's module system refuses
// without --experimental-vm-modules; a plain Node child process reads the text instead.
const SCRIPT = `
const { PDFParse } = require('pdf-parse');
const chunks = [];
process.stdin.on('data', (c) => chunks.push(c));
process.stdin.on('end', async () => {
  const parser = new PDFParse({ data: Buffer.concat(chunks) });
  process.stdout.write((await parser.getText()).text);
  await parser.destroy();
});`;

/** The text of a PDF, extracted with pdf-parse. */
export function pdfText(pdf: Buffer): string {
  return execFileSync(process.execPath, ['-e', SCRIPT], {
    input: pdf,
    cwd: process.cwd(),
    encoding: 'utf8',
    maxBuffer: 20 * 1024 * 1024,
  });
}
