// The JSON the fuzzer sends, written byte for byte: JSON.stringify cannot write `-0`, `1e309`,
// invalid UTF-8, duplicate keys or `__proto__` as a plain key, and those are what parsers trip on.
/** A fragment written to the body byte for byte: `-0`, `1e309`, invalid UTF-8, deep nesting. */
export class Raw {
  constructor(readonly bytes: Buffer) {}

  static text(text: string): Raw {
    return new Raw(Buffer.from(text, 'utf8'));
  }
}

/** An object written as these pairs in order: duplicate keys, `__proto__` as a plain key. */
export class Entries {
  constructor(readonly pairs: readonly (readonly [string, Json])[]) {}
}

export type Json =
  | null
  | boolean
  | number
  | string
  | Raw
  | Entries
  | readonly Json[]
  | { readonly [key: string]: Json };

export const isPlainObject = (v: Json): v is { readonly [key: string]: Json } =>
  typeof v === 'object' &&
  v !== null &&
  !Array.isArray(v) &&
  !(v instanceof Raw) &&
  !(v instanceof Entries);

/** The JSON text of a value, as bytes. */
export function toJsonBytes(value: Json): Buffer {
  const out: Buffer[] = [];
  const text = (s: string) => out.push(Buffer.from(s, 'utf8'));
  const write = (v: Json): void => {
    if (v instanceof Raw) {
      out.push(v.bytes);
    } else if (v instanceof Entries) {
      text('{');
      v.pairs.forEach(([key, item], i) => {
        text(`${i > 0 ? ',' : ''}${JSON.stringify(key)}:`);
        write(item);
      });
      text('}');
    } else if (Array.isArray(v)) {
      text('[');
      (v as readonly Json[]).forEach((item, i) => {
        if (i > 0) {
          text(',');
        }
        write(item);
      });
      text(']');
    } else if (isPlainObject(v)) {
      write(new Entries(Object.entries(v)));
    } else {
      text(JSON.stringify(v));
    }
  };
  write(value);
  return Buffer.concat(out);
}

/** A short, printable description of a body for failure reports. */
export function describeBytes(bytes: Buffer | undefined, max = 400): string {
  if (bytes === undefined) {
    return '(no body)';
  }
  const text = bytes.toString('utf8');
  const shown = text.length > max ? `${text.slice(0, max)}… (${bytes.length} bytes)` : text;
  return JSON.stringify(shown);
}
