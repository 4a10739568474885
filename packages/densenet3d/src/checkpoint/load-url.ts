import { DenseNetError } from '../errors/densenet-error';
import type { DenseNet3d } from '../model/dense-net-3d';
import {
  CHECKPOINT_FILES,
  type CheckpointModelJson,
  modelFromCheckpointFiles,
  weightPaths,
} from './artifacts';
import type { CheckpointMetadata } from './metadata';

async function fetchOk(fetcher: typeof fetch, url: string): Promise<Response> {
  let response: Response;
  try {
    response = await fetcher(url);
  } catch (error) {
    throw new DenseNetError({
      code: 'checkpoint-io',
      file: url,
      message: `could not be fetched: ${(error as Error).message}`,
      cause: error,
    });
  }
  if (!response.ok)
    throw new DenseNetError({
      code: 'checkpoint-io',
      file: url,
      message: `answered HTTP ${response.status}`,
      value: String(response.status),
    });
  return response;
}

/**
 * Loads a checkpoint folder served over HTTP (browser or Node ≥ 18 `fetch`): model.json,
 * its weight files and ct-fracture.json.
 * @param url - the folder's URL (with or without a trailing `/`).
 * @param fetcher - `fetch` by default (inject for tests or authenticated requests).
 * @throws DenseNetError `checkpoint-io` (HTTP/network) or `checkpoint-format`.
 * @example
 * const { model, metadata } = await loadCheckpointFromUrl('/models/ct-fracture/');
 */
export async function loadCheckpointFromUrl(
  url: string,
  fetcher: typeof fetch = globalThis.fetch,
): Promise<{ model: DenseNet3d; metadata: CheckpointMetadata }> {
  const base = url.endsWith('/') ? url : `${url}/`;
  const modelUrl = new URL(
    CHECKPOINT_FILES.model,
    new URL(base, globalThis.location?.href ?? 'http://localhost/'),
  ).toString();
  const modelJson = (await (await fetchOk(fetcher, modelUrl)).json()) as CheckpointModelJson;
  const metadataJson: unknown = await (
    await fetchOk(fetcher, new URL(CHECKPOINT_FILES.metadata, modelUrl).toString())
  ).json();
  const paths = weightPaths(modelJson, url);
  const buffers = await Promise.all(
    paths.map(
      async (path) =>
        new Uint8Array(
          await (await fetchOk(fetcher, new URL(path, modelUrl).toString())).arrayBuffer(),
        ),
    ),
  );
  return modelFromCheckpointFiles(modelJson, buffers, metadataJson, url);
}
