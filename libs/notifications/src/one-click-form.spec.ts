import { describe, expect, it } from '@jest/globals';
import { multipartFields } from './one-click-form.js';

// RFC 8058, section 8.1: what a mail receiver posts for a one-click unsubscribe.
const RFC_BODY = [
  '-----FormBoundaryjWmhtjORrn',
  'Content-Disposition: form-data; name="List-Unsubscribe"',
  '',
  'One-Click',
  '-----FormBoundaryjWmhtjORrn--',
  '',
].join('\r\n');

describe('multipartFields', () => {
  it("reads RFC 8058's example body", () => {
    expect(
      multipartFields(RFC_BODY, 'multipart/form-data; boundary=---FormBoundaryjWmhtjORrn'),
    ).toEqual({ 'List-Unsubscribe': 'One-Click' });
  });

  it('reads a quoted boundary and several fields', () => {
    const body = [
      '--b',
      'Content-Disposition: form-data; name="a"',
      '',
      '1',
      '--b',
      'Content-Disposition: form-data; name="List-Unsubscribe"',
      'Content-Type: text/plain',
      '',
      'One-Click',
      '--b--',
    ].join('\r\n');
    expect(multipartFields(body, 'multipart/form-data; boundary="b"')).toEqual({
      a: '1',
      'List-Unsubscribe': 'One-Click',
    });
  });

  it('refuses no boundary, no closing delimiter, files and nameless parts', () => {
    expect(multipartFields(RFC_BODY, 'multipart/form-data')).toBeUndefined();
    expect(
      multipartFields(
        RFC_BODY.replace('--\r\n', '\r\n'),
        'multipart/form-data; boundary=---FormBoundaryjWmhtjORrn',
      ),
    ).toBeUndefined();
    const file =
      '--b\r\nContent-Disposition: form-data; name="f"; filename="x.txt"\r\n\r\nhi\r\n--b--';
    expect(multipartFields(file, 'multipart/form-data; boundary=b')).toBeUndefined();
    const nameless = '--b\r\nContent-Disposition: form-data\r\n\r\nhi\r\n--b--';
    expect(multipartFields(nameless, 'multipart/form-data; boundary=b')).toBeUndefined();
  });
});
