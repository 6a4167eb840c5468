import { PageHeader } from "../../components/page-header.tsx";
import { Link } from "../../router/link.tsx";

export function NotFoundPage() {
  return (
    <>
      <PageHeader title="Page not found" description="There is no page at this address." />
      <p>
        Check the address, or go back to the <Link to="/">start page</Link>.
      </p>
    </>
  );
}
