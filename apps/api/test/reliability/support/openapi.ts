/** The part of an OpenAPI 3 document the fuzzer reads. */
export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  oneOf?: Schema[];
  nullable?: boolean;
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}

interface RawOperation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  security?: unknown[];
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, RawOperation>>;
  components?: { schemas?: Record<string, Schema> };
}

/** One documented operation, with its body schema (refs resolved at the top level). */
export interface Operation {
  /** `GET /api/pacts/{id}` */
  readonly key: string;
  readonly method: string;
  /** The templated path, `/api/pacts/{id}`. */
  readonly path: string;
  readonly pathParams: Parameter[];
  readonly queryParams: Parameter[];
  readonly headerParams: Parameter[];
  readonly body: Schema | undefined;
  readonly secured: boolean;
}

const REF = /^#\/components\/schemas\/(.+)$/;

/** Every `$ref` in the document that names no schema. */
export function danglingRefs(doc: OpenApiDocument): string[] {
  const names = new Set(Object.keys(doc.components?.schemas ?? {}));
  const found = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(walk);
    } else if (typeof node === 'object' && node !== null) {
      for (const [key, value] of Object.entries(node)) {
        if (key === '$ref' && typeof value === 'string') {
          const name = REF.exec(value)?.[1];
          if (name === undefined || !names.has(name)) {
            found.add(value);
          }
        } else {
          walk(value);
        }
      }
    }
  };
  walk(doc);
  return [...found].sort();
}

/** Follows `$ref`s; a dangling one resolves to `{}` (any value). */
export function resolve(doc: OpenApiDocument, schema: Schema | undefined): Schema {
  let current = schema ?? {};
  for (let hops = 0; current.$ref !== undefined && hops < 20; hops++) {
    const name = REF.exec(current.$ref)?.[1];
    current = (name !== undefined ? doc.components?.schemas?.[name] : undefined) ?? {};
  }
  return current;
}

/** The document's operations in a stable order. */
export function operationsOf(doc: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const parameters = op.parameters ?? [];
      const bodySchema =
        op.requestBody?.content?.['application/json']?.schema ??
        Object.values(op.requestBody?.content ?? {})[0]?.schema;
      operations.push({
        key: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        pathParams: parameters.filter((p) => p.in === 'path'),
        queryParams: parameters.filter((p) => p.in === 'query'),
        headerParams: parameters.filter((p) => p.in === 'header'),
        body: bodySchema ? resolve(doc, bodySchema) : undefined,
        secured: (op.security?.length ?? 0) > 0,
      });
    }
  }
  return operations.sort((a, b) => a.key.localeCompare(b.key));
}
