#!/usr/bin/env bash
# Sets up ct-fracture on a fresh Debian/Ubuntu (or macOS) machine with Node.js >= 20.19:
# system packages where we can install them, pnpm, the workspace, a build, and then the
# demo training on synthetic phantoms.
#
#   bash scripts/setup.sh               # everything, then the demo
#   bash scripts/setup.sh --no-demo     # everything but the demo
#   bash scripts/setup.sh --with-slurm  # also Debian's slurm-wlm + munge (a local cluster for
#                                       # scripts/slurm-local.sh and the cv end-to-end test; CI)
set -euo pipefail
cd "$(dirname "$0")/.."

PNPM_VERSION="$(node -p "require('./package.json').packageManager.split('@')[1]")"
RUN_DEMO=1
WITH_SLURM=0
for arg in "$@"; do
  case "$arg" in
    --no-demo) RUN_DEMO=0 ;;
    --with-slurm) WITH_SLURM=1 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "setup.sh: unknown option $arg (expected --no-demo or --with-slurm)" >&2; exit 2 ;;
  esac
done

say() { printf '\033[1m[setup]\033[0m %s\n' "$*" >&2; }

# --- Node.js ------------------------------------------------------------------------------
node -e '
const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`setup.sh: Node.js >= 20.19 is required, found ${process.versions.node}`);
  process.exit(1);
}'

# --- system packages (optional: everything still works without them, only slower) ------------
# libdnnl-dev: oneDNN for the fast native CPU backend; g++/make/python3: to build it;
# chromium: headless browser tests; fonts-dejavu-core: the fonts the report's plots are drawn with.
SUDO=""
if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo -n"; fi
if command -v apt-get >/dev/null 2>&1 && { [ "$(id -u)" -eq 0 ] || [ -n "$SUDO" ]; }; then
  wanted=(libdnnl-dev g++ make python3 chromium fonts-dejavu-core)
  # slurm-wlm + munge: a one-node Slurm for `ct-fracture cv --slurm --submit` (only on request).
  if [ "$WITH_SLURM" -eq 1 ]; then wanted+=(slurm-wlm munge); fi
  missing=()
  for pkg in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    say "installing system packages: ${missing[*]}"
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq \
      && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
      || say "could not install ${missing[*]}: continuing; the oneDNN backend falls back to the cpu backend"
  fi
elif command -v brew >/dev/null 2>&1; then
  brew list onednn >/dev/null 2>&1 || { say "installing oneDNN with Homebrew"; brew install onednn || true; }
else
  say "cannot install system packages here (no root/sudo apt-get, no brew): install libdnnl-dev (Debian/Ubuntu) or onednn (Homebrew) for the fast backend"
fi

# --- pnpm (corepack first; it fails on registries that serve no signatures, so fall back to npm) ---
if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version 2>/dev/null)" != "$PNPM_VERSION" ]; then
  say "installing pnpm $PNPM_VERSION"
  if ! { COREPACK_ENABLE_DOWNLOAD_PROMPT=0 COREPACK_INTEGRITY_KEYS=0 corepack enable pnpm 2>/dev/null \
      && COREPACK_ENABLE_DOWNLOAD_PROMPT=0 COREPACK_INTEGRITY_KEYS=0 pnpm --version >/dev/null 2>&1; }; then
    npm install -g "pnpm@$PNPM_VERSION" --no-audit --no-fund --loglevel=error \
      || { npm install --prefix "$HOME/.local" -g "pnpm@$PNPM_VERSION" --no-audit --no-fund --loglevel=error \
           && export PATH="$HOME/.local/bin:$PATH" \
           && say "pnpm installed in ~/.local/bin: add it to your PATH"; }
  fi
fi
export COREPACK_ENABLE_DOWNLOAD_PROMPT=0 COREPACK_INTEGRITY_KEYS=0

# --- workspace ---------------------------------------------------------------------------
say "installing the workspace"
if [ "${CI:-}" = "true" ]; then pnpm install --frozen-lockfile; else pnpm install; fi
say "building"
pnpm turbo run build --output-logs=errors-only

if [ "$RUN_DEMO" -eq 1 ]; then
  say "ready. Running the demo: synthetic phantoms in data/demo, a few minutes of training, a report"
  pnpm turbo run train --output-logs=new-only
fi
