import { describe, expect, it } from 'vitest';
import { parseScope } from './parse.ts';
import { scopeToPlainWords } from './plain-words.ts';

const LAB = 'http://terminology.hl7.org/CodeSystem/observation-category|laboratory';

describe('scopeToPlainWords in English', () => {
  const cases: Array<[string, string]> = [
    ['patient/Observation.rs', 'Read and search your Observations'],
    ['patient/Patient.r', 'Read your Patient record'],
    ['patient/Observation.c', 'Create your Observations'],
    ['patient/*.rs', 'Read and search all your records, including kinds of record added later'],
    [
      'user/*.cruds',
      'Create, read, update, delete and search all records you can access, including kinds of record added later',
    ],
    ['user/Appointment.cruds', 'Create, read, update, delete and search Appointments you can access'],
    ['user/Library.rs', 'Read and search Libraries you can access'],
    ['system/Bundle.crs', "Create, read and search Bundles this app's organisation is permitted to access"],
    [
      'system/*.rs',
      "Read and search all records this app's organisation is permitted to access, including kinds of record added later",
    ],
    [
      `patient/Observation.rs?category=${LAB}`,
      'Read and search your Observations, only where category is laboratory',
    ],
    [
      'patient/Observation.rs?category=laboratory&code=http://loinc.org|',
      'Read and search your Observations, only where category is laboratory and code is http://loinc.org',
    ],
    ['patient/*.read', 'Read and search all your records, including kinds of record added later'],
    ['openid', 'Confirm who you are when you sign in'],
    ['fhirUser', 'Know which record in this system represents you'],
    ['profile', 'See your name and basic profile'],
    ['launch', 'Use the patient and visit that are open when the app is started from the record system'],
    ['launch/patient', 'Know which patient is chosen when the app starts'],
    ['launch/encounter', 'Know which visit is chosen when the app starts'],
    ['offline_access', 'Keep access when you are not using the app'],
    ['online_access', 'Keep access while you are signed in'],
    ['__profilePhoto.manage', 'Use the app-specific permission "__profilePhoto.manage"'],
  ];
  it.each(cases)('describes %s as %j', (text, words) => {
    expect(scopeToPlainWords(parseScope(text), 'en')).toBe(words);
  });
});

describe('scopeToPlainWords in Traditional Chinese', () => {
  const cases: Array<[string, string]> = [
    ['patient/Observation.rs', '讀取及搜尋您的檢驗與觀察結果（Observation）'],
    ['patient/Patient.r', '讀取您的基本資料（Patient）'],
    ['patient/ImagingStudy.r', '讀取您的 ImagingStudy 資料'],
    ['patient/*.rs', '讀取及搜尋您的所有資料（包括日後新增的資料類型）'],
    ['user/*.cruds', '新增、讀取、更新、刪除及搜尋您有權存取的所有資料（包括日後新增的資料類型）'],
    ['system/Bundle.crs', '新增、讀取及搜尋本應用程式所屬機構有權存取的資料包（Bundle）'],
    [
      `patient/Observation.rs?category=${LAB}`,
      '讀取及搜尋您的檢驗與觀察結果（Observation）（僅限 category 為 laboratory 者）',
    ],
    [
      'patient/Observation.rs?category=laboratory&code=1234-5',
      '讀取及搜尋您的檢驗與觀察結果（Observation）（僅限 category 為 laboratory 且 code 為 1234-5 者）',
    ],
    ['openid', '在您登入時確認您的身分'],
    ['fhirUser', '得知本系統中代表您的紀錄'],
    ['launch/patient', '得知應用程式啟動時所選的病人'],
    ['offline_access', '在您未使用本應用程式時仍保有存取權'],
    ['online_access', '在您登入期間保有存取權'],
    ['__profilePhoto.manage', '使用應用程式自訂的權限「__profilePhoto.manage」'],
  ];
  it.each(cases)('describes %s as %j', (text, words) => {
    expect(scopeToPlainWords(parseScope(text), 'zh-TW')).toBe(words);
  });
});
