import type { ChangeEvent } from "react";
import type { Page } from "../../api/api-types.ts";
import type { Vendor } from "../../api/lifecycle-types.ts";
import { useApi } from "../../api/use-api.ts";
import { SelectField } from "../../components/select-field.tsx";

/**
 * A vendor picker over the first 200 vendors by name: principal vendors only
 * (those an engagement is with), or subcontractors too.
 */
export function VendorSelect(props: {
  value: string;
  onChange(e: ChangeEvent<HTMLSelectElement>): void;
  error?: string | undefined;
  hint?: string;
  includeSubcontractors?: boolean;
}) {
  const vendors = useApi<Page<Vendor>>(
    `/api/vendors?limit=200&kind=${props.includeSubcontractors ? "all" : "principal"}`,
  );
  const options = [
    { value: "", label: vendors.status === "loading" ? "Loading vendors…" : "Choose a vendor" },
    ...(vendors.data?.items ?? []).map((v) => ({ value: v.id, label: v.legalName })),
  ];
  return (
    <SelectField
      label="Vendor"
      options={options}
      value={props.value}
      onChange={props.onChange}
      {...(props.hint ? { hint: props.hint } : {})}
      error={props.error ?? (vendors.status === "error" ? vendors.error.detail : undefined)}
    />
  );
}
