import { parentPort } from 'node:worker_threads';
import { writeCase } from '../case/generate-case';
import type { WorkerResult, WorkerTask } from './worker-messages';

// Worker entry (built as dist/generate-worker.js): generates and writes one case per message.
parentPort?.on('message', (task: WorkerTask) => {
  writeCase(task.spec, task.options, task.root).then(
    (record) => parentPort?.postMessage({ ok: true, record } satisfies WorkerResult),
    (error: unknown) => {
      const failure = error instanceof Error ? error : new Error(String(error));
      const code = (failure as { code?: unknown }).code;
      parentPort?.postMessage({
        ok: false,
        error: {
          name: failure.name,
          code: typeof code === 'string' ? code : undefined,
          message: failure.message,
        },
      } satisfies WorkerResult);
    },
  );
});
