// The two languages of the auth server's pages: English and Traditional Chinese (Taiwan). The locale
// comes from the request's ui_locales when the app sent one, else from Accept-Language, else English.

export type Locale = 'en' | 'zh-TW';

function localeOf(tag: string): Locale | undefined {
  const lower = tag.trim().toLowerCase();
  if (lower === 'zh' || lower.startsWith('zh-tw') || lower.startsWith('zh-hant') || lower === 'zh-hk') {
    return 'zh-TW';
  }
  if (lower === 'en' || lower.startsWith('en-')) return 'en';
  return undefined;
}

/** Picks the page language from ui_locales (space-separated, in order) or Accept-Language (by q). */
export function pickLocale(uiLocales: unknown, acceptLanguage: string | undefined): Locale {
  if (typeof uiLocales === 'string') {
    for (const tag of uiLocales.split(' ')) {
      const locale = localeOf(tag);
      if (locale) return locale;
    }
  }
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { tag, q: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    const locale = localeOf(tag);
    if (locale) return locale;
  }
  return 'en';
}

const EN = {
  signInTitle: 'Sign in',
  signInHeading: 'Sign in to OpenPAS',
  signInFor: (app: string) => `to continue to ${app}`,
  username: 'Username',
  password: 'Password',
  signIn: 'Sign in',
  badCredentials: 'The username or password is incorrect.',
  throttled: 'Too many failed sign-in attempts. Wait a few minutes and try again.',
  consentTitle: 'Allow access',
  consentHeading: (app: string) => `${app} would like to:`,
  patientInContext: (name: string) => `Patient: ${name}`,
  resourceLegend: 'Data the app may use (untick what you do not want to share)',
  otherLegend: 'The app will also',
  allow: 'Allow',
  deny: 'Deny',
  pickerTitle: 'Choose a patient',
  pickerHeading: 'Which patient is this for?',
  pickerHint: (app: string) => `${app} works with one patient at a time.`,
  noPatients: 'There is no patient you may open with this app.',
  expired: 'This page has expired. Return to the app and start again.',
  errorTitle: 'The request could not be completed',
  unverified: 'Confirm your email address first: open the link we sent when you signed up.',
  notEnabledTitle: 'App not enabled',
  notEnabled: (app: string, hospital: string) =>
    `${hospital || 'Your hospital'} has not enabled ${app} for its clinicians, so it cannot be launched.`,
  notEnabledHint: 'Ask your hospital’s administrator to enable it in the OpenPAS portal.',
  appsTitle: 'Apps with access',
  appsHeading: 'Apps that can use your data',
  appsNone: 'No app holds access to your data.',
  appsGranted: (date: string) => `Allowed on ${date}`,
  revoke: 'Revoke',
  revoked: (app: string) => `${app} can no longer use your data.`,
  skipToForm: 'Skip to the form',
};

type Messages = typeof EN;

const ZH_TW: Messages = {
  signInTitle: '登入',
  signInHeading: '登入 OpenPAS',
  signInFor: (app) => `以繼續使用 ${app}`,
  username: '使用者名稱',
  password: '密碼',
  signIn: '登入',
  badCredentials: '使用者名稱或密碼錯誤。',
  throttled: '登入失敗次數過多，請稍候幾分鐘再試。',
  consentTitle: '授權存取',
  consentHeading: (app) => `${app} 想要：`,
  patientInContext: (name) => `病人：${name}`,
  resourceLegend: '應用程式可使用的資料（取消勾選您不想分享的項目）',
  otherLegend: '應用程式也將',
  allow: '允許',
  deny: '拒絕',
  pickerTitle: '選擇病人',
  pickerHeading: '這是哪一位病人？',
  pickerHint: (app) => `${app} 一次處理一位病人。`,
  noPatients: '沒有您可以用此應用程式開啟的病人。',
  expired: '此頁面已過期，請回到應用程式重新開始。',
  errorTitle: '無法完成請求',
  unverified: '請先確認您的電子郵件地址：開啟註冊時寄給您的連結。',
  notEnabledTitle: '應用程式未啟用',
  notEnabled: (app, hospital) => `${hospital || '您的醫院'}尚未為臨床人員啟用「${app}」，因此無法啟動。`,
  notEnabledHint: '請洽貴院管理者在 OpenPAS 入口網站啟用此應用程式。',
  appsTitle: '可存取的應用程式',
  appsHeading: '可使用您資料的應用程式',
  appsNone: '目前沒有應用程式可存取您的資料。',
  appsGranted: (date) => `授權於 ${date}`,
  revoke: '撤銷',
  revoked: (app) => `${app} 已無法再使用您的資料。`,
  skipToForm: '跳至表單',
};

export function messages(locale: Locale): Messages {
  return locale === 'zh-TW' ? ZH_TW : EN;
}
