import { describe, expect, it } from 'vitest';
import { ATTACHMENT_LIMITS, fileProblem, guideFileName } from './files.ts';

const MB = 1024 * 1024;

describe('files a request may carry', () => {
  it('takes PDFs as documents and JPEG or PNG as images, nothing else', () => {
    expect(fileProblem({ contentType: 'application/pdf', size: 0.5 * MB }, 'pdf', [])).toBeUndefined();
    expect(fileProblem({ contentType: 'image/png', size: 0.5 * MB }, 'image', [])).toBeUndefined();
    expect(fileProblem({ contentType: 'text/html', size: 10 }, 'pdf', [])).toBe('type');
    expect(fileProblem({ contentType: 'image/svg+xml', size: 10 }, 'image', [])).toBe('type');
    expect(fileProblem({ contentType: 'application/pdf', size: 10 }, 'image', [])).toBe('type');
  });

  it('refuses a file over 768 KiB, the sixth megabyte in all, and an eleventh file', () => {
    expect(
      fileProblem({ contentType: 'application/pdf', size: ATTACHMENT_LIMITS.maxFileBytes + 1 }, 'pdf', []),
    ).toBe('size');
    const seven = Array.from({ length: 7 }, () => ({ size: 0.7 * MB }));
    expect(fileProblem({ contentType: 'application/pdf', size: 0.5 * MB }, 'pdf', seven)).toBe('total');
    const ten = Array.from({ length: 10 }, () => ({ size: 1024 }));
    expect(fileProblem({ contentType: 'application/pdf', size: 1024 }, 'pdf', ten)).toBe('count');
  });

  it('names a file as the guide allows in a file:// URL', () => {
    expect(guideFileName('op note 2024.pdf', 'application/pdf')).toBe('op_note_2024.pdf');
    expect(guideFileName('病理報告(第2版).PDF', 'application/pdf')).toBe('病理報告(第2版).pdf');
    expect(guideFileName('../../etc/passwd', 'application/pdf')).toBe('passwd.pdf');
    expect(guideFileName('C:\\scans\\CT 01.jpeg', 'image/jpeg')).toBe('CT_01.jpg');
    expect(guideFileName('', 'image/png')).toBe('file.png');
  });
});
