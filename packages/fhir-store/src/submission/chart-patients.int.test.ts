import { randomUUID } from 'node:crypto';
import { openTargetForSuite, testTargets } from '@openpas/db/testing';
import { type Bundle, type FhirResource, IDENTIFIER_SYSTEMS } from '@openpas/fhir-model';
import { describe, expect, it } from 'vitest';
import { createResources } from '../repository/resources.ts';
import { chartPatientsOf } from './chart-patients.ts';

const targets = await testTargets();

const patient = (nationalId: string): FhirResource =>
  ({
    resourceType: 'Patient',
    identifier: [{ system: IDENTIFIER_SYSTEMS.nationalId, value: nationalId }],
  }) as FhirResource;

const bundleOf = (...nationalIds: string[]): Bundle => ({
  resourceType: 'Bundle',
  type: 'collection',
  entry: [
    { resource: { resourceType: 'Claim' } as FhirResource },
    ...nationalIds.map((id) => ({ resource: patient(id) })),
  ],
});

describe.each(targets)("a hospital's own Patient records on $name", (target) => {
  const opened = openTargetForSuite(target);

  it('refers to the one record the hospital keeps under a national ID, and to none when it keeps several', async () => {
    const hospital = randomUUID();
    const other = randomUUID();
    const [single] = await createResources(opened.sql, [patient('A123456789')], { owner: hospital });
    // Another hospital's record of the same person never counts (tenancy).
    await createResources(opened.sql, [patient('A123456789'), patient('B123456780')], { owner: other });
    // Three records of one national ID: ambiguous.
    await createResources(opened.sql, [patient('C123456781'), patient('C123456781'), patient('C123456781')], {
      owner: hospital,
    });

    const found = await chartPatientsOf(
      opened.sql,
      bundleOf('A123456789', 'B123456780', 'C123456781'),
      hospital,
    );
    expect([...found]).toEqual([[1, single?.resource.id]]);
    expect(await chartPatientsOf(opened.sql, bundleOf('B123456780'), other)).toEqual(
      new Map([[1, expect.any(String)]]),
    );
    expect(await chartPatientsOf(opened.sql, bundleOf(), hospital)).toEqual(new Map());
  });
});
