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

  // Only a patient with no record yet is looked up under a lock (one record, however many first submissions
  // come together: apps/fhir/test/submission-queue.int.test.ts). PGlite has one connection: nothing runs beside.
  it.runIf(target.name === 'postgresql')(
    'looks up a patient the hospital knows without waiting on another open submission about them',
    async () => {
      const hospital = randomUUID();
      const [known] = await createResources(opened.sql, [patient('D123456782')], { owner: hospital });
      let release = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let looked = () => {};
      const inside = new Promise<void>((resolve) => {
        looked = resolve;
      });
      // A submission about the patient that stays open (a long transaction, a slow commit).
      const open = opened.sql.transaction(async (tx) => {
        await chartPatientsOf(tx, bundleOf('D123456782'), hospital);
        looked();
        await held;
      });
      await inside;
      const beside = opened.sql.transaction((tx) => chartPatientsOf(tx, bundleOf('D123456782'), hospital));
      let timer: NodeJS.Timeout | undefined;
      const waited = new Promise<'waited'>((resolve) => {
        timer = setTimeout(() => resolve('waited'), 3_000);
      });
      try {
        expect(await Promise.race([beside, waited])).toEqual(new Map([[1, known?.resource.id]]));
      } finally {
        clearTimeout(timer);
        release();
        await open;
        await beside;
      }
    },
  );
});
