#!/usr/bin/env node
// Peak RSS of `ct-fracture import-torch` and `ct-fracture labels check` on hostile and on real-size
// inputs (issue 16, items 6 and 7). Every input is built here, in a temporary folder; each command
// runs in its own process under GNU time (`/usr/bin/time -f %M`, the peak RSS in KiB).
//
//   node apps/cli/scripts/measure-hostile-input-rss.mjs [--only pth|csv] [--keep]
//
// Run from the repository root after `pnpm build`. Memory-heavy (one case inflates 1 GiB): run it
// alone, e.g. under `flock /tmp/ctf-bench.lock`.
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { constants, deflateRawSync, crc32 as zlibCrc32 } from 'node:zlib';
import { densenetPreset, parameterSpecs } from '@ct-fracture/densenet3d';

const CLI = join(dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'ct-fracture.cjs');
const MiB = 1024 ** 2;
const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const folder = mkdtempSync(join(tmpdir(), 'ctf-hostile-'));

// ---------------------------------------------------------------- .pth writing (torch.save layout)

const crc32 = (bytes) => zlibCrc32(bytes) >>> 0;

/** Writes a zip of `{ name, data, deflated?, declaredSize? }` entries to `path`, streaming. */
function writeZip(path, entries) {
  const fd = openSync(path, 'w');
  const centrals = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name);
    const body = entry.deflated ?? entry.data;
    const method = entry.deflated === undefined ? 0 : 8;
    const size = entry.declaredSize ?? entry.data.length;
    const crc = entry.crc ?? crc32(entry.data);
    const local = Buffer.alloc(30 + name.length);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    name.copy(local, 30);
    const central = Buffer.alloc(46 + name.length);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    name.copy(central, 46);
    writeSync(fd, local);
    writeSync(fd, body);
    centrals.push(central);
    offset += local.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(centrals.length, 8);
  end.writeUInt16LE(centrals.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  writeSync(fd, directory);
  writeSync(fd, end);
  closeSync(fd);
}

/** Pickle (protocol 2) of a dict name → `_rebuild_tensor_v2(storage, offset, shape, stride)`. */
function stateDictPickle(tensors) {
  const parts = [Buffer.from([0x80, 2, 0x7d, 0x28])];
  const text = (value) => parts.push(Buffer.from(value, 'latin1'));
  const unicode = (value) => {
    const bytes = Buffer.from(value);
    const head = Buffer.alloc(5);
    head[0] = 0x58;
    head.writeUInt32LE(bytes.length, 1);
    parts.push(head, bytes);
  };
  const integer = (value) => {
    const bytes = Buffer.alloc(10);
    bytes[0] = 0x8a;
    bytes[1] = 8;
    bytes.writeBigInt64LE(BigInt(value), 2);
    parts.push(bytes);
  };
  const tuple = (values) => {
    parts.push(Buffer.from([0x28]));
    for (const value of values) integer(value);
    parts.push(Buffer.from([0x74]));
  };
  for (const [name, tensor] of Object.entries(tensors)) {
    const stride =
      tensor.stride ??
      tensor.shape.map((_, axis) => tensor.shape.slice(axis + 1).reduce((a, b) => a * b, 1));
    unicode(name);
    text('ctorch._utils\n_rebuild_tensor_v2\n');
    parts.push(Buffer.from([0x28, 0x28]));
    unicode('storage');
    text('ctorch\nFloatStorage\n');
    unicode(tensor.storage);
    unicode('cpu');
    integer(tensor.numel);
    parts.push(Buffer.from([0x74, 0x51]));
    integer(tensor.offset ?? 0);
    tuple(tensor.shape);
    tuple(stride);
    parts.push(Buffer.from([0x89, 0x74, 0x52]));
  }
  parts.push(Buffer.from([0x75, 0x2e]));
  return Buffer.concat(parts);
}

/** The CRC-32 of `count` zero bytes (a multiple of 16 MiB), computed 16 MiB at a time. */
function zerosCrc(count) {
  const piece = Buffer.alloc(16 * MiB);
  let crc = 0;
  for (let done = 0; done < count; done += piece.length) crc = zlibCrc32(piece, crc);
  return crc >>> 0;
}

/** A raw deflate stream of `count` zero bytes (a multiple of 16 MiB), about 1 KiB per MiB. */
function deflatedZeros(count) {
  const block = deflateRawSync(Buffer.alloc(16 * MiB), {
    level: 9,
    finishFlush: constants.Z_SYNC_FLUSH,
  });
  const pieces = Array.from({ length: count / (16 * MiB) }, () => block);
  return Buffer.concat([...pieces, deflateRawSync(Buffer.alloc(0))]);
}

function writePth(path, tensors, storages) {
  writeZip(path, [
    { name: 'archive/data.pkl', data: stateDictPickle(tensors) },
    { name: 'archive/byteorder', data: Buffer.from('little') },
    ...storages.map((storage) => ({ ...storage, name: `archive/data/${storage.name}` })),
  ]);
}

