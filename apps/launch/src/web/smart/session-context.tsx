import { Loading } from '@openpas/ui/states';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { useTranslations } from 'use-intl';
import {
  type Client,
  type EndReason,
  endedReason,
  forgetSession,
  grantIsGone,
  keepFresh,
  restoreSession,
} from './session.ts';
import { applySmartStyle } from './style.ts';

export interface Session {
  client: Client;
  /** The patient in context (EHR launch, patient picker, or the patient themselves) */
  patientId: string | null;
  /** The signed-in person (`Practitioner/…` or `Patient/…`), from the id_token */
  fhirUser: string | null;
  role: 'clinician' | 'patient';
  needPatientBanner: boolean;
  /** The scopes granted (what the person allowed at consent) */
  scopes: string[];
  /** Ends the session when an error says the grant is gone; rethrows anything else */
  guard: (error: unknown) => never;
  end: (reason: EndReason) => void;
}

const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in page');
  return session;
}

/**
 * The pages that need a SMART session: restores the tab's session (fhirclient keeps it), keeps the access
 * token fresh before it expires, applies the EHR's styling hints, and sends the person to sign in again
 * with a plain message when the grant is revoked or has expired.
 */
export function SessionGate({ children }: { children: ReactNode }) {
  const t = useTranslations('session');
  const navigate = useNavigate();
  const [client, setClient] = useState<Client | null | undefined>(undefined);

  const end = useCallback(
    (reason: EndReason) => {
      forgetSession(reason);
      navigate(`/signed-out?reason=${reason}`, { replace: true });
    },
    [navigate],
  );

  useEffect(() => {
    let stop: (() => void) | undefined;
    let left = false;
    restoreSession()
      .then((restored) => {
        if (left) return;
        setClient(restored);
        stop = keepFresh(restored, end);
        void applySmartStyle(restored.state.tokenResponse?.smart_style_url as string | undefined);
      })
      .catch((error: unknown) => {
        console.warn('the SMART session could not be restored:', String(error));
        setClient(null);
      });
    return () => {
      left = true;
      stop?.();
    };
  }, [end]);

  useEffect(() => {
    if (client === null) navigate(`/signed-out?reason=${endedReason() ?? 'none'}`, { replace: true });
  }, [client, navigate]);

  if (!client) return <Loading label={t('restoring')} />;
  const token = client.state.tokenResponse ?? {};
  const fhirUser = client.getFhirUser();
  const session: Session = {
    client,
    patientId: client.getPatientId(),
    fhirUser,
    role: fhirUser?.startsWith('Patient/') ? 'patient' : 'clinician',
    needPatientBanner: token.need_patient_banner === true,
    scopes: String(token.scope ?? '')
      .split(' ')
      .filter(Boolean),
    guard(error) {
      if (grantIsGone(error)) end('revoked');
      throw error;
    },
    end,
  };
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}
