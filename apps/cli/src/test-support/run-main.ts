import { main } from '../main';

/** Runs the CLI in-process with `args`, capturing what it writes to stdout and stderr. */
export async function runMain(
  ...args: string[]
): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(['node', 'ct-fracture', ...args], {
    out: (text) => {
      out += text;
    },
    err: (text) => {
      err += text;
    },
  });
  return { code, out, err };
}
