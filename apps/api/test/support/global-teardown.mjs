export default async function globalTeardown() {
  await globalThis.pactroomTestCluster?.dispose();
}
