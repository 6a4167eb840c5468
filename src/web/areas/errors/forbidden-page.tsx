import { PageHeader } from "../../components/page-header.tsx";
import { Link } from "../../router/link.tsx";

export function ForbiddenPage() {
  return (
    <>
      <PageHeader
        title="Not available to your role"
        description="Your role does not give access to this page."
      />
      <p>
        If you need it, ask an admin to change your role. Go back to the <Link to="/">start page</Link>.
      </p>
    </>
  );
}
