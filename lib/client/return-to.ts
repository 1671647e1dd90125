import { safeReturnTo } from "@/lib/auth/return-to";

export { safeReturnTo };

/** `/login?returnTo=...&error=...`, keeping only a validated same-origin returnTo. */
export function loginHref(returnTo: string | undefined, error?: string): string {
  const params = new URLSearchParams();
  const target = safeReturnTo(returnTo);
  if (target !== "/") params.set("returnTo", target);
  if (error) params.set("error", error);
  const query = params.toString();
  return query ? `/login?${query}` : "/login";
}
