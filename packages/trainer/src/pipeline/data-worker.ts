// The entry of a data worker thread: prepares samples on request and transfers the volumes back.
import { parentPort } from 'node:worker_threads';
import { prepareSample, serializeError } from './prepare-sample';
import type { SampleRequest } from './sample-request';

if (parentPort) {
  const port = parentPort;
  port.on('message', async (message: { id: number; request: SampleRequest }) => {
    try {
      const sample = await prepareSample(message.request);
      port.postMessage({ id: message.id, ok: true, sample }, [sample.data.buffer as ArrayBuffer]);
    } catch (error) {
      port.postMessage({ id: message.id, ok: false, error: serializeError(error) });
    }
  });
}
