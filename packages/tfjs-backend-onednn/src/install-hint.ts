/**
 * One line telling a user how to get oneDNN on their platform, for the message
 * printed when the native addon cannot be loaded.
 * @param platform - a `process.platform` value.
 */
export function oneDnnInstallHint(platform: string): string {
  switch (platform) {
    case 'linux':
      return 'install oneDNN (Debian/Ubuntu: `sudo apt-get install -y libdnnl-dev`) and a C++ compiler, then rebuild the addon (`pnpm rebuild @ct-fracture/tfjs-backend-onednn`; in the ct-fracture repository `pnpm --filter @ct-fracture/tfjs-backend-onednn build`)';
    case 'darwin':
      return 'install oneDNN (`brew install onednn`) and the Xcode command line tools, then rebuild the addon (`pnpm rebuild @ct-fracture/tfjs-backend-onednn`; in the ct-fracture repository `pnpm --filter @ct-fracture/tfjs-backend-onednn build`)';
    default:
      return `the oneDNN backend is not supported on ${platform}; use --backend cpu or wasm`;
  }
}
