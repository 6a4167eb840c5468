import { FRAMEWORK_NAMES, type FrameworkId } from "../../../playbook/frameworks.ts";
import type { PlaybookControl } from "../../api/lifecycle-types.ts";

/** A control's references, framework by framework: "ISO/IEC 27001:2022 A.5.19, A.5.20 · SOC 2 CC9.2 · …". */
export function FrameworkReferences({
  frameworks,
}: {
  frameworks: NonNullable<PlaybookControl["frameworks"]>;
}) {
  const text = (Object.keys(FRAMEWORK_NAMES) as FrameworkId[])
    .filter((f) => frameworks[f]?.length)
    .map((f) => `${FRAMEWORK_NAMES[f]} ${frameworks[f]?.join(", ")}`)
    .join(" · ");
  return <>{text}</>;
}
