import { HydrationBoundary, dehydrate } from "@tanstack/react-query";
import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/session";
import { serializeApiError, toApiError } from "@/lib/client/api-error";
import { overviewQueries } from "@/lib/overview/queries";
import { getServerGitHub, getServerPrefetchGitHub, getServerQueryClient } from "@/lib/queries/server";
import { ErrorPanel } from "@/components/shell/ErrorPanel";
import { OrgActionsOverview } from "@/components/overview/OrgActionsOverview";

export const dynamic = "force-dynamic";

type Props = {
  params: Promise<{ org: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { org } = await params;
  return { title: `${org} · Actions overview` };
}

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/**
 * The org's Actions at a glance. The server reads the repository list (one paginated list, so the page knows what
 * to fan out over and a wrong org name is a 404 at once) and, in parallel, the org's runners, runner groups and
 * secrets; the browser then reads every repository through the proxy,
 * at most 10 requests at a time with ETags, showing results as they arrive and polling "now" and "stuck jobs".
 * In the browser rather than on the server: results stream into the page as each answer arrives with no extra
 * streaming protocol, the ETag cache lives with the page that polls, and the server holds no per-user state.
 */
export default async function OrgActionsPage({ params, searchParams }: Props) {
  const [{ org }, query] = await Promise.all([params, searchParams]);
  const rangeParams = { range: one(query.range), from: one(query.from), to: one(query.to) };
  const search = new URLSearchParams(
    Object.entries(rangeParams).filter((e): e is [string, string] => typeof e[1] === "string"),
  ).toString();
  await requireUser(`/organizations/${encodeURIComponent(org)}/actions${search ? `?${search}` : ""}`);
  const queryClient = getServerQueryClient();
  try {
    const [gh, prefetchGh] = await Promise.all([getServerGitHub(), getServerPrefetchGitHub()]);
    // The org-wide lists every section starts from, read in parallel with the repository list (a failure here is
    // not dehydrated: the browser asks again and its section shows the error).
    const orgLists = Promise.all([
      queryClient.prefetchQuery(overviewQueries.runners(prefetchGh, org)),
      queryClient.prefetchQuery(overviewQueries.groups(prefetchGh, org)),
      queryClient.prefetchQuery(overviewQueries.orgSecrets(prefetchGh, org)),
    ]);
    await queryClient.fetchQuery(overviewQueries.repos(gh, org));
    await orgLists;
  } catch (error) {
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-semibold">{org} · Actions overview</h1>
        <ErrorPanel error={serializeApiError(toApiError(error))} what={`the repositories of “${org}”`} />
      </div>
    );
  }
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <OrgActionsOverview org={org} rangeParams={rangeParams} />
    </HydrationBoundary>
  );
}
