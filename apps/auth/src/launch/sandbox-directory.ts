import type { AccountStore, OAuthClientStore } from '@openpas/auth-store';
import { sandboxOrganizations, sandboxUsers } from '@openpas/db/seed';
import type { PatientDirectory } from '@openpas/fhir-store';
import type { Context } from 'koa';
import { sendJson } from '../http/json.ts';
import { patientsVisibleTo } from '../interactions/patient-picker.ts';

// GET {issuer}/sandbox/directory: who and what the sandbox EHR launcher offers — each sandbox clinician
// with their hospital and the patients that hospital holds (the same rule the launch itself applies),
// the sandbox patients who can sign in for themselves, and the approved apps with a launch URL. Synthetic
// data only, and only while the sandbox is on; public, so any developer's launcher page may read it.

export interface SandboxDirectoryDeps {
  accounts: AccountStore;
  patients: PatientDirectory;
  clients: OAuthClientStore;
}

export async function handleSandboxDirectory(deps: SandboxDirectoryDeps, ctx: Context): Promise<void> {
  const clinicians = [];
  const patientAccounts = [];
  for (const sandboxUser of sandboxUsers) {
    const user = await deps.accounts.findEnabledByUsername(sandboxUser.username);
    if (!user) continue;
    const organization = sandboxOrganizations.find((org) => org.key === sandboxUser.organization);
    if (user.roles.includes('clinician')) {
      clinicians.push({
        username: user.username,
        name: user.displayName,
        hospital: organization
          ? { code: organization.nhiCode, name: organization.name, nameEn: organization.nameEn }
          : null,
        patients: await patientsVisibleTo(deps.patients, user),
      });
    } else if (user.roles.includes('patient') && user.fhirUser?.startsWith('Patient/')) {
      patientAccounts.push({
        username: user.username,
        name: user.displayName,
        patient: user.fhirUser.slice(8),
      });
    }
  }
  const apps = await deps.clients.launchable();
  sendJson(
    ctx,
    200,
    { clinicians, patients: patientAccounts, apps },
    {
      'Access-Control-Allow-Origin': '*',
      'Cache-Control': 'no-store',
    },
  );
}