/** A DenseNet121 state_dict (MONAI names, PyTorch layout, seeded values) as torch.save writes it. */
function writeDenseNet121(path) {
  const config = {
    body: densenetPreset('densenet121'),
    heads: [{ task: 'output', kind: 'multiclass', classes: ['a', 'b', 'c'] }],
  };
  const tensors = {};
  const storages = [];
  let seed = 16;
  for (const [index, spec] of parameterSpecs(config).entries()) {
    const key = spec.key.replace('heads.output.', 'class_layers.out.');
    const shape =
      spec.shape.length === 5
        ? [spec.shape[4], spec.shape[3], spec.shape[0], spec.shape[1], spec.shape[2]]
        : spec.shape.length === 2
          ? [spec.shape[1], spec.shape[0]]
          : spec.shape;
    const count = shape.reduce((a, b) => a * b, 1);
    const values = new Float32Array(count);
    for (let i = 0; i < count; i += 1) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      values[i] = spec.role === 'norm-running-var' ? 1 : (seed / 2 ** 32 - 0.5) * 0.05;
    }
    tensors[key] = { storage: String(index), numel: count, shape };
    storages.push({ name: String(index), data: Buffer.from(values.buffer) });
  }
  writePth(path, tensors, storages);
  return storages.reduce((sum, storage) => sum + storage.data.length, 0);
}

// ---------------------------------------------------------------- label CSVs

const HEADER =
  'patient_id,fracture_classification,gt_displacement_greater_equal_to_1cm,shaft_translation,varus_malalignment,art_involvement\n';

/** Writes `bytes` bytes: the header, then `line(index)` repeated, streaming. */
function writeCsv(path, bytes, line) {
  const fd = openSync(path, 'w');
  writeSync(fd, HEADER);
  let written = HEADER.length;
  let index = 0;
  let chunk = '';
  while (written < bytes) {
    const next = line(index);
    index += 1;
    chunk += next;
    written += next.length;
    if (chunk.length > MiB) {
      writeSync(fd, chunk);
      chunk = '';
    }
  }
  writeSync(fd, chunk);
  closeSync(fd);
}

/** Writes the header, then one row whose first cell is `bytes` characters of `fill`. */
function writeCsvWithHugeCell(path, bytes, { quoted }) {
  const fd = openSync(path, 'w');
  writeSync(fd, HEADER);
  writeSync(fd, quoted ? '"' : '');
  const piece = 'A'.repeat(MiB);
  for (let done = 0; done < bytes; done += MiB) writeSync(fd, piece);
  writeSync(fd, `${quoted ? '"' : ''},2-part,no,none,no,none\nP2,2-part,no,none,no,none\n`);
  closeSync(fd);
}

// ---------------------------------------------------------------- measuring

function measure(label, commandArgs, bound) {
  const result = spawnSync(
    '/usr/bin/time',
    ['-f', '%e %M', process.execPath, CLI, ...commandArgs],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'ignore', 'pipe'],
      maxBuffer: 64 * MiB,
    },
  );
  const lines = result.stderr.trim().split('\n');
  const [seconds, kilobytes] = (lines.pop() ?? '').split(' ').map(Number);
  const peakMb = kilobytes / 1024;
  const message = lines.find((line) => line.startsWith('ct-fracture:')) ?? lines[0] ?? '';
  const verdict =
    bound === undefined
      ? ''
      : peakMb <= bound
        ? `≤ ${bound.toFixed(0)} ok`
        : `> ${bound.toFixed(0)} FAIL`;
  console.log(
    `${label.padEnd(58)} exit ${String(result.status).padEnd(3)} ${seconds.toFixed(1).padStart(5)} s peak ${peakMb.toFixed(0).padStart(5)} MB ${verdict}`,
  );
  if (message !== '')
    console.log(`    ${message.length > 150 ? `${message.slice(0, 150)}…` : message}`);
  return peakMb;
}

console.log(`CPU: ${cpus()[0]?.model ?? 'unknown'}; node ${process.version}`);
const outDir = join(folder, 'out');

