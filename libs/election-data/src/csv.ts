/**
 * Parses RFC 4180 CSV text (quoted fields, doubled quotes, CRLF or LF line ends) into rows of
 * fields. The shipped files quote names such as "Brighton, Pavilion", so splitting on commas is
 * not enough.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          quoted = false;
        }
      } else {
        field += ch;
      }
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') {
        i++;
      }
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += ch;
    }
  }
  if (quoted) {
    throw new CsvFormatError('unterminated quoted field');
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** Thrown when a shipped file does not have the shape the parser expects. */
export class CsvFormatError extends Error {
  override name = 'CsvFormatError';
}

/**
 * Turns CSV text into records keyed by the header row, checking that every expected column is
 * present and every row has as many fields as the header.
 */
export function parseCsvRecords<K extends string>(
  text: string,
  columns: readonly K[],
): Record<K, string>[] {
  const [header, ...rows] = parseCsv(text);
  if (!header) {
    throw new CsvFormatError('empty file');
  }
  const index = new Map(header.map((name, i) => [name, i]));
  for (const column of columns) {
    if (!index.has(column)) {
      throw new CsvFormatError(`missing column ${column}`);
    }
  }
  return rows.map((fields, rowNumber) => {
    if (fields.length !== header.length) {
      throw new CsvFormatError(
        `row ${rowNumber + 2} has ${fields.length} fields, expected ${header.length}`,
      );
    }
    const record = {} as Record<K, string>;
    for (const column of columns) {
      record[column] = fields[index.get(column) ?? -1] ?? '';
    }
    return record;
  });
}
