import { api } from "../../api/api-client.ts";
import { useSubmit } from "../../components/use-submit.ts";

/**
 * Marks a certificate the vendor submitted through the vendor portal: the security team can tell
 * it apart, and until someone verifies it, it does not count for the playbook. With `verifyPath`
 * (a user who may write vendors), a Verify button records the check.
 */
export function FromVendorBadge(props: {
  by?: string | null | undefined;
  verifiedBy?: string | null | undefined;
  verifyPath?: string | undefined;
  onVerified?: () => void;
}) {
  const submit = useSubmit();
  const verify = async () => {
    if (!props.verifyPath) return;
    if (await submit.run(() => api(props.verifyPath ?? "", { method: "POST" }))) props.onVerified?.();
  };
  return (
    <>
      <span className="badge badge--neutral" title={props.by ? `Submitted by ${props.by}` : undefined}>
        from vendor
      </span>{" "}
      {props.verifiedBy ? (
        <span className="badge badge--success" title={`Verified by ${props.verifiedBy}`}>
          verified
        </span>
      ) : (
        <>
          <span className="badge badge--warning" title="It counts for the playbook once verified">
            awaiting verification
          </span>
          {props.verifyPath && (
            <button
              type="button"
              className="button button--secondary button--small"
              onClick={verify}
              disabled={submit.busy}
            >
              Verify
            </button>
          )}
          {submit.error && (
            <span role="alert" className="field__error">
              {submit.error.detail}
            </span>
          )}
        </>
      )}
    </>
  );
}
