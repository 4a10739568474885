import { z } from 'zod';
import { AUGMENTATION_PRESETS } from './augmentation-schema';
import { trainConfigSchema } from './config-schema';

interface JsonSchemaNode {
  type?: string | string[];
  description?: string;
  default?: unknown;
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchemaNode>;
  anyOf?: JsonSchemaNode[];
  prefixItems?: JsonSchemaNode[];
  items?: JsonSchemaNode | false;
  additionalProperties?: JsonSchemaNode | boolean;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
}

/** One documented configuration field. */
export interface ConfigFieldDoc {
  /** Dotted path, e.g. `optimizer.lr`. */
  path: string;
  /** A short type, e.g. `number ≥ 0`, `'adam' | 'adamw'`, `[number, number]`. */
  type: string;
  /** The default as JSON, or `—` when the field has none. */
  defaultValue: string;
  /** The field's description from the schema. */
  description: string;
}

function typeText(node: JsonSchemaNode): string {
  if (node.anyOf) return node.anyOf.map(typeText).join(' \\| ');
  if (node.enum) return node.enum.map((value) => JSON.stringify(value)).join(' \\| ');
  if (node.const !== undefined) return JSON.stringify(node.const);
  if (node.prefixItems) return `[${node.prefixItems.map(typeText).join(', ')}]`;
  const type = Array.isArray(node.type) ? node.type.join(' \\| ') : (node.type ?? 'any');
  if (type === 'array' && node.items) {
    const item = typeText(node.items);
    return item.includes(' ') ? `(${item})[]` : `${item}[]`;
  }
  if (type === 'object' && node.additionalProperties && node.additionalProperties !== true) {
    return `{ [name]: ${typeText(node.additionalProperties)} }`;
  }
  const bounds: string[] = [];
  if (node.minimum !== undefined) bounds.push(`≥ ${node.minimum}`);
  if (node.exclusiveMinimum !== undefined) bounds.push(`> ${node.exclusiveMinimum}`);
  if (node.maximum !== undefined && node.maximum < Number.MAX_SAFE_INTEGER) {
    bounds.push(`≤ ${node.maximum}`);
  }
  if (node.exclusiveMaximum !== undefined) bounds.push(`< ${node.exclusiveMaximum}`);
  return [type === 'integer' ? 'integer' : type, ...bounds].join(' ');
}

function defaultText(path: string, node: JsonSchemaNode): string {
  if (node.default !== undefined) return JSON.stringify(node.default);
  const [section, ...rest] = path.split('.');
  if (section === 'augmentation' && rest.length > 0) {
    let value: unknown = AUGMENTATION_PRESETS.original;
    for (const key of rest) value = (value as Record<string, unknown> | undefined)?.[key];
    if (value !== undefined && typeof value !== 'object') return `preset (original: ${value})`;
    if (Array.isArray(value)) {
      const shown = value.map((item) =>
        typeof item === 'number' ? Number(item.toFixed(2)) : item,
      );
      return `preset (original: ${JSON.stringify(shown)})`;
    }
  }
  return '—';
}

function walk(node: JsonSchemaNode, prefix: string, out: ConfigFieldDoc[]): void {
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    const objectChild =
      child.properties ?? child.anyOf?.find((option) => option.properties)?.properties;
    if (objectChild && Object.keys(objectChild).length > 0 && prefix.split('.').length < 3) {
      const nested = child.properties ? child : child.anyOf!.find((option) => option.properties)!;
      if (prefix !== '') {
        out.push({
          path,
          type: child.anyOf ? 'object \\| null' : 'object',
          defaultValue: defaultText(path, child),
          description: child.description ?? '',
        });
      }
      walk(nested, path, out);
      continue;
    }
    out.push({
      path,
      type: typeText(child),
      defaultValue: defaultText(path, child),
      description: child.description ?? '',
    });
  }
}

/**
 * Every field of the training configuration with its type, default and description, generated
 * from the zod schema (so documentation cannot drift from validation).
 * @example
 * configFields().find((field) => field.path === 'optimizer.lr')?.defaultValue; // '0.0005'
 */
export function configFields(): ConfigFieldDoc[] {
  const schema = z.toJSONSchema(trainConfigSchema, {
    io: 'input',
    unrepresentable: 'any',
  }) as JsonSchemaNode;
  const out: ConfigFieldDoc[] = [];
  walk(schema, '', out);
  return out;
}

/**
 * The configuration reference as a Markdown document: one table per section.
 * @example
 * fs.writeFileSync('docs/config.md', configReferenceMarkdown());
 */
export function configReferenceMarkdown(): string {
  const schema = z.toJSONSchema(trainConfigSchema, {
    io: 'input',
    unrepresentable: 'any',
  }) as JsonSchemaNode;
  const lines: string[] = [];
  for (const [section, node] of Object.entries(schema.properties ?? {})) {
    lines.push(`### \`${section}\``, '', node.description ?? '', '');
    lines.push('| key | type | default | description |', '| --- | --- | --- | --- |');
    const fields: ConfigFieldDoc[] = [];
    walk({ properties: { [section]: node } }, '', fields);
    for (const field of fields) {
      const description = field.description.replaceAll('|', '\\|');
      lines.push(
        `| \`${field.path}\` | ${field.type} | \`${field.defaultValue}\` | ${description} |`,
      );
    }
    lines.push('');
  }
  return lines.join('\n');
}
