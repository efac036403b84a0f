import {
  PERMISSION_LETTERS,
  type PermissionLetter,
  type ResourceScope,
  type Scope,
  type SpecialScopeKind,
} from './types.ts';

export type PlainWordsLocale = 'en' | 'zh-TW';

interface Wording {
  readonly verbs: Readonly<Record<PermissionLetter, string>>;
  readonly joinVerbs: (verbs: ReadonlyArray<string>) => string;
  readonly special: Readonly<Record<SpecialScopeKind, string>>;
  readonly other: (value: string) => string;
  readonly target: (scope: ResourceScope) => string;
  readonly constraint: (params: ReadonlyArray<readonly [string, string]>) => string;
  readonly sentence: (verbs: string, target: string, constraint: string) => string;
}

/** For a token `system|code` people know the code; a bare system or plain value is shown whole. */
function shownValue(value: string): string {
  const bar = value.lastIndexOf('|');
  return bar < 0 || bar === value.length - 1 ? value.replace(/\|$/, '') : value.slice(bar + 1);
}

function plural(resourceType: string): string {
  if (/[^aeiou]y$/.test(resourceType)) return `${resourceType.slice(0, -1)}ies`;
  if (/(s|x|ch|sh)$/.test(resourceType)) return `${resourceType}es`;
  return `${resourceType}s`;
}

const EN: Wording = {
  verbs: { c: 'create', r: 'read', u: 'update', d: 'delete', s: 'search' },
  joinVerbs: (verbs) => {
    const text = verbs.length < 2 ? verbs.join('') : `${verbs.slice(0, -1).join(', ')} and ${verbs.at(-1)}`;
    return text.charAt(0).toUpperCase() + text.slice(1);
  },
  special: {
    openid: 'Confirm who you are when you sign in',
    fhirUser: 'Know which record in this system represents you',
    profile: 'See your name and basic profile',
    launch: 'Use the patient and visit that are open when the app is started from the record system',
    'launch/patient': 'Know which patient is chosen when the app starts',
    'launch/encounter': 'Know which visit is chosen when the app starts',
    offline_access: 'Keep access when you are not using the app',
    online_access: 'Keep access while you are signed in',
  },
  other: (value) => `Use the app-specific permission "${value}"`,
  target: ({ context, resourceType }) => {
    const later = ', including kinds of record added later';
    if (context === 'patient') {
      if (resourceType === '*') return `all your records${later}`;
      return resourceType === 'Patient' ? 'your Patient record' : `your ${plural(resourceType)}`;
    }
    if (context === 'user') {
      return resourceType === '*'
        ? `all records you can access${later}`
        : `${plural(resourceType)} you can access`;
    }
    const owner = "this app's organisation is permitted to access";
    return resourceType === '*' ? `all records ${owner}${later}` : `${plural(resourceType)} ${owner}`;
  },
  constraint: (params) =>
    params.length === 0
      ? ''
      : `, only where ${params.map(([name, value]) => `${name} is ${shownValue(value)}`).join(' and ')}`,
  sentence: (verbs, target, constraint) => `${verbs} ${target}${constraint}`,
};

// Everyday names for the resource types a consent screen shows most; others keep the FHIR name.
const ZH_TYPES: Readonly<Record<string, string>> = {
  AllergyIntolerance: '過敏紀錄',
  Appointment: '預約紀錄',
  Bundle: '資料包',
  Claim: '申請案件',
  ClaimResponse: '審查結果',
  Condition: '診斷與健康問題',
  Coverage: '保險資料',
  DiagnosticReport: '檢查報告',
  DocumentReference: '文件',
  Encounter: '就醫紀錄',
  Immunization: '疫苗接種紀錄',
  MedicationRequest: '處方紀錄',
  Observation: '檢驗與觀察結果',
  Organization: '機構資料',
  Patient: '基本資料',
  Practitioner: '醫事人員資料',
  Procedure: '處置與手術紀錄',
};

function zhType(resourceType: string): string {
  const name = ZH_TYPES[resourceType];
  // A Latin word inside Chinese text reads better with spaces around it.
  return name === undefined ? ` ${resourceType} 資料` : `${name}（${resourceType}）`;
}

const ZH_TW: Wording = {
  verbs: { c: '新增', r: '讀取', u: '更新', d: '刪除', s: '搜尋' },
  joinVerbs: (verbs) =>
    verbs.length < 2 ? verbs.join('') : `${verbs.slice(0, -1).join('、')}及${verbs.at(-1)}`,
  special: {
    openid: '在您登入時確認您的身分',
    fhirUser: '得知本系統中代表您的紀錄',
    profile: '查看您的姓名及基本個人資料',
    launch: '從病歷系統啟動時，使用當時開啟的病人及就醫資料',
    'launch/patient': '得知應用程式啟動時所選的病人',
    'launch/encounter': '得知應用程式啟動時所選的就醫紀錄',
    offline_access: '在您未使用本應用程式時仍保有存取權',
    online_access: '在您登入期間保有存取權',
  },
  other: (value) => `使用應用程式自訂的權限「${value}」`,
  target: ({ context, resourceType }) => {
    const later = '（包括日後新增的資料類型）';
    const owner =
      context === 'patient' ? '您的' : context === 'user' ? '您有權存取的' : '本應用程式所屬機構有權存取的';
    return resourceType === '*' ? `${owner}所有資料${later}` : `${owner}${zhType(resourceType)}`;
  },
  constraint: (params) =>
    params.length === 0
      ? ''
      : `（僅限${params.map(([name, value]) => ` ${name} 為 ${shownValue(value)} `).join('且')}者）`,
  sentence: (verbs, target, constraint) => `${verbs}${target}${constraint}`,
};

const WORDINGS: Readonly<Record<PlainWordsLocale, Wording>> = { en: EN, 'zh-TW': ZH_TW };

/** One sentence describing what a scope lets the app do, for the consent screen. */
export function scopeToPlainWords(scope: Scope, locale: PlainWordsLocale): string {
  const wording = WORDINGS[locale];
  if (scope.kind === 'other') return wording.other(scope.value);
  if (scope.kind !== 'resource') return wording.special[scope.kind];
  const verbs = PERMISSION_LETTERS.filter((letter) => scope.permissions[letter]).map(
    (letter) => wording.verbs[letter],
  );
  return wording.sentence(wording.joinVerbs(verbs), wording.target(scope), wording.constraint(scope.params));
}
