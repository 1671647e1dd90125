"use client";

import { usePathname } from "next/navigation";
import { useEffect, useState } from "react";
import { ExternalLink } from "@/components/ui/ExternalLink";
import { githubUrlFor } from "@/lib/client/paths";

/** "Open on GitHub" for the current page: same path on the configured GitHub web URL. */
export function OpenOnGitHub({ webUrl, className }: { webUrl: string; className?: string }) {
  const pathname = usePathname();
  // Line links (#step:2:10) are the same on GitHub; the hash is only known in the browser.
  const [hash, setHash] = useState("");
  useEffect(() => {
    const update = () => setHash(window.location.hash);
    update();
    window.addEventListener("hashchange", update);
    return () => window.removeEventListener("hashchange", update);
  }, [pathname]);
  return (
    <ExternalLink
      href={githubUrlFor(pathname, webUrl, hash)}
      className={className}
      data-testid="open-on-github"
    >
      Open on GitHub
    </ExternalLink>
  );
}
