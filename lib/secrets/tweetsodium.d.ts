// Types for tweetsodium's UMD build, which lib/secrets/seal.ts imports directly.
declare module "tweetsodium/dist/index.umd.js" {
  const tweetsodium: typeof import("tweetsodium");
  export default tweetsodium;
}
