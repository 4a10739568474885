/** A file chosen or dropped in the page, with its path inside what was chosen. */
export interface PickedFile {
  file: File;
  /** `folder/name` for a file inside a chosen or dropped folder, else the file's name. */
  path: string;
}

/** The files of an `<input type=file>` (with their folder paths when it takes folders). */
export function inputFiles(input: HTMLInputElement): PickedFile[] {
  return [...(input.files ?? [])].map((file) => ({
    file,
    path: file.webkitRelativePath || file.name,
  }));
}

function readEntries(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  return new Promise((resolve, reject) => reader.readEntries(resolve, reject));
}

async function entryFiles(entry: FileSystemEntry, prefix: string): Promise<PickedFile[]> {
  const path = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) =>
      (entry as FileSystemFileEntry).file(resolve, reject),
    );
    return [{ file, path }];
  }
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  const found: PickedFile[] = [];
  // readEntries returns at most ~100 entries per call: read until it returns none.
  for (let batch = await readEntries(reader); batch.length > 0; batch = await readEntries(reader)) {
    for (const child of batch) found.push(...(await entryFiles(child, path)));
  }
  return found;
}

/** The files of a drop: plain files, or every file inside dropped folders (with their paths). */
export async function droppedFiles(transfer: DataTransfer): Promise<PickedFile[]> {
  const entries = [...transfer.items]
    .filter((item) => item.kind === 'file')
    .map((item) => item.webkitGetAsEntry())
    .filter((entry): entry is FileSystemEntry => entry !== null);
  if (entries.length === 0) {
    return [...transfer.files].map((file) => ({ file, path: file.name }));
  }
  const groups = await Promise.all(entries.map((entry) => entryFiles(entry, '')));
  return groups.flat();
}
