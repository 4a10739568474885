/** Value representations this writer emits (explicit VR little endian). */
type Vr = 'UI' | 'CS' | 'LO' | 'SH' | 'DS' | 'IS' | 'US' | 'UL' | 'OB' | 'OW' | 'PN' | 'DA';

const LONG_LENGTH = new Set<Vr>(['OB', 'OW']);
const encoder = new TextEncoder();

/**
 * A decimal string value (VR DS, at most 16 characters): the shortest of JavaScript's round
 * trip form and decreasing precisions that fits.
 */
export function decimalString(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`a DS value must be finite, got ${value}`);
  const plain = `${value + 0}`;
  if (plain.length <= 16 && !plain.includes('e')) return plain;
  for (let digits = 15; digits >= 1; digits--) {
    const text = Number(value.toPrecision(digits)).toString();
    if (text.length <= 16) return text;
  }
  throw new RangeError(`${value} does not fit a 16-character DS`);
}

/** Builds a data set element by element, in increasing tag order (explicit VR little endian). */
export class ElementWriter {
  private readonly chunks: Uint8Array[] = [];
  private length = 0;
  private lastTag = -1;

  /** Appends an element; text values are padded to even length (UI with NUL, others with space). */
  add(group: number, element: number, vr: Vr, value: string | Uint8Array | number): this {
    const tag = group * 0x10000 + element;
    if (tag <= this.lastTag)
      throw new Error(`elements must be added in tag order (${tag.toString(16)})`);
    this.lastTag = tag;
    let bytes: Uint8Array;
    if (typeof value === 'number') {
      bytes = new Uint8Array(vr === 'UL' ? 4 : 2);
      const view = new DataView(bytes.buffer);
      if (vr === 'UL') view.setUint32(0, value, true);
      else view.setUint16(0, value, true);
    } else if (typeof value === 'string') {
      const text = value.length % 2 === 1 ? value + (vr === 'UI' ? '\0' : ' ') : value;
      bytes = encoder.encode(text);
    } else {
      bytes = value.length % 2 === 1 ? Uint8Array.from([...value, 0]) : value;
    }
    const long = LONG_LENGTH.has(vr);
    const header = new Uint8Array(long ? 12 : 8);
    const view = new DataView(header.buffer);
    view.setUint16(0, group, true);
    view.setUint16(2, element, true);
    header[4] = vr.charCodeAt(0);
    header[5] = vr.charCodeAt(1);
    if (long) view.setUint32(8, bytes.length, true);
    else view.setUint16(6, bytes.length, true);
    this.chunks.push(header, bytes);
    this.length += header.length + bytes.length;
    return this;
  }

  /** The bytes written so far. */
  bytes(): Uint8Array {
    const out = new Uint8Array(this.length);
    let at = 0;
    for (const chunk of this.chunks) {
      out.set(chunk, at);
      at += chunk.length;
    }
    return out;
  }
}
