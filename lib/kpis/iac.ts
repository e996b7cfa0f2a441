/**
 * Infrastructure as code (pure): the share of components marked IaC-managed,
 * and the share of changes filed in the period through API tokens (pipelines).
 */
export type IacComponentRow = { id: string; name: string; iacManaged: boolean; iacRepository: string | null };
export type Iac = { components: number; managed: number; componentShare: number | null; changes: number; viaToken: number; changeShare: number | null; unmanaged: IacComponentRow[] };

export function infrastructureAsCode(input: { components: IacComponentRow[]; changes: { total: number; viaToken: number } }): Iac {
  const managed = input.components.filter((c) => c.iacManaged).length;
  const n = input.components.length;
  return {
    components: n,
    managed,
    componentShare: n ? (100 * managed) / n : null,
    changes: input.changes.total,
    viaToken: input.changes.viaToken,
    changeShare: input.changes.total ? (100 * input.changes.viaToken) / input.changes.total : null,
    unmanaged: input.components.filter((c) => !c.iacManaged),
  };
}
