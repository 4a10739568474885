import type { DataSet } from 'dicom-parser';
import { DicomError } from '../errors/dicom-error';
import { tagLabel } from './tags';

/** Reads data elements of one data set, with errors that name the file and the tag. */
export class ValueReader {
  constructor(
    readonly dataSet: DataSet,
    readonly file: string,
  ) {}

  has(key: string): boolean {
    return this.dataSet.elements[key] !== undefined;
  }

  /** A string value (trailing spaces removed), or undefined when absent or empty. */
  text(key: string): string | undefined {
    if (!this.has(key)) return undefined;
    const value = this.guard(key, () => this.dataSet.string(key));
    return value === undefined || value === '' ? undefined : value;
  }

  /** An unsigned 16-bit value (VR US), or `fallback` when absent. */
  uint16(key: string, fallback?: number): number {
    const value = this.has(key) ? this.guard(key, () => this.dataSet.uint16(key)) : undefined;
    if (value !== undefined) return value;
    if (fallback !== undefined) return fallback;
    throw this.missing(key);
  }

  /** An integer string (VR IS), or `fallback` when absent. */
  integerString(key: string, fallback: number): number {
    if (!this.has(key)) return fallback;
    const value = this.guard(key, () => this.dataSet.intString(key));
    if (value === undefined) return fallback;
    if (!Number.isInteger(value)) throw this.bad(key, value, 'an integer');
    return value;
  }

  /** `count` decimal strings (VR DS); `fallback` when absent. */
  decimals(key: string, count: number, fallback?: number[]): number[] {
    if (!this.has(key)) {
      if (fallback !== undefined) return fallback;
      throw this.missing(key);
    }
    const values: number[] = [];
    for (let index = 0; index < count; index++) {
      const value = this.guard(key, () => this.dataSet.floatString(key, index));
      if (value === undefined || !Number.isFinite(value)) {
        const raw = this.guard(key, () => this.dataSet.string(key));
        throw this.bad(key, raw, `${count} finite decimal numbers`);
      }
      values.push(value);
    }
    return values;
  }

  /** The first item's data set of a sequence, or undefined. */
  item(key: string, index = 0): ValueReader | undefined {
    const item = this.dataSet.elements[key]?.items?.[index]?.dataSet;
    return item === undefined ? undefined : new ValueReader(item, this.file);
  }

  missing(key: string): DicomError {
    return new DicomError({
      code: 'unsupported-image',
      message: `an image needs ${tagLabel(key)}, which is missing`,
      file: this.file,
      tag: tagLabel(key),
    });
  }

  bad(key: string, value: unknown, expected: string): DicomError {
    return new DicomError({
      code: 'corrupt-file',
      message: `${tagLabel(key)} must hold ${expected}, got ${JSON.stringify(value)}`,
      file: this.file,
      tag: tagLabel(key),
      value,
    });
  }

  private guard<T>(key: string, read: () => T): T {
    try {
      return read();
    } catch (thrown) {
      throw new DicomError({
        code: 'corrupt-file',
        message: `${tagLabel(key)} cannot be read: ${String(thrown)}`,
        file: this.file,
        tag: tagLabel(key),
        cause: thrown,
      });
    }
  }
}
