import {
  type CheckpointMetadata,
  type DenseNet3d,
  loadCheckpointFromUrl,
} from '@ct-fracture/densenet3d';
import type { PickedFile } from '../app/picked-files';
import { ViewerError } from '../app/viewer-error';

/** A checkpoint opened in the page. */
export interface OpenedCheckpoint {
  model: DenseNet3d;
  metadata: CheckpointMetadata;
  /** The folder's name, or the URL it came from. */
  source: string;
}

/** The files a checkpoint folder must hold besides its weight files. */
const REQUIRED = ['model.json', 'ct-fracture.json'] as const;
const LOCAL_BASE = 'https://chosen-folder.invalid/';

/** A file's path inside the chosen folder (`ckpt/model.json` → `model.json`). */
function innerPath(path: string): string {
  const parts = path.split('/');
  return parts.length > 1 ? parts.slice(1).join('/') : path;
}

/**
 * Opens a checkpoint folder chosen or dropped in the page: `model.json`, its weight files and
 * `ct-fracture.json`, read from the `File`s through the same loader as a URL
 * (`loadCheckpointFromUrl`), so the same checks apply (plain weight names, sizes, finite weights).
 * @param folder - the folder's name, for messages.
 * @throws ViewerError `not-a-checkpoint` naming what the folder lacks; DenseNetError for a bad checkpoint.
 */
export async function openCheckpointFiles(
  files: readonly PickedFile[],
  folder: string,
): Promise<OpenedCheckpoint> {
  const byName = new Map(files.map(({ file, path }) => [innerPath(path), file]));
  const missing = REQUIRED.filter((name) => !byName.has(name));
  if (missing.length > 0) {
    const held = [...byName.keys()].slice(0, 8).join(', ') || 'nothing';
    throw new ViewerError(
      'not-a-checkpoint',
      `'${folder}' is not a checkpoint folder: it must hold model.json, weights.bin and ct-fracture.json; ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} missing (it holds ${held})`,
    );
  }
  const fetcher = async (url: string | URL | Request): Promise<Response> => {
    const name = decodeURIComponent(new URL(String(url)).pathname.split('/').pop() ?? '');
    const file = byName.get(name);
    if (file === undefined) throw new Error(`'${name}' is not in the chosen folder`);
    return new Response(file);
  };
  try {
    const { model, metadata } = await loadCheckpointFromUrl(LOCAL_BASE, fetcher as typeof fetch);
    return { model, metadata, source: folder };
  } catch (error) {
    // The loader names files by URL: name them by the chosen folder instead.
    if (error instanceof Error) {
      error.message = error.message.replaceAll(LOCAL_BASE, `${folder}/`).replaceAll('//', '/');
    }
    throw error;
  }
}

/**
 * Opens a checkpoint served over HTTP (`?checkpoint=URL`, or the folder `ct-fracture view`
 * serves), relative URLs resolved against the page.
 * @throws DenseNetError `checkpoint-io` / `checkpoint-format`.
 */
export async function openCheckpointUrl(url: string): Promise<OpenedCheckpoint> {
  const absolute = new URL(url, document.baseURI).toString();
  const { model, metadata } = await loadCheckpointFromUrl(absolute);
  return { model, metadata, source: url };
}
