import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { certificateFileName } from './certificate-file.js';

describe('certificateFileName', () => {
  it('makes a slug of the title', () => {
    expect(certificateFileName('Hastings for Lewes')).toBe('hastings-for-lewes-certificate.json');
    expect(certificateFileName('  Ynys Môn & Arfon!  ')).toBe(
      'ynys-mon-and-arfon-certificate.json',
    );
  });

  it('falls back to "pact" when nothing of the title is left', () => {
    expect(certificateFileName('!!!')).toBe('pact-certificate.json');
    expect(certificateFileName('')).toBe('pact-certificate.json');
  });

  it('is always a safe, bounded file name', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (title) => {
        const name = certificateFileName(title);
        expect(name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*-certificate\.json$/);
        expect(name.length).toBeLessThanOrEqual(60 + '-certificate.json'.length);
      }),
    );
  });
});