if (only === undefined || only === 'pth') {
  console.log('\nimport-torch (bound: 2 × the declared tensor bytes + 200 MB)');
  const pth = (name) => join(folder, name);

  writePth(
    pth('stride-zero.pth'),
    { weight: { storage: '0', numel: 1, shape: [1_550_000_000], stride: [0] } },
    [{ name: '0', data: Buffer.alloc(4) }],
  );
  measure(
    'stride-0 view of 1.55e9 floats (one float stored)',
    ['import-torch', pth('stride-zero.pth'), '--out', outDir],
    2 * 4 + 200,
  );

  for (const [megabytes, inflated] of [
    [1, 1024 * MiB],
    [4, 4096 * MiB],
  ]) {
    const name = `bomb-${megabytes}mb.pth`;
    writePth(pth(name), { weight: { storage: '0', numel: 1, shape: [1] } }, [
      { name: '0', data: Buffer.alloc(0), deflated: deflatedZeros(inflated), declaredSize: 4 },
    ]);
    measure(
      `${megabytes} MB deflate bomb (${inflated / MiB} MiB), declared 4 bytes`,
      ['import-torch', pth(name), '--out', outDir],
      (2 * 4) / MiB + 200,
    );
  }

  writePth(
    pth('declared-1gib.pth'),
    { weight: { storage: '0', numel: 256 * MiB, shape: [256 * MiB] } },
    [
      {
        name: '0',
        data: Buffer.alloc(0),
        deflated: deflatedZeros(1024 * MiB),
        declaredSize: 1024 * MiB,
        crc: zerosCrc(1024 * MiB),
      },
    ],
  );
  measure(
    '1 MB file declaring (and inflating to) a 1 GiB tensor',
    ['import-torch', pth('declared-1gib.pth'), '--out', outDir],
    (2 * 1024 * MiB) / MiB + 200,
  );

  writePth(
    pth('declared-4gib.pth'),
    { weight: { storage: '0', numel: 1000 * MiB, shape: [1000 * MiB] } },
    [
      {
        name: '0',
        data: Buffer.alloc(0),
        deflated: deflatedZeros(4096 * MiB),
        declaredSize: 4000 * MiB,
      },
    ],
  );
  measure(
    '4 MB file declaring a 3.9 GiB tensor (past the 2 GiB bound)',
    ['import-torch', pth('declared-4gib.pth'), '--out', outDir],
    200,
  );

  const shared = {};
  for (let index = 0; index < 600; index += 1)
    shared[`view${index}`] = { storage: '0', numel: MiB, shape: [MiB] };
  writePth(pth('shared.pth'), shared, [{ name: '0', data: Buffer.alloc(4 * MiB) }]);
  measure(
    '600 views of one 4 MiB storage (2.4 GB declared)',
    ['import-torch', pth('shared.pth'), '--out', outDir],
    200,
  );

  writeZip(pth('values.pth'), [
    {
      name: 'archive/data.pkl',
      data: Buffer.concat([Buffer.from([0x80, 2]), Buffer.alloc(999_999, 0x7d), Buffer.from('.')]),
    },
  ]);
  measure(
    'a pickle of 999 999 EMPTY_DICT (refused at 250 000 values)',
    ['import-torch', pth('values.pth'), '--out', outDir],
    200,
  );

  const declared = writeDenseNet121(pth('densenet121.pth'));
  measure(
    `a real DenseNet121 state_dict (${(declared / 1e6).toFixed(1)} MB of tensors)`,
    ['import-torch', pth('densenet121.pth'), '--out', outDir, '--size', '128'],
    (2 * declared) / 1e6 + 200,
  );
}

if (only === undefined || only === 'csv') {
  console.log('\nlabels check (bound: 500 MB on a 200 MB CSV)');
  const scans = join(folder, 'scans');
  mkdirSync(scans, { recursive: true });
  const csv = (name) => join(folder, name);
  const check = (label, path) =>
    measure(label, ['labels', 'check', '--csv', path, '--scans', scans], 500);

  writeCsv(csv('rows.csv'), 200 * MiB, (index) => `P${index},2-part,no,none,no,none\n`);
  check('200 MB of valid rows (3.4 M rows)', csv('rows.csv'));
  writeCsv(
    csv('bad-values.csv'),
    200 * MiB,
    (index) => `P${index},5-part,maybe,partial,perhaps,unknown\n`,
  );
  check('200 MB of rows with 5 unknown values each', csv('bad-values.csv'));
  writeCsvWithHugeCell(csv('cell.csv'), 200 * MiB, { quoted: false });
  check('one 200 MB unquoted cell', csv('cell.csv'));
  writeCsvWithHugeCell(csv('quoted.csv'), 200 * MiB, { quoted: true });
  check('one 200 MB quoted cell', csv('quoted.csv'));
  const fd = openSync(csv('unclosed.csv'), 'w');
  writeSync(fd, `${HEADER}P1,"2-part,no,none,no,none\n`);
  const filler = 'P,2-part,no,none,no,none\n'.repeat(40_000);
  for (let done = 0; done < 200 * MiB; done += filler.length) writeSync(fd, filler);
  closeSync(fd);
  check('a quote opened on line 2 and never closed, 200 MB', csv('unclosed.csv'));
  writeCsv(csv('wide.csv'), 200 * MiB, () => ','.repeat(MiB));
  check('200 MB of commas (one row of 200 M empty cells)', csv('wide.csv'));
  writeCsv(csv('ten-mb-lines.csv'), 200 * MiB, (index) => `P${index},${'x'.repeat(10 * MiB)}\n`);
  check('20 rows with a 10 MB cell each', csv('ten-mb-lines.csv'));
}

if (!args.includes('--keep')) rmSync(folder, { recursive: true, force: true });
else console.log(`\ninputs kept in ${folder}`);
