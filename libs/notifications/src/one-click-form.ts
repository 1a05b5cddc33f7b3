/**
 * The fields of a small `multipart/form-data` body, as RFC 8058's example one-click unsubscribe
 * POST sends it (`List-Unsubscribe=One-Click`). Only plain text fields are read; a file part, a
 * part without a name, or a body that is not well-formed gives `undefined`. This is not a general
 * multipart parser: the app accepts multipart nowhere else.
 */
export function multipartFields(
  body: string,
  contentType: string,
): Record<string, string> | undefined {
  const boundary = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;"]{1,70}))/i.exec(contentType);
  const mark = boundary?.[1] ?? boundary?.[2];
  if (!mark) {
    return undefined;
  }
  const delimiter = `--${mark}`;
  const end = body.indexOf(`${delimiter}--`);
  if (end < 0) {
    return undefined;
  }
  const fields: Record<string, string> = Object.create(null) as Record<string, string>;
  const parts = body.slice(0, end).split(delimiter).slice(1);
  for (const part of parts) {
    const split = part.indexOf('\r\n\r\n');
    if (!part.startsWith('\r\n') || split < 0 || !part.endsWith('\r\n')) {
      return undefined;
    }
    const headers = part.slice(2, split);
    const disposition = /^content-disposition:\s*form-data;\s*name="([^"]*)"\s*$/im.exec(headers);
    if (!disposition?.[1] || /filename=/i.test(headers)) {
      return undefined;
    }
    fields[disposition[1]] = part.slice(split + 4, -2);
  }
  return fields;
}
