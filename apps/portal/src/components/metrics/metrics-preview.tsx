// The metrics view alone in a browser page, for its browser test: the fixture report, in the locale the
// page's URL names (?locale=en), without the portal around it.
import { NextIntlClientProvider } from 'next-intl';
import { createRoot } from 'react-dom/client';
import en from '../../../messages/en.json' with { type: 'json' };
import zhTW from '../../../messages/zh-TW.json' with { type: 'json' };
import { MetricsView } from './metrics-view.tsx';
import { parseMetrics } from './parse-metrics.ts';
import { REPORT } from './report-fixture.ts';

const locale = new URLSearchParams(location.search).get('locale') === 'en' ? 'en' : 'zh-TW';
const root = document.getElementById('root');
if (root)
  createRoot(root).render(
    <NextIntlClientProvider locale={locale} messages={locale === 'en' ? en : zhTW} timeZone="Asia/Taipei">
      <div style={{ width: 1200, padding: 16 }}>
        <MetricsView metrics={parseMetrics(REPORT)} />
      </div>
    </NextIntlClientProvider>,
  );
