import type { Context } from 'koa';
import type { Locale } from './i18n.ts';

// Plain server-rendered pages: no script, one small stylesheet, landmarks, a lang attribute, labels on
// every field, errors announced with role=alert and the first field focused.

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** Tagged template that escapes every interpolated value unless it is already Html. */
export class Html {
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
  toString(): string {
    return this.text;
  }
}

type Part = Html | string | number | undefined | null | false | readonly Html[];

export function html(strings: TemplateStringsArray, ...values: Part[]): Html {
  let out = strings[0] ?? '';
  values.forEach((value, index) => {
    if (Array.isArray(value)) out += value.map((item: Html) => item.text).join('');
    else if (value instanceof Html) out += value.text;
    else if (value !== undefined && value !== null && value !== false) out += escapeHtml(String(value));
    out += strings[index + 1] ?? '';
  });
  return new Html(out);
}

const STYLE = `body{font-family:system-ui,"Noto Sans TC",sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}
label{display:block;margin-top:1rem;font-weight:600}input[type=text],input[type=password]{width:100%;padding:.5rem;font-size:1rem;box-sizing:border-box}
button{margin-top:1rem;margin-right:.5rem;padding:.5rem 1.25rem;font-size:1rem;cursor:pointer}
:focus-visible{outline:3px solid #1d4ed8;outline-offset:2px}[role=alert]{color:#9b1c1c;font-weight:600}
fieldset{margin-top:1rem}fieldset label{font-weight:400;margin-top:.5rem}ul.plain{list-style:none;padding:0}.muted{color:#555}`;

export function page(locale: Locale, title: string, body: Html): string {
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} · OpenPAS</title>
<style>${STYLE}</style></head><body><main>${body.text}</main></body></html>`;
}

export function sendHtml(ctx: Context, status: number, body: string): void {
  ctx.status = status;
  ctx.set('Cache-Control', 'no-store');
  ctx.type = 'html';
  ctx.body = body;
}

export function redirect(ctx: Context, location: string, status = 303): void {
  ctx.status = status;
  ctx.set('Cache-Control', 'no-store');
  ctx.redirect(location);
  ctx.body = '';
}
