export default async function globalTeardown(): Promise<void> {
  await globalThis.samsynE2eApi?.stop();
  globalThis.samsynE2eApi = undefined;
}
