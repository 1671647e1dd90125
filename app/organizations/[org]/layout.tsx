import type { ReactNode } from "react";
import { OrgNav } from "@/components/shell/OrgNav";

/** Every org page gets the org's tabs (overview, Actions overview, runners, groups, secrets, permissions). */
export default async function OrgLayout({ children, params }: { children: ReactNode; params: Promise<{ org: string }> }) {
  const { org } = await params;
  return (
    <>
      <OrgNav org={org} />
      {children}
    </>
  );
}
