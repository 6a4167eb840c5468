/** Marks a record the vendor submitted through the vendor portal, so the security team can tell it apart. */
export function FromVendorBadge({ by }: { by?: string | null | undefined }) {
  return (
    <span className="badge badge--neutral" title={by ? `Submitted by ${by}` : undefined}>
      from vendor
    </span>
  );
}
