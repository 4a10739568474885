/** The files node-gyp reads from `<nodedir>/include/node`. */
export declare const REQUIRED_HEADER_FILES: readonly string[];

/** The `--nodedir` for node-gyp, or why there is none (never a download). */
export declare function findNodeHeaders(options?: {
  execPath?: string;
  env?: Record<string, string | undefined>;
}): { nodedir: string; problem?: undefined } | { nodedir?: undefined; problem: string };

/** node-gyp's command lines for a build against `nodedir`. */
export declare function nodeGypSteps(options: {
  nodedir: string;
  configured: boolean;
  jobs: number;
}): string[][];
