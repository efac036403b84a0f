import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
import { loadConfig } from './config.ts';
import './styles.css';

const root = createRoot(document.getElementById('root') as HTMLElement);
loadConfig()
  .then((config) =>
    root.render(
      <StrictMode>
        <App config={config} />
      </StrictMode>,
    ),
  )
  .catch((error: Error) => {
    root.render(
      <p role="alert" style={{ padding: 24 }}>
        OpenPAS could not start: {error.message}. 無法啟動，請重新整理頁面。
      </p>,
    );
  });
